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
 * Runs against the Mosquitto at 127.0.0.1:1883, which admits anonymous clients, and a second Mosquitto
 * started here with a password file and anonymous clients refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MqttProbeTest extends NetworkProbeContract {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String CANARY = TestParams.CANARY;
    private static final String USER = "automation";
    private static final String PASSWORD = "Right-Password-42";

    private BrokerProcess secured;

    MqttProbeTest() {
        super(new MqttProbe(), "mqtt", 1883);
    }

    @BeforeAll
    void startBrokerWithPasswords() throws Exception {
        secured = BrokerProcess.mosquittoWithPassword(USER, PASSWORD);
    }

    @AfterAll
    void stopBroker() throws Exception {
        secured.close();
    }

    /** The machine's broker, anonymously. */
    private static ProbeInput anonymous(String... overrides) {
        return TestParams.of(Map.of("host", "127.0.0.1", "port", "1883", "tls", "false"), Map.of()).with(overrides);
    }

    /** The broker with passwords, as its user with {@code password}. */
    private ProbeInput login(String password, String... overrides) {
        return TestParams.of(Map.of("host", "127.0.0.1", "port", String.valueOf(secured.port()), "username", USER),
                Map.of("password", password)).with(overrides);
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
    void anAnonymousClientConnectsToABrokerThatAllowsIt() {
        assertThat(probe.check(anonymous(), TIMEOUT)).isEqualTo(ProbeResult.ok());
    }

    @Test
    void theDefaultPortConnects() {
        assertThat(probe.check(anonymous("port", null, "tls", null), TIMEOUT).connected()).isTrue();
    }

    @Test
    void aGivenClientIdConnects() {
        assertThat(probe.check(login(PASSWORD, "clientId", "automation-1"), TIMEOUT)).isEqualTo(ProbeResult.ok());
    }

    @Test
    void aWrongPasswordIsAuthFailed() {
        ProbeResult result = probe.check(login(CANARY), TIMEOUT);

        assertThat(result.error().code()).isEqualTo("CHECK-AUTH-FAILED");
        assertThat(result.error().title()).isEqualTo("The credentials were refused");
        // Mosquitto answers a wrong password with return code 5 (not authorized), not 4.
        assertThat(result.error().detail()).isEqualTo("The MQTT broker at 127.0.0.1:" + secured.port()
                + " refused the connection: not authorized (CONNACK return code 5) for user \"automation\".");
    }

    @Test
    void noCredentialsWhereTheBrokerWantsThemIsAuthFailed() {
        ProbeResult result = probe.check(login(CANARY, "username", null, "password", null), TIMEOUT);

        assertThat(result.error().code()).isEqualTo("CHECK-AUTH-FAILED");
        assertThat(result.error().detail()).endsWith("for a client without a user name.");
    }

    @Test
    void tlsAgainstAPlainPortIsATlsFailure() {
        ProbeResult result = probe.check(login(CANARY, "tls", "true"), TIMEOUT);

        assertThat(result.error().code()).isEqualTo("CHECK-TLS");
        assertThat(result.error().detail()).contains("127.0.0.1:" + secured.port(), "TLS").doesNotContain(CANARY);
    }

    @Test
    void aServerThatSpeaksAnotherProtocolFirstIsAClearFailure() throws Exception {
        try (SilentServer ssh = new SilentServer("SSH-2.0-OpenSSH_9.2\r\n")) {
            ThreadLeaks threads = ThreadLeaks.snapshot();

            ProbeResult result = probe.check(login(CANARY, "port", String.valueOf(ssh.port())), TIMEOUT);

            assertThat(result.error().code()).isEqualTo("CHECK-FAILED");
            assertThat(result.error().detail()).isEqualTo("127.0.0.1:" + ssh.port() + " did not answer as an MQTT"
                    + " broker: the first bytes of its answer were 0x53 0x53 instead of a CONNACK.");
            threads.assertNoneLeft();
        }
    }

    @Test
    void aServerThatHangsUpIsAClearFailure() {
        // RabbitMQ answers bytes that are not AMQP with its protocol header and closes.
        ProbeResult result = probe.check(anonymous("port", "5672"), TIMEOUT);

        assertThat(result.error().code()).isEqualTo("CHECK-FAILED");
        assertThat(result.error().detail()).startsWith("127.0.0.1:5672 did not answer as an MQTT broker");
    }

    @Test
    void aPasswordWithoutAUserNameIsInvalidParams() {
        ProbeResult result = probe.check(login(CANARY, "username", null), TIMEOUT);

        assertThat(result.error().code()).isEqualTo("CHECK-INVALID-PARAMS");
        assertThat(result.error().detail()).contains("'password'", "'username'").doesNotContain(CANARY);
    }

    @Test
    void aClientIdTooLongForMqttIsInvalidParams() {
        ProbeResult result = probe.check(anonymous("clientId", "x".repeat(65536)), TIMEOUT);

        assertThat(result.error().code()).isEqualTo("CHECK-INVALID-PARAMS");
        assertThat(result.error().detail()).contains("'clientId'");
    }

    @Test
    void eachCheckGetsAFreshShortClientId() throws InvalidParamException {
        String first = MqttTarget.from(anonymous()).clientId();
        String second = MqttTarget.from(anonymous()).clientId();

        assertThat(first).isNotEqualTo(second).startsWith("autoconn-check-").hasSizeLessThanOrEqualTo(23);
    }

    @Test
    void theTargetNamesTheHostAndPortTheProbeConnectsTo() throws InvalidParamException {
        assertThat(MqttTarget.from(anonymous("host", "broker.example.com", "port", null, "tls", "true")).server())
                .isEqualTo(new Endpoint("broker.example.com", 8883));
    }
}
