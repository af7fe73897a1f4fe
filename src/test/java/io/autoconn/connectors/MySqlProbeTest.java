package io.autoconn.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoconn.secrets.Secret;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs against the MariaDB at 127.0.0.1:3306 (root without a password, database "test", no TLS). A
 * user with a password is created for the run and dropped after it.
 */
class MySqlProbeTest extends EndpointProbeContract {
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

    @Override
    Probe probe() {
        return probe;
    }

    @Override
    ProbeInput params(String... overrides) {
        return TestTargets.params(Map.of("host", "127.0.0.1", "port", "3306", "database", "test", "user", user,
                "sslMode", "disable"), Map.of("password", Secret.of(PASSWORD)), overrides);
    }

    @Override
    String password() {
        return PASSWORD;
    }

    @Override
    int defaultPort() {
        return 3306;
    }

    @Test
    void kindIsMysql() {
        assertThat(probe.kind()).isEqualTo("mysql");
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
    void aServerThatNeverAnswersTheTlsRequestIsATimeoutWithinBoundedTime() throws Exception {
        try (TestTargets.StallingServer silent = new TestTargets.StallingServer()) {
            assertTimesOut(params("port", String.valueOf(silent.port()), "sslMode", "trust"), silent.port());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"trust", "verify-ca", "verify-full"})
    void requiringTlsFromAServerWithoutItIsATlsFailure(String sslMode) {
        // The local server runs with have_ssl=DISABLED.
        ProbeResult result = failure(params("sslMode", sslMode), "CHECK-TLS");

        assertThat(result.error().detail()).contains("127.0.0.1:3306", sslMode);
    }

    @Test
    void aMissingUserIsInvalidParams() {
        ProbeResult result = failure(params("user", null), "CHECK-INVALID-PARAMS");

        assertThat(result.error().detail()).contains("'user'");
    }

    @Test
    void anUnknownSslModeIsInvalidParams() {
        ProbeResult result = failure(params("sslMode", "preferred"), "CHECK-INVALID-PARAMS");

        assertThat(result.error().detail()).contains("sslMode", "preferred", "verify-full");
    }
}
