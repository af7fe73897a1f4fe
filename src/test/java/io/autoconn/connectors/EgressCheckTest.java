package io.autoconn.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoconn.egress.EgressPolicy;
import io.autoconn.testing.TcpTarget;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The egress policy as checks meet it: the checker refuses a target before the probe runs, and the
 * probes themselves check the address they connect to (the DNS rebinding gap), against real local
 * targets that count the connections they get.
 */
class EgressCheckTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final EgressPolicy DENY_LOOPBACK = EgressPolicy.of("", "127.0.0.0/8, ::1");

    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private TcpTarget target;

    @BeforeEach
    void startTarget() throws Exception {
        target = TcpTarget.on("127.0.0.1");
    }

    @AfterEach
    void stop() throws Exception {
        target.close();
        pool.shutdownNow();
    }

    static ConnectorDefinition connector(String probe) {
        return new ConnectorDefinition("test-" + probe, probe, null, false, false, null, null, null, null,
                new ConnectorDefinition.CheckSpec(probe), List.of(), null);
    }

    private ConnectionChecker checker(EgressPolicy policy) {
        return new ConnectionChecker(List.of(new HttpApiProbe(policy), new PostgresProbe(policy)), pool, policy);
    }

    private static ProbeInput http(String baseUrl) {
        return new ProbeInput(Map.of("baseUrl", baseUrl), Map.of());
    }

    private static ProbeInput postgres(String host) {
        return new ProbeInput(Map.of("host", host, "port", "5432", "database", "test", "user", "postgres",
                "sslmode", "disable"), Map.of());
    }

    private ProbeResult checkHttp(EgressPolicy policy, String baseUrl) {
        return checker(policy).check(connector("http"), http(baseUrl), TIMEOUT);
    }

    @Test
    void theMetadataServiceIsRefusedByDefault() {
        ProbeResult result = checkHttp(EgressPolicy.defaults(), "http://169.254.169.254/latest/meta-data");

        assertThat(result.connected()).isFalse();
        assertThat(result.error().code()).isEqualTo("CHECK-TARGET-REFUSED");
        assertThat(result.error().title()).isEqualTo("Checks may not connect to this address");
        assertThat(result.error().detail()).startsWith("Checks may not connect to 169.254.169.254:80: "
                + "169.254.169.254 is in 169.254.0.0/16 (IPv4 link-local");
    }

    /** The endpoint probes name their one endpoint (EndpointProbe.targets): the checker refuses it alike. */
    @ParameterizedTest
    @CsvSource({"mysql,3306", "redis,6379", "smtp,587"})
    void everyEndpointProbeIsRefusedADeniedHost(String kind, int port) {
        ConnectionChecker checker = new ConnectionChecker(List.of(new MySqlProbe(), new RedisProbe(), new SmtpProbe()),
                pool, DENY_LOOPBACK);
        ProbeInput input = new ProbeInput(Map.of("host", "localhost", "user", "root"), Map.of());

        ProbeResult result = checker.check(connector(kind), input, TIMEOUT);

        assertThat(result.error().code()).isEqualTo("CHECK-TARGET-REFUSED");
        assertThat(result.error().detail()).isEqualTo("Checks may not connect to localhost:" + port
                + ": localhost resolves to 127.0.0.1, which is in 127.0.0.0/8, denied by AUTOCONN_EGRESS_DENY.");
    }

    @Test
    void aDeniedAddressIsNeverConnected() {
        ProbeResult http = checkHttp(DENY_LOOPBACK, "http://127.0.0.1:" + target.port() + "/health");
        ProbeResult pg = checker(DENY_LOOPBACK).check(connector("postgresql"), postgres("127.0.0.1"), TIMEOUT);

        assertThat(http.error().code()).isEqualTo("CHECK-TARGET-REFUSED");
        assertThat(http.error().detail()).isEqualTo("Checks may not connect to 127.0.0.1:" + target.port()
                + ": 127.0.0.1 is in 127.0.0.0/8, denied by AUTOCONN_EGRESS_DENY.");
        assertThat(pg.error().code()).isEqualTo("CHECK-TARGET-REFUSED");
        assertThat(pg.error().detail()).isEqualTo(
                "Checks may not connect to 127.0.0.1:5432: 127.0.0.1 is in 127.0.0.0/8, denied by AUTOCONN_EGRESS_DENY.");
        assertThat(target.accepted()).isZero();
    }

    @Test
    void anAllowBlockOverridesABroaderDeny() {
        EgressPolicy policy = EgressPolicy.of("127.0.0.1/32", "127.0.0.0/8");

        assertThat(checkHttp(policy, "http://127.0.0.1:" + target.port()).connected()).isTrue();
        assertThat(checker(policy).check(connector("postgresql"), postgres("127.0.0.1"), TIMEOUT).connected()).isTrue();
        assertThat(target.accepted()).isEqualTo(1);
    }

    @Test
    void aHostNameResolvingToADeniedAddressIsRefused() {
        ProbeResult http = checkHttp(DENY_LOOPBACK, "http://localhost:" + target.port());
        ProbeResult pg = checker(DENY_LOOPBACK).check(connector("postgresql"), postgres("localhost"), TIMEOUT);

        assertThat(http.error().detail()).isEqualTo("Checks may not connect to localhost:" + target.port()
                + ": localhost resolves to 127.0.0.1, which is in 127.0.0.0/8, denied by AUTOCONN_EGRESS_DENY.");
        assertThat(pg.error().code()).isEqualTo("CHECK-TARGET-REFUSED");
        assertThat(target.accepted()).isZero();
    }

    @Test
    void ipv6TargetsFollowTheSamePolicy() throws Exception {
        try (TcpTarget v6 = TcpTarget.on("::1")) {
            String url = "http://[::1]:" + v6.port() + "/";
            assertThat(checkHttp(EgressPolicy.defaults(), url).connected()).isTrue();

            ProbeResult denied = checkHttp(DENY_LOOPBACK, url);
            assertThat(denied.error().detail()).isEqualTo("Checks may not connect to [::1]:" + v6.port()
                    + ": ::1 is in ::1/128, denied by AUTOCONN_EGRESS_DENY.");
            ProbeResult metadata = checkHttp(EgressPolicy.defaults(), "http://[fd00:ec2::254]/latest/meta-data");
            assertThat(metadata.error().detail()).startsWith(
                    "Checks may not connect to [fd00:ec2::254]:80: fd00:ec2::254 is in fd00:ec2::/32");
            ProbeResult pg = checker(DENY_LOOPBACK).check(connector("postgresql"), postgres("[::1]"), TIMEOUT);
            assertThat(pg.error().detail()).startsWith("Checks may not connect to [::1]:5432: ::1 is in ::1/128");
            assertThat(v6.accepted()).isEqualTo(1);
        }
    }

    /**
     * The checker has vetted the name, but the client looks it up again: a DNS server answering
     * differently the second time would lead it elsewhere. So the probes check the address they
     * actually connect to; called directly, without the checker, they still refuse.
     */
    @Test
    void probesCheckThePolicyOnTheAddressTheyConnectTo() {
        ProbeResult http = new HttpApiProbe(DENY_LOOPBACK).check(http("http://localhost:" + target.port()), TIMEOUT);
        // PostgreSQL: inside the driver, by the socket factory it is given.
        ProbeResult pg = new PostgresProbe(DENY_LOOPBACK).check(postgres("127.0.0.1"), TIMEOUT);

        assertThat(http.error().code()).isEqualTo("CHECK-TARGET-REFUSED");
        assertThat(http.error().detail()).isEqualTo("Checks may not connect to localhost:" + target.port()
                + ": localhost resolves to 127.0.0.1, which is in 127.0.0.0/8, denied by AUTOCONN_EGRESS_DENY.");
        assertThat(pg.error().code()).isEqualTo("CHECK-TARGET-REFUSED");
        assertThat(pg.error().detail()).isEqualTo(
                "Checks may not connect to 127.0.0.1:5432: 127.0.0.1 is in 127.0.0.0/8, denied by AUTOCONN_EGRESS_DENY.");
        assertThat(target.accepted()).isZero();
    }

    /** Sent to the vetted address (egress.VettedHttp), it is the request the name would have given. */
    @Test
    void plainHttpChecksSendTheRequestTheNameGives() {
        assertThat(new HttpApiProbe().check(http("http://localhost:" + target.port() + "/api/v1?x=1&y=%20"), TIMEOUT)
                .connected()).isTrue();
        assertThat(new HttpApiProbe().check(http("http://localhost:" + target.port()), TIMEOUT).connected()).isTrue();

        assertThat(target.requestHeads().get(0)).startsWith("GET /api/v1?x=1&y=%20 HTTP/1.1\r\n")
                .contains("\r\nHost: localhost:" + target.port() + "\r\n");
        assertThat(target.requestHeads().get(1)).startsWith("GET / HTTP/1.1\r\n");
    }

    @Test
    void unusableOrUnresolvableTargetsAreToldBeforeAnyConnection() {
        ProbeResult invalid = checkHttp(EgressPolicy.defaults(), "ftp://127.0.0.1/");
        ProbeResult unknown = checkHttp(EgressPolicy.defaults(), "http://no-such-host.invalid/");

        assertThat(invalid.error().code()).isEqualTo("CHECK-INVALID-PARAMS");
        assertThat(invalid.error().detail()).isEqualTo("Param 'baseUrl' must be an http or https URL; got \"ftp://127.0.0.1/\".");
        assertThat(unknown.error().code()).isEqualTo("CHECK-UNKNOWN-HOST");
        assertThat(unknown.error().detail()).isEqualTo(
                "The host name no-such-host.invalid could not be resolved (DNS lookup failed).");
    }
}
