package io.autoconn.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoconn.testing.PackagedServer;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator command {@code tenants create}, run from the packaged jar the way an operator runs it, on the
 * database of a running server: the key it prints works over HTTP, and the new tenant sees nothing of the
 * default tenant's.
 */
class TenantsCliIT {
    private static final JsonMapper JSON = JsonMapper.createDefault();
    private static final Pattern TENANT_ID = Pattern.compile("created tenant '[^']+' \\(id ([0-9a-f-]{36})\\)");
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    record Run(int exit, String stdout, String stderr) {
    }

    /** {@code java -jar autoconn.jar args...} with the server's settings; the same port proves no server starts. */
    private Run cli(String port, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                PackagedServer.projectRoot().resolve("target/autoconn.jar").toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("cli-out", ".txt");
        Path err = Files.createTempFile("cli-err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(Map.of("AUTOCONN_DATA_DIR", dataDir.toString(), "AUTOCONN_PORT", port));
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the command exits by itself").isTrue();
        Run run = new Run(process.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return run;
    }

    private HttpResponse<String> get(String base, String key, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + key)
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String base, String key, String path, Object body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> data(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return (List<Map<String, Object>>) JSON.readValue(response.body(), Argument.mapOf(String.class, Object.class))
                .get("data");
    }

    private static String id(HttpResponse<String> created) throws Exception {
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return (String) JSON.readValue(created.body(), Argument.mapOf(String.class, Object.class)).get("id");
    }

    @Test
    void createsATenantWhoseAdminKeyWorksAndSeesNothingOfTheDefaultTenant() throws Exception {
        String defaultKey = ApiKeys.generate();
        try (PackagedServer server = PackagedServer.start(dataDir, defaultKey, Map.of())) {
            String base = server.baseUrl();
            String port = base.substring(base.lastIndexOf(':') + 1);
            String connection = id(post(base, defaultKey, "/api/v1/automation-connections", Map.of(
                    "connectorId", "67031468-9f41-4068-9de8-95d3dd29dfb4", "name", "default's connection",
                    "params", List.of(Map.of("name", "baseUrl", "value", base + "/health")))));
            String defaultUser = id(post(base, defaultKey, "/api/v1/users", Map.of("name", "Default's user")));

            Run created = cli(port, "tenants", "create", "--name", "acme", "--admin-name", "Acme Ops",
                    "--admin-email=ops@acme.example");
            assertThat(created.exit()).as(created.stderr()).isZero();
            assertThat(created.stdout()).matches("ack_[A-Za-z0-9_-]{43}\\R");
            assertThat(created.stderr()).contains("created tenant 'acme'").contains("TenantAdmin 'Acme Ops'")
                    .contains("shown only now").doesNotContain(created.stdout().strip());
            String key = created.stdout().strip();
            Matcher tenant = TENANT_ID.matcher(created.stderr());
            assertThat(tenant.find()).isTrue();

            List<Map<String, Object>> users = data(get(base, key, "/api/v1/users"));
            assertThat(users).singleElement().satisfies(u -> {
                assertThat(u).containsEntry("name", "Acme Ops").containsEntry("email", "ops@acme.example")
                        .containsEntry("tenantId", tenant.group(1)).containsEntry("status", "active");
                assertThat(u.get("assignedRoles").toString()).contains("TenantAdmin");
            });
            String acmeAdmin = (String) users.get(0).get("id");
            assertThat(data(get(base, key, "/api/v1/automation-connections?listAll=true"))).isEmpty();
            assertThat(data(get(base, key, "/api/v1/api-keys"))).singleElement()
                    .satisfies(k -> assertThat(k).containsEntry("sub", acmeAdmin).containsEntry("status", "active"));
            assertThat(get(base, key, "/api/v1/automation-connections/" + connection).statusCode()).isEqualTo(404);
            assertThat(get(base, key, "/api/v1/users/" + defaultUser).statusCode()).isEqualTo(404);
            assertThat(get(base, key, "/api/v1/users/me").headers().firstValue("Location")).hasValue(
                    base + "/api/v1/users/" + acmeAdmin);
            // ... and the default tenant sees nothing of acme's.
            assertThat(get(base, defaultKey, "/api/v1/users/" + acmeAdmin).statusCode()).isEqualTo(404);
            assertThat(data(get(base, defaultKey, "/api/v1/users?limit=100"))).extracting(u -> u.get("id"))
                    .contains(defaultUser).doesNotContain(acmeAdmin);
            assertThat(auditedTypes(tenant.group(1))).containsExactlyInAnyOrder("com.qlik.v1.tenant.created",
                    "com.qlik.v1.user.created", "com.qlik.v1.api-key.created");

            Run duplicate = cli(port, "tenants", "create", "--name", "acme");
            assertThat(duplicate.exit()).isEqualTo(1);
            assertThat(duplicate.stdout()).isEmpty();
            assertThat(duplicate.stderr()).contains("a tenant named 'acme' exists already");
            assertThat(data(get(base, key, "/api/v1/users"))).hasSize(1);
        }
    }

    @Test
    void badArgumentsExitWithUsageBeforeTouchingTheDatabase() throws Exception {
        for (String[] args : List.of(new String[] {"tenants"}, new String[] {"tenants", "delete", "--name", "x"},
                new String[] {"tenants", "create"}, new String[] {"tenants", "create", "--name"},
                new String[] {"tenants", "create", "--name", "x", "--colour", "blue"},
                new String[] {"tenants", "create", "--name", " "},
                new String[] {"tenants", "create", "--name", "x", "--admin-email", "nope"})) {
            Run run = cli("0", args);
            assertThat(run.exit()).as(String.join(" ", args) + ": " + run.stderr()).isEqualTo(2);
            assertThat(run.stdout()).isEmpty();
            assertThat(run.stderr()).contains("usage: java -jar autoconn.jar tenants create --name <name>");
        }
        assertThat(dataDir.resolve("autoconn.db")).doesNotExist();
    }

    private List<String> auditedTypes(String tenantId) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("autoconn.db"));
             PreparedStatement s = c.prepareStatement("SELECT event_type FROM audit_events WHERE tenant_id = ?")) {
            s.setString(1, tenantId);
            List<String> types = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    types.add(r.getString(1));
                }
            }
            return types;
        }
    }
}
