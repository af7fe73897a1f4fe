package io.autoconn.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoconn.egress.EgressPolicy;
import io.autoconn.secrets.Secret;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs against the Redis at 127.0.0.1:6379 (default user without a password, no TLS). ACL users with
 * a password are created for the run and deleted after it.
 */
class RedisProbeTest extends EndpointProbeContract {
    private static final String PASSWORD = "S3cr3t-Canary-redis-123";

    private final RedisProbe probe = new RedisProbe();
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String user = "autoconn_test_" + suffix;
    private final String powerless = "autoconn_powerless_" + suffix;

    @BeforeAll
    void createUsers() {
        LocalServices.createRedisUser(user, PASSWORD, "~*", "+@all");
        LocalServices.createRedisUser(powerless, PASSWORD, "~*", "-@all", "+auth");
    }

    @AfterAll
    void deleteUsers() {
        LocalServices.deleteRedisUsers(user, powerless);
    }

    @Override
    Probe probe() {
        return probe;
    }

    @Override
    ProbeInput params(String... overrides) {
        return TestTargets.params(Map.of("host", "127.0.0.1", "port", "6379", "username", user, "database", "0",
                "tls", "false"), Map.of("password", Secret.of(PASSWORD)), overrides);
    }

    @Override
    String password() {
        return PASSWORD;
    }

    @Override
    int defaultPort() {
        return 6379;
    }

    @Test
    void kindIsRedis() {
        assertThat(probe.kind()).isEqualTo("redis");
    }

    @Test
    void anotherDatabaseConnects() {
        assertThat(probe.check(params("database", "3"), TIMEOUT)).isEqualTo(ProbeResult.ok());
    }

    @Test
    void aServerWithoutAuthenticationConnectsWithTheHostAlone() {
        ProbeInput hostOnly = TestTargets.params(Map.of("host", "127.0.0.1"), Map.of());

        assertThat(probe.check(hostOnly, TIMEOUT)).isEqualTo(ProbeResult.ok());
    }

    @Test
    void aPasswordAServerWithoutAuthenticationDoesNotNeedStillConnects() {
        // The default user has no password, so any password is good for it.
        assertThat(probe.check(params("username", null), TIMEOUT)).isEqualTo(ProbeResult.ok());
    }

    @Test
    void aWrongPasswordIsAuthFailed() {
        ProbeInput wrong = TestTargets.params(Map.of("host", "127.0.0.1", "username", user),
                Map.of("password", Secret.of(PASSWORD + "-wrong")));

        ProbeResult result = failure(wrong, "CHECK-AUTH-FAILED");

        assertThat(result.error().detail()).contains("127.0.0.1:6379", "\"" + user + "\"", "WRONGPASS")
                .doesNotContain(PASSWORD + "-wrong");
    }

    @Test
    void aUserWithoutPermissionToPingIsAuthFailed() {
        ProbeResult result = failure(params("username", powerless), "CHECK-AUTH-FAILED");

        assertThat(result.error().detail()).contains("127.0.0.1:6379", "NOPERM");
    }

    @Test
    void aDatabaseIndexOutOfRangeIsDatabaseNotFound() {
        ProbeResult result = failure(params("database", "100000"), "CHECK-DATABASE-NOT-FOUND");

        assertThat(result.error().detail()).contains("127.0.0.1:6379", "100000");
    }

    @Test
    void aServerThatNeverAnswersTheTlsHandshakeIsATimeoutWithinBoundedTime() throws Exception {
        try (TestTargets.StallingServer silent = new TestTargets.StallingServer()) {
            assertTimesOut(params("port", String.valueOf(silent.port()), "tls", "true"), silent.port());
        }
    }

    @Test
    void tlsToThePlainLocalServerTimesOutWithinBoundedTime() {
        // Redis reads the TLS hello as the start of an inline command and waits for the line to end.
        assertTimesOut(params("tls", "true"), 6379);
    }

    @Test
    void tlsToAPlainServerThatAnswersIsATlsFailure() throws Exception {
        // What a server without TLS sends back: plain text, where a TLS record was due.
        try (TestTargets.StallingServer plain = new TestTargets.StallingServer("-ERR unknown command\r\n")) {
            ProbeResult result = failure(params("port", String.valueOf(plain.port()), "tls", "true"), "CHECK-TLS");

            assertThat(result.error().detail()).contains("127.0.0.1:" + plain.port(), "TLS handshake");
        }
    }

    @Test
    void aUsernameWithoutPasswordIsInvalidParams() {
        ProbeInput noPassword = TestTargets.params(Map.of("host", "127.0.0.1", "username", user), Map.of());

        ProbeResult result = failure(noPassword, "CHECK-INVALID-PARAMS");

        assertThat(result.error().detail()).contains("'password'", "'username'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "one", "1.5"})
    void aBadDatabaseIsInvalidParams(String database) {
        ProbeResult result = failure(params("database", database), "CHECK-INVALID-PARAMS");

        assertThat(result.error().detail()).contains("'database'");
    }

    @Test
    void aTlsValueOtherThanTrueOrFalseIsInvalidParams() {
        ProbeResult result = failure(params("tls", "yes"), "CHECK-INVALID-PARAMS");

        assertThat(result.error().detail()).contains("'tls'", "yes");
    }

    @Test
    void theProbeChecksTheEgressPolicyOnTheAddressItConnectsTo() {
        // The checker vets the host first; this is the second look, after the last DNS lookup.
        RedisProbe denyingLoopback = new RedisProbe(EgressPolicy.of("", "127.0.0.0/8"));

        ProbeResult result = denyingLoopback.check(params("host", "localhost"), Duration.ofSeconds(5));

        assertThat(result.error().code()).isEqualTo("CHECK-TARGET-REFUSED");
        assertThat(result.error().detail()).contains("127.0.0.1", "127.0.0.0/8");
    }
}
