package io.autoconn.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoconn.testing.SilentServer;
import io.autoconn.testing.ThreadLeaks;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every probe that connects to a server must do, whatever protocol runs on top: connect with good
 * credentials and leave no thread behind, and report the transport failures the same way (an unknown
 * host, a refused port, a server that accepts and never answers, plain and with TLS). The failures are
 * checked with a wrong secret that no detail may show.
 */
abstract class NetworkProbeContract {
    final Probe probe;
    private final String kind;
    private final int defaultPort;

    /**
     * @param kind        the name connector files give the probe
     * @param defaultPort the port the probe uses when the params give none (and no TLS)
     */
    NetworkProbeContract(Probe probe, String kind, int defaultPort) {
        this.probe = probe;
        this.kind = kind;
        this.defaultPort = defaultPort;
    }

    /** Params that reach a real server with the right credentials. */
    abstract ProbeInput goodParams();

    /** Params that would reach a real server with the wrong {@link TestParams#CANARY} secret, plus overrides. */
    abstract ProbeInput failingParams(String... overrides);

    @Test
    void theKindIsTheNameConnectorFilesUse() {
        assertThat(probe.kind()).isEqualTo(kind);
    }

    @Test
    void goodCredentialsConnectAndLeaveNoThread() throws InterruptedException {
        ThreadLeaks threads = ThreadLeaks.snapshot();

        assertThat(probe.check(goodParams(), Duration.ofSeconds(5))).isEqualTo(ProbeResult.ok());

        threads.assertNoneLeft();
    }

    @Test
    void anUnresolvableHostIsUnknownHost() {
        ProbeResult result = probe.check(failingParams("host", "no-such-host.invalid", "port", null),
                Duration.ofSeconds(5));

        assertThat(result.error().code()).isEqualTo("CHECK-UNKNOWN-HOST");
        assertThat(result.error().title()).isEqualTo("The host name could not be resolved");
        assertThat(result.error().detail()).isEqualTo("The host name of no-such-host.invalid:" + defaultPort
                + " could not be resolved (DNS lookup failed).");
    }

    @Test
    void aClosedPortIsConnectionRefused() throws IOException {
        int port = TestParams.closedPort();

        ProbeResult result = probe.check(failingParams("port", String.valueOf(port)), Duration.ofSeconds(5));

        assertThat(result.error().code()).isEqualTo("CHECK-CONNECTION-REFUSED");
        assertThat(result.error().title()).isEqualTo("The connection was refused");
        assertThat(result.error().detail()).startsWith("127.0.0.1:" + port + " refused the TCP connection")
                .doesNotContain(TestParams.CANARY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "true"})
    void aServerThatNeverAnswersIsATimeoutWithinTheTimeoutAndLeavesNoThread(String tls) throws Exception {
        try (SilentServer silent = new SilentServer()) {
            ThreadLeaks threads = ThreadLeaks.snapshot();
            long start = System.nanoTime();

            ProbeResult result = probe.check(
                    failingParams("port", String.valueOf(silent.port()), "tls", tls), Duration.ofSeconds(1));

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
            assertThat(result.error().code()).isEqualTo("CHECK-TIMEOUT");
            assertThat(result.error().title()).isEqualTo("The target did not answer in time");
            assertThat(result.error().detail()).isEqualTo("127.0.0.1:" + silent.port() + " did not answer within 1 s.");
            threads.assertNoneLeft();
        }
    }
}
