package io.autoconn.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The rate tiers as a client meets them, on the embedded server (SQLite: buckets in process), with Qlik's
 * tier 2 of 100 requests a minute and a small tier 1 so that reads run out quickly too. Each test uses
 * users of its own, whose budgets nobody else touches.
 */
@MicronautTest
class RateLimitApiTest extends ApiTestBase {
    private static final int WRITES = 100;
    private static final int READS = 30;

    @Inject
    MeterRegistry meters;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("autoconn.rate-limit.tier1", Integer.toString(READS));
        properties.put("autoconn.rate-limit.tier2", Integer.toString(WRITES));
        return properties;
    }

    @Test
    void theHundredAndFirstWriteInAMinuteIsRefusedWith429AndEveryHeader() {
        HttpApi api = newUser().api();
        String prefix = "rl-" + UUID.randomUUID();
        for (int i = 1; i <= WRITES; i++) {
            HttpApi.Response created = api.post(SpaceWire.SPACES, Map.of("name", prefix + "-" + i, "type", "shared"));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            assertThat(created.header("RateLimit-Limit")).isEqualTo("100");
            assertThat(created.header("RateLimit-Remaining")).isEqualTo(Integer.toString(WRITES - i));
            assertThat(created.header("RateLimit-Policy")).isEqualTo("100;w=60");
            assertThat(Long.parseLong(created.header("RateLimit-Reset"))).isBetween(1L, 60L);
            assertThat(created.header("Retry-After")).isNull();
        }

        HttpApi.Response refused = api.post(SpaceWire.SPACES, Map.of("name", prefix + "-101", "type", "shared"));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.errorCode()).isEqualTo("HTTP-429");
        assertThat(refused.json().get("traceId")).isEqualTo(refused.header("X-Trace-Id"));
        assertThat(refused.errorDetail()).startsWith("Tier 2 allows 100 requests per 60 seconds for each user");
        assertThat(refused.header("Content-Type")).startsWith("application/json");
        assertThat(refused.header("RateLimit-Limit")).isEqualTo("100");
        assertThat(refused.header("RateLimit-Remaining")).isEqualTo("0");
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        // The budget comes back whole at the end of the minute that began with the first write.
        assertThat(retryAfter).isBetween(1L, 60L);
        assertThat(refused.header("RateLimit-Reset")).isEqualTo(refused.header("Retry-After"));

        // Refused before the controller: the 101st space does not exist.
        HttpApi.Response mine = api.get(SpaceWire.SPACES + "?name=" + prefix + "&limit=200");
        assertThat(mine.data()).hasSize(WRITES)
                .noneSatisfy(s -> assertThat(s.get("name")).isEqualTo(prefix + "-101"));
    }

    @Test
    void checksAndDeletesSpendTheWriteBudgetAndReadsHaveTheirOwn() {
        HttpApi api = newUser().api();
        exhaustWrites(api);
        HttpApi.Response check = api.postEmpty(ConnectionsController.V1 + "/" + UUID.randomUUID() + "/actions/check");
        assertThat(check.status()).isEqualTo(429);
        assertThat(check.errorCode()).isEqualTo("HTTP-429");

        for (int i = 1; i <= READS; i++) {
            HttpApi.Response read = api.get(ConnectionsController.V1);
            assertThat(read.status()).as(read.toString()).isEqualTo(200);
            assertThat(read.header("RateLimit-Limit")).isEqualTo(Integer.toString(READS));
            assertThat(read.header("RateLimit-Remaining")).isEqualTo(Integer.toString(READS - i));
        }
        HttpApi.Response refused = api.get(ConnectionsController.V1);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.errorDetail()).startsWith("Tier 1 allows 30 requests per 60 seconds for each user (reads)");
    }

    @Test
    void errorAnswersCountAndCarryTheHeaders() {
        HttpApi api = newUser().api();
        HttpApi.Response missing = api.get(ConnectionsController.V1 + "/" + UUID.randomUUID());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.header("RateLimit-Remaining")).isEqualTo(Integer.toString(READS - 1));
        HttpApi.Response noRoute = api.delete("/api/v1/nothing-here");
        assertThat(noRoute.status()).isEqualTo(404);
        assertThat(noRoute.header("RateLimit-Remaining")).isEqualTo(Integer.toString(WRITES - 1));
    }

    @Test
    void usersAndTenantsDoNotShareBuckets() {
        User spender = newUser();
        exhaustWrites(spender.api());

        for (User other : new User[] {newUser(), newTenantAdmin()}) {
            HttpApi.Response write = other.api().delete(ConnectionsController.V1 + "/" + UUID.randomUUID());
            assertThat(write.status()).as(write.toString()).isEqualTo(404);
            assertThat(write.header("RateLimit-Remaining")).isEqualTo(Integer.toString(WRITES - 1));
        }
        assertThat(spender.api().delete(ConnectionsController.V1 + "/" + UUID.randomUUID()).status()).isEqualTo(429);
    }

    @Test
    void requestsWithoutAValidKeyAre401BeforeAnyLimitAndPublicPathsAreNotCounted() {
        User spender = newUser();
        exhaustWrites(spender.api());
        for (HttpApi anonymous : new HttpApi[] {admin.as(null), admin.as("ack_not-a-key")}) {
            HttpApi.Response r = anonymous.delete(ConnectionsController.V1 + "/" + UUID.randomUUID());
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.header("RateLimit-Limit")).isNull();
        }
        HttpApi.Response health = spender.api().get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.header("RateLimit-Limit")).isNull();
        assertThat(spender.api().get(OpenApiController.JSON).header("RateLimit-Limit")).isNull();
    }

    @Test
    void eachRefusalIsCountedByTier() {
        double before = rejections("2");
        HttpApi api = newUser().api();
        exhaustWrites(api);
        api.delete(ConnectionsController.V1 + "/" + UUID.randomUUID());
        api.postEmpty(ConnectionsController.V1 + "/" + UUID.randomUUID() + "/actions/check");
        assertThat(rejections("2") - before).isEqualTo(2.0);
    }

    private double rejections(String tier) {
        return meters.get("autoconn.ratelimit.rejections").tag("tier", tier).counter().count();
    }

    /** Spends the caller's whole write budget on cheap writes (deleting connections that do not exist). */
    private static void exhaustWrites(HttpApi api) {
        for (int i = 0; i < WRITES; i++) {
            HttpApi.Response r = api.delete(ConnectionsController.V1 + "/" + UUID.randomUUID());
            assertThat(r.status()).as(r.toString()).isEqualTo(404);
        }
    }
}
