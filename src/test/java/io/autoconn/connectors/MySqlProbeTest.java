package io.autoconn.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoconn.secrets.Secret;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs against the MariaDB at 127.0.0.1:3306 (root without a password, database "test", no TLS). A
 * user with a password is created for the run and dropped after it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MySqlProbeTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String PASSWORD = "S3cr3t-Canary-mysql-123";

    private final MySqlProbe probe = new MySqlProbe();
    private final String user = "autoconn_t_" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    void createUser() throws SQLException {
        LocalServices.createMariaDbUser(user, PASSWORD);
    }

    @AfterAll
    void dropUser() throws SQLException {
        LocalServices.dropMariaDbUser(user);
    }

    /** The test user's params, with {@code overrides} applied; a null override removes the param. */
    private ProbeInput params(String... overrides) {
        return TestTargets.params(Map.of("host", "127.0.0.1", "port", "3306", "database", "test", "user", user,
                "sslMode", "disable"), Map.of("password", Secret.of(PASSWORD)), overrides);
    }

    private ProbeResult failure(ProbeInput input, String code) {
        ProbeResult result = probe.check(input, TIMEOUT);
        assertThat(result.connected()).isFalse();
        assertThat(result.error().code()).as(result.toString()).isEqualTo(code);
        assertThat(result.error().title()).isNotBlank();
        assertThat(result.error().detail()).doesNotContain(PASSWORD);
        return result;
    }

    @Test
    void kindIsMysql() {
        assertThat(probe.kind()).isEqualTo("mysql");
    }

    @Test
    void goodCredentialsConnect() {
        assertThat(probe.check(params(), TIMEOUT)).isEqualTo(ProbeResult.ok());
    }

    @Test
    void rootWithoutPasswordDatabaseOrPortConnects() {
        ProbeInput root = TestTargets.params(Map.of("host", "127.0.0.1", "user", "root"), Map.of());

        assertThat(probe.check(root, TIMEOUT)).isEqualTo(ProbeResult.ok());
    }

    @Test
    void aWrongPasswordIsAuthFailed() {
        ProbeInput wrong = TestTargets.params(Map.of("host", "127.0.0.1", "user", user),
                Map.of("password", Secret.of(PASSWORD + "-wrong")));

        ProbeResult result = failure(wrong, "CHECK-AUTH-FAILED");

        assertThat(result.error().detail()).contains("127.0.0.1:3306", "\"" + user + "\"", "Access denied")
                .doesNotContain(PASSWORD + "-wrong");
    }

    @Test
    void aDatabaseTheUserMayNotUseIsAuthFailed() {
        ProbeResult result = failure(params("database", "mysql"), "CHECK-AUTH-FAILED");

        assertThat(result.error().detail()).contains("\"mysql\"", user);
    }

    @Test
    void anUnknownDatabaseIsDatabaseNotFound() {
        ProbeInput root = TestTargets.params(Map.of("host", "127.0.0.1", "user", "root",
                "database", "no_such_db_autoconn"), Map.of());

        ProbeResult result = failure(root, "CHECK-DATABASE-NOT-FOUND");

        assertThat(result.error().detail()).contains("127.0.0.1:3306", "\"no_such_db_autoconn\"");
    }

    @Test
    void aClosedPortIsConnectionRefused() {
        int port = TestTargets.refusedPort();

        ProbeResult result = failure(params("port", String.valueOf(port)), "CHECK-CONNECTION-REFUSED");

        assertThat(result.error().detail()).contains("127.0.0.1:" + port);
    }

    @Test
    void anUnresolvableHostIsUnknownHost() {
        ProbeResult result = failure(params("host", "no-such-host.invalid"), "CHECK-UNKNOWN-HOST");

        assertThat(result.error().detail()).contains("no-such-host.invalid:3306");
    }

    @ParameterizedTest
    @ValueSource(strings = {"disable", "trust"})
    void aServerThatNeverAnswersIsATimeoutWithinBoundedTime(String sslMode) throws Exception {
        try (TestTargets.StallingServer silent = new TestTargets.StallingServer()) {
            long start = System.nanoTime();

            ProbeResult result = probe.check(params("port", String.valueOf(silent.port()), "sslMode", sslMode),
                    Duration.ofSeconds(1));

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThat(result.error().code()).as(result.toString()).isEqualTo("CHECK-TIMEOUT");
            assertThat(result.error().detail()).contains("127.0.0.1:" + silent.port(), "1 s");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"trust", "verify-ca", "verify-full"})
    void requiringTlsFromAServerWithoutItIsATlsFailure(String sslMode) {
        // The local server runs with have_ssl=DISABLED.
        ProbeResult result = failure(params("sslMode", sslMode), "CHECK-TLS");

        assertThat(result.error().detail()).contains("127.0.0.1:3306", sslMode);
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
    @ValueSource(strings = {"evil?socketFactory=org.example.Evil", "127.0.0.1:3306/test?allowLocalInfile=true",
            "user@127.0.0.1", "127.0.0.1,10.0.0.1", "address=(host=x)(port=1)", "host name"})
    void aHostThatCouldCarryDriverOptionsIsInvalidParams(String host) {
        ProbeResult result = failure(params("host", host), "CHECK-INVALID-PARAMS");

        assertThat(result.error().detail()).contains("'host'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"host", "user"})
    void aMissingRequiredParamIsInvalidParams(String param) {
        ProbeResult result = failure(params(param, null), "CHECK-INVALID-PARAMS");

        assertThat(result.error().detail()).contains("'" + param + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "65536", "3306?ssl=true", "abc"})
    void aBadPortIsInvalidParams(String port) {
        ProbeResult result = failure(params("port", port), "CHECK-INVALID-PARAMS");

        assertThat(result.error().detail()).contains("'port'");
    }

    @Test
    void anUnknownSslModeIsInvalidParams() {
        ProbeResult result = failure(params("sslMode", "preferred"), "CHECK-INVALID-PARAMS");

        assertThat(result.error().detail()).contains("sslMode", "preferred", "verify-full");
    }
}
