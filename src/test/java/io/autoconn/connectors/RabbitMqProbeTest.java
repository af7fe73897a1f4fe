package io.autoconn.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoconn.egress.EgressPolicy;
import io.autoconn.secrets.Secret;
import io.autoconn.testing.ThreadLeaks;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runs against the RabbitMQ at 127.0.0.1:5672 (user guest, password guest, virtual host /). */
class RabbitMqProbeTest extends EndpointProbeContract {
    private static final String CANARY = "S3cr3t-Canary-123";
    private static final Map<String, String> LOCAL =
            Map.of("host", "127.0.0.1", "port", "5672", "vhost", "/", "user", "guest", "tls", "false");

    private final RabbitMqProbe probe = new RabbitMqProbe();

    @Override
    Probe probe() {
        return probe;
    }

    @Override
    ProbeInput params(String... overrides) {
        return TestTargets.params(LOCAL, Map.of("password", Secret.of("guest")), overrides);
    }

    @Override
    String password() {
        return "guest";
    }

    @Override
    int defaultPort() {
        return 5672;
    }

    @Override
    List<List<String>> silentServerOverrides() {
        return List.of(List.of(), List.of("tls", "true"));
    }

    /** The local broker's params with a wrong password, which must never show up in a detail. */
    private static ProbeInput wrongPassword(String... overrides) {
        return TestTargets.params(LOCAL, Map.of("password", Secret.of(CANARY)), overrides);
    }

    @Test
    void kindIsRabbitmq() {
        assertThat(probe.kind()).isEqualTo("rabbitmq");
    }

    @Test
    void theDefaultPortAndVirtualHostConnect() {
        assertThat(probe.check(params("port", null, "vhost", null, "tls", null), TIMEOUT).connected()).isTrue();
    }

    @Test
    void aWrongPasswordIsAuthFailed() throws InterruptedException {
        ThreadLeaks threads = ThreadLeaks.snapshot();

        ProbeResult result = probe.check(wrongPassword(), TIMEOUT);

        assertThat(result.error().code()).isEqualTo("CHECK-AUTH-FAILED");
        assertThat(result.error().title()).isEqualTo("The credentials were refused");
        assertThat(result.error().detail()).contains("127.0.0.1:5672", "\"guest\"", "ACCESS_REFUSED")
                .doesNotContain(CANARY);
        threads.assertNoneLeft();
    }

    @Test
    void anUnknownUserIsAuthFailed() {
        ProbeResult result = probe.check(wrongPassword("user", "no_such_user"), TIMEOUT);

        assertThat(result.error().code()).isEqualTo("CHECK-AUTH-FAILED");
        assertThat(result.error().detail()).contains("no_such_user").doesNotContain(CANARY);
    }

    @Test
    void anUnknownVirtualHostIsVhostNotFound() {
        ProbeResult result = probe.check(params("vhost", "no_such_vhost"), TIMEOUT);

        assertThat(result.error().code()).isEqualTo("CHECK-VHOST-NOT-FOUND");
        assertThat(result.error().title()).isEqualTo("The virtual host does not exist");
        assertThat(result.error().detail()).isEqualTo("RabbitMQ at 127.0.0.1:5672 has no virtual host \"no_such_vhost\".");
    }

    @Test
    void transportFailuresDoNotShowTheWrongPasswordEither() {
        ProbeResult result = probe.check(wrongPassword("port", String.valueOf(TestTargets.refusedPort())), TIMEOUT);

        assertThat(result.error().code()).isEqualTo("CHECK-CONNECTION-REFUSED");
        assertThat(result.error().detail()).doesNotContain(CANARY);
    }

    @Test
    void tlsAgainstAPlainPortIsATlsFailure() {
        ProbeResult result = probe.check(wrongPassword("tls", "true"), TIMEOUT);

        assertThat(result.error().code()).isEqualTo("CHECK-TLS");
        assertThat(result.error().detail()).contains("127.0.0.1:5672").doesNotContain(CANARY);
    }

    @Test
    void aServerThatSpeaksAnotherProtocolIsAClearFailure() throws Exception {
        ThreadLeaks threads = ThreadLeaks.snapshot();
        try (TestTargets.StallingServer ssh = new TestTargets.StallingServer("SSH-2.0-OpenSSH_9.2\r\n")) {
            ProbeResult result = probe.check(wrongPassword("port", String.valueOf(ssh.port())), TIMEOUT);

            assertThat(result.error().code()).isEqualTo("CHECK-FAILED");
            assertThat(result.error().detail()).isEqualTo("127.0.0.1:" + ssh.port()
                    + " did not answer as an AMQP 0-9-1 broker: its answer is not an AMQP frame.");
        }
        threads.assertNoneLeft();
    }

    @Test
    void theProbeChecksTheEgressPolicyOnTheAddressItConnectsTo() {
        // The checker vets the host first; this is the second look, after the client's own DNS lookup.
        RabbitMqProbe denyingLoopback = new RabbitMqProbe(EgressPolicy.of("", "127.0.0.0/8"));

        ProbeResult result = denyingLoopback.check(params("host", "localhost"), TIMEOUT);

        assertThat(result.error().code()).isEqualTo("CHECK-TARGET-REFUSED");
        assertThat(result.error().detail()).contains("127.0.0.1", "127.0.0.0/8");
    }

    @Test
    void aMissingUserIsInvalidParams() {
        ProbeResult result = probe.check(params("user", null), TIMEOUT);

        assertThat(result.error().code()).isEqualTo("CHECK-INVALID-PARAMS");
        assertThat(result.error().detail()).contains("'user'");
    }

    @Test
    void theTargetNamesTheEndpointTheProbeConnectsTo() throws InvalidParamException {
        assertThat(RabbitMqTarget.from(params("host", "[::1]", "port", null, "tls", "true")).endpoint())
                .isEqualTo(new Endpoint("::1", 5671));
    }
}
