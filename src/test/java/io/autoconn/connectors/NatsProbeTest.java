package io.autoconn.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoconn.secrets.Secret;
import io.autoconn.testing.BrokerProcess;
import io.autoconn.testing.ThreadLeaks;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs against the NATS server at 127.0.0.1:4222, which has no authentication, and two servers
 * started here: one with a user and password, one with a token.
 */
class NatsProbeTest extends EndpointProbeContract {
    private static final String CANARY = "S3cr3t-Canary-123";
    private static final String USER = "automation";
    private static final String PASSWORD = "Right-Password-42";
    private static final String TOKEN = "Right-Token-42";

    private final NatsProbe probe = new NatsProbe();
    private BrokerProcess withPassword;
    private BrokerProcess withToken;

    @BeforeAll
    void startServersWithAuthentication() throws Exception {
        withPassword = BrokerProcess.natsWithPassword(USER, PASSWORD);
        withToken = BrokerProcess.natsWithToken(TOKEN);
    }

    @AfterAll
    void stopServers() throws Exception {
        withPassword.close();
        withToken.close();
    }

    @Override
    Probe probe() {
        return probe;
    }

    /** The server with a password, as its user. */
    @Override
    ProbeInput params(String... overrides) {
        return login(PASSWORD, overrides);
    }

    @Override
    String password() {
        return PASSWORD;
    }

    @Override
    int defaultPort() {
        return 4222;
    }

    @Override
    List<List<String>> silentServerOverrides() {
        return List.of(List.of(), List.of("tls", "true"));
    }

    private ProbeInput login(String password, String... overrides) {
        return TestTargets.params(Map.of("host", "127.0.0.1", "port", String.valueOf(withPassword.port()), "user", USER),
                Map.of("password", Secret.of(password)), overrides);
    }

    private ProbeInput token(String token) {
        return TestTargets.params(Map.of("host", "127.0.0.1", "port", String.valueOf(withToken.port())),
                Map.of("token", Secret.of(token)));
    }

    /** The machine's server, which has no authentication. */
    private static ProbeInput open(String... overrides) {
        return TestTargets.params(Map.of("host", "127.0.0.1", "port", "4222", "tls", "false"), Map.of(), overrides);
    }

    @Test
    void kindIsNats() {
        assertThat(probe.kind()).isEqualTo("nats");
    }

    @Test
    void aServerWithoutAuthenticationConnectsOnTheDefaultPort() {
        assertThat(probe.check(open("port", null, "tls", null), TIMEOUT)).isEqualTo(ProbeResult.ok());
    }

    @Test
    void aGoodTokenConnects() {
        assertThat(probe.check(token(TOKEN), TIMEOUT)).isEqualTo(ProbeResult.ok());
    }

    @Test
    void aWrongPasswordIsAuthFailedAtOnceAndLeavesNoThread() throws InterruptedException {
        ThreadLeaks threads = ThreadLeaks.snapshot();
        long start = System.nanoTime();

        ProbeResult result = probe.check(login(CANARY), TIMEOUT);

        // jnats alone would wait out the whole timeout for the answer to its first PING.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(result.error().code()).isEqualTo("CHECK-AUTH-FAILED");
        assertThat(result.error().title()).isEqualTo("The credentials were refused");
        assertThat(result.error().detail()).isEqualTo("The NATS server at 127.0.0.1:" + withPassword.port()
                + " refused user \"automation\": Authorization Violation.");
        threads.assertNoneLeft();
    }

    @Test
    void aWrongTokenIsAuthFailed() {
        ProbeResult result = probe.check(token(CANARY), TIMEOUT);

        assertThat(result.error().code()).isEqualTo("CHECK-AUTH-FAILED");
        assertThat(result.error().detail()).contains("refused the token").doesNotContain(CANARY);
    }

    @Test
    void noCredentialsWhereTheServerWantsThemIsAuthFailed() {
        ProbeResult result = probe.check(TestTargets.params(
                Map.of("host", "127.0.0.1", "port", String.valueOf(withPassword.port())), Map.of()), TIMEOUT);

        assertThat(result.error().code()).isEqualTo("CHECK-AUTH-FAILED");
        assertThat(result.error().detail()).contains("refused a client without credentials");
    }

    @Test
    void tlsWithAServerWithoutTlsIsATlsFailure() {
        ProbeResult result = probe.check(login(CANARY, "tls", "true"), TIMEOUT);

        assertThat(result.error().code()).isEqualTo("CHECK-TLS");
        assertThat(result.error().detail()).isEqualTo("The NATS server at 127.0.0.1:" + withPassword.port()
                + " does not offer TLS; set tls to false.");
    }

    @Test
    void aServerThatSpeaksAnotherProtocolIsAClearFailure() throws Exception {
        ThreadLeaks threads = ThreadLeaks.snapshot();
        try (TestTargets.StallingServer ssh = new TestTargets.StallingServer("SSH-2.0-OpenSSH_9.2\r\n")) {
            ProbeResult result = probe.check(open("port", String.valueOf(ssh.port())), TIMEOUT);

            assertThat(result.error().code()).isEqualTo("CHECK-FAILED");
            assertThat(result.error().detail()).isEqualTo(
                    "127.0.0.1:" + ssh.port() + " did not answer as a NATS server: its first message was not INFO.");
        }
        threads.assertNoneLeft();
    }

    @Test
    void aTokenAndAUserTogetherAreInvalidParams() {
        ProbeResult result = probe.check(TestTargets.params(Map.of("host", "127.0.0.1", "user", USER),
                Map.of("password", Secret.of(CANARY), "token", Secret.of("also-a-token"))), TIMEOUT);

        assertThat(result.error().code()).isEqualTo("CHECK-INVALID-PARAMS");
        assertThat(result.error().detail()).contains("'token'", "'user'").doesNotContain(CANARY);
    }

    @Test
    void theTargetNamesTheEndpointTheProbeConnectsTo() throws InvalidParamException {
        assertThat(NatsTarget.from(open("host", "nats.example.com", "port", null)).endpoint())
                .isEqualTo(new Endpoint("nats.example.com", 4222));
    }
}
