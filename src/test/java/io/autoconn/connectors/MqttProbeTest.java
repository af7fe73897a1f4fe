package io.autoconn.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoconn.egress.EgressPolicy;
import io.autoconn.secrets.Secret;
import io.autoconn.testing.BrokerProcess;
import io.autoconn.testing.ThreadLeaks;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs against the Mosquitto at 127.0.0.1:1883, which admits anonymous clients, and a second Mosquitto
 * started here with a password file and anonymous clients refused.
 */
class MqttProbeTest extends EndpointProbeContract {
    private static final String CANARY = "S3cr3t-Canary-123";
    private static final String USER = "automation";
    private static final String PASSWORD = "Right-Password-42";

    private final MqttProbe probe = new MqttProbe();
    private BrokerProcess secured;

    @BeforeAll
    void startBrokerWithPasswords() throws Exception {
        secured = BrokerProcess.mosquittoWithPassword(USER, PASSWORD);
    }

    @AfterAll
    void stopBroker() throws Exception {
        secured.close();
    }

    @Override
    Probe probe() {
        return probe;
    }

    /** The broker with passwords, as its user. */
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
        return 1883;
    }

    @Override
    List<List<String>> silentServerOverrides() {
        return List.of(List.of(), List.of("tls", "true"));
    }

    private ProbeInput login(String password, String... overrides) {
        return TestTargets.params(Map.of("host", "127.0.0.1", "port", String.valueOf(secured.port()), "username", USER),
                Map.of("password", Secret.of(password)), overrides);
    }

    /** The machine's broker, anonymously. */
    private static ProbeInput anonymous(String... overrides) {
        return TestTargets.params(Map.of("host", "127.0.0.1", "port", "1883", "tls", "false"), Map.of(), overrides);
    }

    @Test
    void kindIsMqtt() {
        assertThat(probe.kind()).isEqualTo("mqtt");
    }

    @Test
    void anAnonymousClientConnectsToABrokerThatAllowsItOnTheDefaultPort() {
        assertThat(probe.check(anonymous("port", null, "tls", null), TIMEOUT)).isEqualTo(ProbeResult.ok());
    }

    @Test
    void aGivenClientIdConnects() {
        assertThat(probe.check(params("clientId", "automation-1"), TIMEOUT)).isEqualTo(ProbeResult.ok());
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
        ProbeResult result = probe.check(TestTargets.params(
                Map.of("host", "127.0.0.1", "port", String.valueOf(secured.port())), Map.of()), TIMEOUT);

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
        ThreadLeaks threads = ThreadLeaks.snapshot();
        try (TestTargets.StallingServer ssh = new TestTargets.StallingServer("SSH-2.0-OpenSSH_9.2\r\n")) {
            ProbeResult result = probe.check(login(CANARY, "port", String.valueOf(ssh.port())), TIMEOUT);

            assertThat(result.error().code()).isEqualTo("CHECK-FAILED");
            assertThat(result.error().detail()).isEqualTo("127.0.0.1:" + ssh.port() + " did not answer as an MQTT"
                    + " broker: the first bytes of its answer were 0x53 0x53 instead of a CONNACK.");
        }
        threads.assertNoneLeft();
    }

    @Test
    void aServerThatHangsUpIsAClearFailure() {
        // RabbitMQ answers bytes that are not AMQP with its protocol header and closes.
        ProbeResult result = probe.check(anonymous("port", "5672"), TIMEOUT);

        assertThat(result.error().code()).isEqualTo("CHECK-FAILED");
        assertThat(result.error().detail()).startsWith("127.0.0.1:5672 did not answer as an MQTT broker");
    }

    @Test
    void theProbeChecksTheEgressPolicyOnTheAddressItConnectsTo() {
        // The checker vets the host first; this is the second look, after the last DNS lookup.
        MqttProbe denyingLoopback = new MqttProbe(EgressPolicy.of("", "127.0.0.0/8"));

        ProbeResult result = denyingLoopback.check(anonymous("host", "localhost"), TIMEOUT);

        assertThat(result.error().code()).isEqualTo("CHECK-TARGET-REFUSED");
        assertThat(result.error().detail()).contains("127.0.0.1", "127.0.0.0/8");
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
    void theTargetNamesTheEndpointTheProbeConnectsTo() throws InvalidParamException {
        assertThat(MqttTarget.from(anonymous("host", "broker.example.com", "port", null, "tls", "true")).endpoint())
                .isEqualTo(new Endpoint("broker.example.com", 8883));
    }
}
