package io.autoconn.deploy;

import static io.autoconn.deploy.Manifests.at;
import static io.autoconn.deploy.Manifests.integer;
import static io.autoconn.deploy.Manifests.list;
import static io.autoconn.deploy.Manifests.map;
import static io.autoconn.deploy.Manifests.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoconn.deploy.Manifests.Resource;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator relies on when applying {@code deploy/k8s}: several replicas behind probes the server really
 * answers without a key, only settings the server reads, the secrets from the Secret and nowhere else, and a
 * pod whose read-only root is enough. Catches drift between the manifests and the server.
 */
class KubernetesManifestsTest {
    /** The settings that must never be in a ConfigMap (which anyone who may read the namespace reads). */
    private static final Set<String> SECRETS = Set.of("AUTOCONN_MASTER_KEY", "AUTOCONN_DB_PASSWORD",
            "AUTOCONN_ADMIN_API_KEY");
    /** The server's graceful shutdown by default (AUTOCONN_SHUTDOWN_GRACE). */
    private static final int SHUTDOWN_GRACE_SECONDS = 30;

    private final Manifests manifests = Manifests.load();
    private final Resource deployment = manifests.one("Deployment");
    private final Map<String, Object> pod = map(deployment.body(), "spec", "template", "spec");
    private final Map<String, Object> container = list(pod, "containers").get(0);

    @Test
    void severalReplicasReplacedOneAtATimeAndNeverAllDisrupted() {
        assertThat(integer(deployment.body(), "spec", "replicas")).isGreaterThanOrEqualTo(2);
        assertThat(string(deployment.body(), "spec", "strategy", "type")).isEqualTo("RollingUpdate");
        assertThat(integer(deployment.body(), "spec", "strategy", "rollingUpdate", "maxUnavailable")).isZero();
        assertThat(integer(manifests.one("PodDisruptionBudget").body(), "spec", "minAvailable")).isPositive();
    }

    @Test
    void serviceAndBudgetSelectThePodsOnTheirPort() throws IOException {
        Map<String, Object> podLabels = map(deployment.body(), "spec", "template", "metadata", "labels");
        assertThat(podLabels).containsAllEntriesOf(map(deployment.body(), "spec", "selector", "matchLabels"));
        Resource service = manifests.one("Service");
        assertThat(podLabels).containsAllEntriesOf(map(service.body(), "spec", "selector"));
        assertThat(podLabels).containsAllEntriesOf(
                map(manifests.one("PodDisruptionBudget").body(), "spec", "selector", "matchLabels"));
        String target = string(list(service.body(), "spec", "ports").get(0), "targetPort");
        int serverPort = defaultPort();
        assertThat(list(container, "ports")).anySatisfy(port -> {
            assertThat(port.get("name")).isEqualTo(target);
            assertThat(port.get("containerPort")).isEqualTo(serverPort);
        });
    }

