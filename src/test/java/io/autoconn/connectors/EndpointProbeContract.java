package io.autoconn.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every probe that connects to a host and port must do, whatever its protocol: connect with good
 * params, and tell a refused port, an unknown host and a silent server apart, within the timeout, with
 * the endpoint in the detail and no secret in it; and refuse a host or port that is more than that.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EndpointProbeContract {
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    abstract Probe probe();

    /** Params that connect to the local server, with {@code overrides} applied; null removes a param. */
    abstract ProbeInput params(String... overrides);

    /** The password in {@link #params}, which no detail may contain. */
    abstract String password();

    /** The port used when none is given. */
    abstract int defaultPort();

    /** Asserts the check fails with {@code code}, a title, and a detail without the password. */
    ProbeResult failure(ProbeInput input, String code) {
        ProbeResult result = probe().check(input, TIMEOUT);
        assertThat(result.connected()).isFalse();
        assertThat(result.error().code()).as(result.toString()).isEqualTo(code);
        assertThat(result.error().title()).isNotBlank();
        assertThat(result.error().detail()).doesNotContain(password());
        return result;
    }

    /** Asserts that a check with a 1 s timeout ends in CHECK-TIMEOUT, naming the port, within 3 s. */
    void assertTimesOut(ProbeInput input, int port) {
        long start = System.nanoTime();

        ProbeResult result = probe().check(input, Duration.ofSeconds(1));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(result.error().code()).as(result.toString()).isEqualTo("CHECK-TIMEOUT");
        assertThat(result.error().detail()).contains("127.0.0.1:" + port, "1 s");
    }

    @Test
    void goodCredentialsConnect() {
        assertThat(probe().check(params(), TIMEOUT)).isEqualTo(ProbeResult.ok());
    }

    @Test
    void aClosedPortIsConnectionRefused() {
        int port = TestTargets.refusedPort();

        ProbeResult result = failure(params("port", String.valueOf(port)), "CHECK-CONNECTION-REFUSED");

        assertThat(result.error().detail()).contains("127.0.0.1:" + port);
    }

    @Test
    void anUnresolvableHostIsUnknownHostOnTheDefaultPort() {
        ProbeResult result = failure(params("host", "no-such-host.invalid", "port", null), "CHECK-UNKNOWN-HOST");

        assertThat(result.error().detail()).contains("no-such-host.invalid:" + defaultPort());
    }

    @Test
    void aServerThatNeverAnswersIsATimeoutWithinBoundedTime() throws Exception {
        try (TestTargets.StallingServer silent = new TestTargets.StallingServer()) {
            assertTimesOut(params("port", String.valueOf(silent.port())), silent.port());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"::1", "[::1]"})
    void anIpv6LiteralIsAccepted(String host) {
        ProbeResult result = probe().check(params("host", host, "port", "1"), TIMEOUT);

        // Whether ::1 refuses or is unreachable depends on the machine; it is not an invalid param.
        assertThat(result.error().code()).isNotEqualTo("CHECK-INVALID-PARAMS");
        assertThat(result.error().detail()).contains("[::1]:1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil?socketFactory=org.example.Evil", "127.0.0.1:1/x?allowLocalInfile=true",
            "scheme://127.0.0.1", "user:pw@127.0.0.1", "127.0.0.1:25", "127.0.0.1,10.0.0.1",
            "address=(host=x)(port=1)", "host name", ""})
    void aHostThatIsMoreThanAHostIsInvalidParams(String host) {
        ProbeResult result = failure(params("host", host.isEmpty() ? null : host), "CHECK-INVALID-PARAMS");

        assertThat(result.error().detail()).contains("'host'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "65536", "1?ssl=true", "abc", "1.5"})
    void aBadPortIsInvalidParams(String port) {
        ProbeResult result = failure(params("port", port), "CHECK-INVALID-PARAMS");

        assertThat(result.error().detail()).contains("'port'", port);
    }
}
