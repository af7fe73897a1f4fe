package io.autoconn.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoconn.secrets.Secret;
import io.autoconn.testing.ScramPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Runs against the PostgreSQL at 127.0.0.1:5432 (trust authentication, database "test"). */
class PostgresProbeTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final PostgresProbe probe = new PostgresProbe();
    private final ExecutorService background = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        background.shutdownNow();
    }

    /** The local server's params, with {@code overrides} applied; a null override removes the param. */
    private static ProbeInput params(String... overrides) {
        Map<String, String> plain = new HashMap<>(Map.of(
                "host", "127.0.0.1", "port", "5432", "database", "test", "user", "postgres", "sslmode", "disable"));
        for (int i = 0; i < overrides.length; i += 2) {
            if (overrides[i + 1] == null) {
                plain.remove(overrides[i]);
            } else {
                plain.put(overrides[i], overrides[i + 1]);
            }
        }
        return new ProbeInput(plain, Map.of("password", Secret.of("S3cr3t-Canary-123")));
    }

    @Test
    void kindIsPostgresql() {
        assertThat(probe.kind()).isEqualTo("postgresql");
    }

    @Test
    void goodParamsConnect() {
        assertThat(probe.check(params(), TIMEOUT)).isEqualTo(ProbeResult.ok());
    }

    @Test
    void defaultPortAndSslmodeConnect() {
        assertThat(probe.check(params("port", null, "sslmode", null), TIMEOUT).connected()).isTrue();
    }

    @Test
    void anUnknownDatabaseIsDatabaseNotFound() {
        ProbeResult result = probe.check(params("database", "no_such_db"), TIMEOUT);

        assertThat(result.error().code()).isEqualTo("CHECK-DATABASE-NOT-FOUND");
        assertThat(result.error().detail()).contains("127.0.0.1:5432", "no_such_db");
    }

    @Test
    void aDatabaseNameWithUrlCharactersReachesTheServerAsIs() {
        // Were the name not encoded, "?" would start URL parameters and "/" would end the database.
        ProbeResult result = probe.check(params("database", "odd name?sslmode=disable&x=/y"), TIMEOUT);

        assertThat(result.error().code()).isEqualTo("CHECK-DATABASE-NOT-FOUND");
        assertThat(result.error().detail()).contains("\"odd name?sslmode=disable&x=/y\"");
    }

    /** The machine's cluster trusts local logins, so the refused password needs a cluster that checks them. */
    @Test
    void aWrongPasswordIsAuthFailedAndTheRightOneConnects() throws Exception {
        try (ScramPostgres cluster = ScramPostgres.start("Right-Pw-4711")) {
            Map<String, String> plain = Map.of("host", "127.0.0.1", "port", String.valueOf(cluster.port()),
                    "database", "postgres", "user", ScramPostgres.USER, "sslmode", "disable");

            ProbeResult wrong = probe.check(new ProbeInput(plain, Map.of("password", Secret.of("Wrong-Pw-0815"))), TIMEOUT);
            assertThat(wrong.connected()).isFalse();
            assertThat(wrong.error().code()).isEqualTo("CHECK-AUTH-FAILED");
            assertThat(wrong.error().detail()).contains("127.0.0.1:" + cluster.port()).doesNotContain("Wrong-Pw-0815");

            assertThat(probe.check(new ProbeInput(plain, Map.of("password", Secret.of("Right-Pw-4711"))), TIMEOUT)
                    .connected()).isTrue();
        }
    }

    @Test
    void anUnknownRoleIsAuthFailed() {
        ProbeResult result = probe.check(params("user", "no_such_role"), TIMEOUT);

        assertThat(result.error().code()).isEqualTo("CHECK-AUTH-FAILED");
        assertThat(result.error().detail()).contains("127.0.0.1:5432", "no_such_role");
    }

    @Test
    void aClosedPortIsConnectionRefused() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        ProbeResult result = probe.check(params("port", String.valueOf(port)), TIMEOUT);

        assertThat(result.error().code()).isEqualTo("CHECK-CONNECTION-REFUSED");
        assertThat(result.error().detail()).contains("127.0.0.1:" + port);
    }

    @ParameterizedTest
    @ValueSource(strings = {"disable", "prefer"})
    void aServerThatNeverAnswersIsATimeoutWithinBoundedTime(String sslmode) throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            background.submit(() -> acceptAndHold(silent));
            long start = System.nanoTime();

            ProbeResult result = probe.check(
                    params("port", String.valueOf(silent.getLocalPort()), "sslmode", sslmode), Duration.ofSeconds(1));

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThat(result.error().code()).isEqualTo("CHECK-TIMEOUT");
            assertThat(result.error().detail()).contains("127.0.0.1:" + silent.getLocalPort(), "1 s");
        }
    }

    @Test
    void anUnresolvableHostIsUnknownHost() {
        ProbeResult result = probe.check(params("host", "no-such-host.invalid"), TIMEOUT);

        assertThat(result.error().code()).isEqualTo("CHECK-UNKNOWN-HOST");
        assertThat(result.error().detail()).contains("no-such-host.invalid:5432");
    }

    @ParameterizedTest
    @ValueSource(strings = {"::1", "[::1]"})
    void anIpv6LiteralIsAccepted(String host) {
        ProbeResult result = probe.check(params("host", host, "port", "1"), TIMEOUT);

        // Whether ::1 refuses or is unreachable depends on the machine; it is not an invalid param.
        assertThat(result.error().code()).isNotEqualTo("CHECK-INVALID-PARAMS");
        assertThat(result.error().detail()).contains("[::1]:1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil?sslfactory=org.example.Evil", "127.0.0.1:5432/test?socketFactory=x",
            "user@127.0.0.1", "127.0.0.1/other", "[::1]?x=y", "host name"})
    void aHostThatCouldInjectIntoTheUrlIsInvalidParams(String host) {
        ProbeResult result = probe.check(params("host", host), TIMEOUT);

        assertThat(result.error().code()).isEqualTo("CHECK-INVALID-PARAMS");
        assertThat(result.error().detail()).contains("host");
    }

    @ParameterizedTest
    @ValueSource(strings = {"host", "database", "user"})
    void aMissingRequiredParamIsInvalidParams(String param) {
        ProbeResult result = probe.check(params(param, null), TIMEOUT);

        assertThat(result.error().code()).isEqualTo("CHECK-INVALID-PARAMS");
        assertThat(result.error().detail()).contains("'" + param + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "65536", "5432?ssl=true", "abc"})
    void aBadPortIsInvalidParams(String port) {
        ProbeResult result = probe.check(params("port", port), TIMEOUT);

        assertThat(result.error().code()).isEqualTo("CHECK-INVALID-PARAMS");
        assertThat(result.error().detail()).contains("port");
    }

    @Test
    void anUnknownSslmodeIsInvalidParams() {
        ProbeResult result = probe.check(params("sslmode", "sometimes"), TIMEOUT);

        assertThat(result.error().code()).isEqualTo("CHECK-INVALID-PARAMS");
        assertThat(result.error().detail()).contains("sslmode", "sometimes");
    }

    @Test
    void requiringTlsFromAServerWithoutItFails() {
        // The local server runs with ssl=off.
        ProbeResult result = probe.check(params("sslmode", "require"), TIMEOUT);

        assertThat(result.connected()).isFalse();
        assertThat(result.error().detail()).contains("127.0.0.1:5432", "SSL");
    }

    private static Void acceptAndHold(ServerSocket server) throws IOException, InterruptedException {
        try (Socket ignored = server.accept()) {
            Thread.sleep(60_000);
        }
        return null;
    }
}