    @Test
    void probesAnswerWithoutAKeyOnARealServer(@TempDir Path dataDir) throws Exception {
        Set<String> paths = new TreeSet<>();
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            assertThat(string(container, probe, "httpGet", "port")).isEqualTo("http");
            paths.add(string(container, probe, "httpGet", "path"));
        }
        assertThat(paths).contains("/health/readiness");
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class,
                Map.<String, Object>of("autoconn.data-dir", dataDir.toString(), "micronaut.server.port", -1))) {
            HttpClient client = HttpClient.newHttpClient();
            for (String path : paths) {
                HttpResponse<String> response = client.send(
                        HttpRequest.newBuilder(URI.create(server.getURL() + path)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
            }
        }
    }

    @Test
    void everySettingNamedIsOneTheServerReads() throws IOException {
        Set<String> read = new TreeSet<>();
        Matcher m = Pattern.compile("\\$\\{(AUTOCONN_[A-Z_]+)").matcher(applicationYml());
        while (m.find()) {
            read.add(m.group(1));
        }
        Set<String> named = new TreeSet<>(map(manifests.one("ConfigMap").body(), "data").keySet());
        list(container, "env").forEach(variable -> named.add((String) variable.get("name")));
        named.addAll(map(manifests.one("Secret").body(), "stringData").keySet());
        assertThat(named).isNotEmpty().allSatisfy(name -> assertThat(read).contains(name));
    }

    @Test
    void secretsComeFromTheSecretAndNeverFromTheConfigMap() {
        Resource secret = manifests.one("Secret");
        Map<String, Object> configMap = map(manifests.one("ConfigMap").body(), "data");
        assertThat(configMap.keySet()).doesNotContainAnyElementsOf(SECRETS)
                .noneMatch(name -> name.matches(".*(KEY|PASSWORD|SECRET|TOKEN).*"));
        assertThat(string(configMap, "AUTOCONN_DB_URL")).as("many replicas share one PostgreSQL database")
                .startsWith("jdbc:postgresql://");
        Map<String, Map<String, Object>> env = list(container, "env").stream()
                .collect(Collectors.toMap(variable -> (String) variable.get("name"), variable -> variable));
        for (String name : SECRETS) {
            assertThat(env).as(name).containsKey(name);
            Map<String, Object> ref = map(env.get(name), "valueFrom", "secretKeyRef");
            assertThat(ref.get("name")).isEqualTo(secret.name());
            assertThat(map(secret.body(), "stringData")).containsKey((String) ref.get("key"));
            assertThat(ref.get("optional")).as(name + " is required").isNotEqualTo(true);
        }
        assertThat(list(container, "envFrom").get(0))
                .isEqualTo(Map.of("configMapRef", Map.of("name", manifests.one("ConfigMap").name())));
    }

    @Test
    void theExampleSecretAppliedAsItIsStopsTheStart(@TempDir Path dataDir) {
        Map<String, Object> placeholders = map(manifests.one("Secret").body(), "stringData");
        Map<String, Object> settings = new HashMap<>(Map.<String, Object>of("autoconn.data-dir", dataDir.toString(),
                "micronaut.server.port", -1, "autoconn.master-key", placeholders.get("AUTOCONN_MASTER_KEY"),
                "autoconn.admin-api-key", placeholders.get("AUTOCONN_ADMIN_API_KEY")));
        assertThatThrownBy(() -> ApplicationContext.run(EmbeddedServer.class, settings).close())
                .hasStackTraceContaining("AUTOCONN_MASTER_KEY is not valid base64");
    }

    @Test
    void runsAsNonRootOnAReadOnlyRootWithScratchSpace() {
        assertThat(at(pod, "securityContext", "runAsNonRoot")).isEqualTo(true);
        assertThat(at(container, "securityContext", "readOnlyRootFilesystem")).isEqualTo(true);
        assertThat(at(container, "securityContext", "allowPrivilegeEscalation")).isEqualTo(false);
        String tmpVolume = list(container, "volumeMounts").stream()
                .filter(mount -> "/tmp".equals(mount.get("mountPath"))).map(mount -> (String) mount.get("name"))
                .findFirst().orElseThrow(() -> new AssertionError("the JVM needs a writable /tmp"));
        assertThat(list(pod, "volumes")).anySatisfy(volume -> {
            assertThat(volume.get("name")).isEqualTo(tmpVolume);
            assertThat(volume).containsKey("emptyDir");
        });
        assertThat(at(container, "resources", "limits", "memory")).isNotNull();
    }

    @Test
    void shutdownFitsTheGracePeriodAfterEndpointsDrain() {
        List<String> preStop = Manifests.strings(container, "lifecycle", "preStop", "exec", "command");
        assertThat(preStop.get(0)).isEqualTo("sleep");
        int drain = Integer.parseInt(preStop.get(1));
        assertThat(drain).isPositive();
        assertThat(integer(pod, "terminationGracePeriodSeconds")).isGreaterThan(drain + SHUTDOWN_GRACE_SECONDS);
    }

    @Test
    void kustomizationAppliesEveryManifestButTheExampleSecret() {
        Resource kustomization = manifests.one("Kustomization");
        Set<String> files = manifests.all().stream().map(Resource::file)
                .filter(file -> !file.equals(kustomization.file()) && !file.startsWith("secret."))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(Manifests.strings(kustomization.body(), "resources")).containsExactlyInAnyOrderElementsOf(files);
    }

    private static String applicationYml() throws IOException {
        return Files.readString(Path.of("src", "main", "resources", "application.yml"));
    }

    private static int defaultPort() throws IOException {
        Matcher m = Pattern.compile("\\$\\{AUTOCONN_PORT:(\\d+)}").matcher(applicationYml());
        assertThat(m.find()).isTrue();
        return Integer.parseInt(m.group(1));
    }
}
