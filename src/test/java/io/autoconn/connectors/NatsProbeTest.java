package io.autoconn.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoconn.testing.BrokerProcess;
import io.autoconn.testing.SilentServer;
import io.autoconn.testing.ThreadLeaks;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Runs against the NATS server at 127.0.0.1:4222, which has no authentication, and two servers
 * started here: one with a user and password, one with a token.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NatsProbeTest extends NetworkProbeContract {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String CANARY = TestParams.CANARY;
    private static final String USER = "automation";
    private static final String PASSWORD = "Right-Password-42";
    private static final String TOKEN = "Right-Token-42";

    private BrokerProcess withPassword;
    private BrokerProcess withToken;

    NatsProbeTest() {
        super(new NatsProbe(), "nats", 4222);
    }

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

    private static ProbeInput open(String... overrides) {
        return TestParams.of(Map.of("host", "127.0.0.1", "port", "4222", "tls", "false"), Map.of()).with(overrides);
    }

    private ProbeInput login(String password, String... overrides) {
        return TestParams.of(Map.of("host", "127.0.0.1", "port", String.valueOf(withPassword.port()), "user", USER),
                Map.of("password", password)).with(overrides);
    }

    private ProbeInput token(String token) {
        return TestParams.of(Map.of("host", "127.0.0.1", "port", String.valueOf(withToken.port())),
                Map.of("token", token)).with();
    }

    @Override
    ProbeInput goodParams() {
        return login(PASSWORD);
    }

    @Override
    ProbeInput failingParams(String... overrides) {
        return login(CANARY, overrides);
    }

    @Test
    void aServerWithoutAuthenticationConnects() {
        assertThat(probe.check(open(), TIMEOUT)).isEqualTo(ProbeResult.ok());
    }

    @Test
    void theDefaultPortConnects() {
        assertThat(probe.check(open("port", null, "tls", null), TIMEOUT).connected()).isTrue();
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

        // jnats alone would wait out the whole timeout for its first PING's answer.
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
        ProbeResult result = probe.check(login(CANARY, "user", null, "password", null), TIMEOUT);

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
        try (SilentServer ssh = new SilentServer("SSH-2.0-OpenSSH_9.2\r\n")) {
            ThreadLeaks threads = ThreadLeaks.snapshot();

            ProbeResult result = probe.check(open("port", String.valueOf(ssh.port())), TIMEOUT);

            assertThat(result.error().code()).isEqualTo("CHECK-FAILED");
            assertThat(result.error().detail())
                    .isEqualTo("127.0.0.1:" + ssh.port() + " did not answer as a NATS server: its first message was not INFO.");
            threads.assertNoneLeft();
        }
    }

    @Test
    void aTokenAndAUserTogetherAreInvalidParams() {
        ProbeResult result = probe.check(login(CANARY, "token", "also-a-token"), TIMEOUT);

        assertThat(result.error().code()).isEqualTo("CHECK-INVALID-PARAMS");
        assertThat(result.error().detail()).contains("'token'", "'user'").doesNotContain(CANARY);
    }

    @Test
    void theTargetNamesTheHostAndPortTheProbeConnectsTo() throws InvalidParamException {
        assertThat(NatsTarget.from(open("host", "nats.example.com", "port", null)).server())
                .isEqualTo(new Endpoint("nats.example.com", 4222));
    }
}
