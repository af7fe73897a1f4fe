package io.autoconn.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoconn.testing.SilentServer;
import io.autoconn.testing.ThreadLeaks;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Runs against the RabbitMQ at 127.0.0.1:5672 (user guest, password guest, virtual host /). */
class RabbitMqProbeTest extends NetworkProbeContract {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String CANARY = TestParams.CANARY;


    RabbitMqProbeTest() {
        super(new RabbitMqProbe(), "rabbitmq", 5672);
    }

    private static final Map<String, String> LOCAL =
            Map.of("host", "127.0.0.1", "port", "5672", "vhost", "/", "user", "guest", "tls", "false");

    /** The local broker's params with guest's real password, with {@code overrides}. */
    private static ProbeInput params(String... overrides) {
        return TestParams.of(LOCAL, Map.of("password", "guest")).with(overrides);
    }

    /** The local broker's params with a wrong password, which must never show up in a detail. */
    private static ProbeInput wrongPassword(String... overrides) {
        return TestParams.of(LOCAL, Map.of("password", CANARY)).with(overrides);
    }

    @Override
    ProbeInput goodParams() {
        return params();
    }

    @Override
    ProbeInput failingParams(String... overrides) {
        return wrongPassword(overrides);
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
    void tlsAgainstAPlainPortIsATlsFailure() {
        ProbeResult result = probe.check(wrongPassword("tls", "true"), TIMEOUT);

        assertThat(result.error().code()).isEqualTo("CHECK-TLS");
        assertThat(result.error().detail()).contains("127.0.0.1:5672").doesNotContain(CANARY);
    }

    @Test
    void aServerThatSpeaksAnotherProtocolIsAClearFailure() throws Exception {
        try (SilentServer ssh = new SilentServer("SSH-2.0-OpenSSH_9.2\r\n")) {
            ThreadLeaks threads = ThreadLeaks.snapshot();

            ProbeResult result = probe.check(wrongPassword("port", String.valueOf(ssh.port())), TIMEOUT);

            assertThat(result.error().code()).isEqualTo("CHECK-FAILED");
            assertThat(result.error().detail()).isEqualTo("127.0.0.1:" + ssh.port()
                    + " did not answer as an AMQP 0-9-1 broker: its answer is not an AMQP frame.");
            threads.assertNoneLeft();
        }
    }

    @Test
    void aMissingUserIsInvalidParams() {
        ProbeResult result = probe.check(params("user", null), TIMEOUT);

        assertThat(result.error().code()).isEqualTo("CHECK-INVALID-PARAMS");
        assertThat(result.error().detail()).contains("'user'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example/path", "user@127.0.0.1", "host name"})
    void aHostThatIsNoHostIsInvalidParams(String host) {
        ProbeResult result = probe.check(params("host", host), TIMEOUT);

        assertThat(result.error().code()).isEqualTo("CHECK-INVALID-PARAMS");
        assertThat(result.error().detail()).contains("'host'");
    }

    @Test
    void theTargetNamesTheHostAndPortTheProbeConnectsTo() throws InvalidParamException {
        assertThat(RabbitMqTarget.from(params("host", "::1", "port", null, "tls", "true")).server())
                .isEqualTo(new Endpoint("[::1]", 5671));
    }
}
