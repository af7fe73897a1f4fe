package io.autoconn.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A client that waits what {@code Retry-After} says is let in again with a whole budget (a 3-second period
 * keeps the wait short); a tier set to 0 is not limited and its responses carry no RateLimit headers.
 */
@MicronautTest
class RateLimitRefillApiTest extends ApiTestBase {
    private static final int WRITES = 3;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("autoconn.rate-limit.tier1", "0");
        properties.put("autoconn.rate-limit.tier2", Integer.toString(WRITES));
        properties.put("autoconn.rate-limit.period", "3s");
        return properties;
    }

    @Test
    void waitingRetryAfterBringsTheBudgetBackWhole() throws InterruptedException {
        HttpApi api = newUser().api();
        for (int i = 0; i < WRITES; i++) {
            assertThat(deleteSomething(api).status()).isEqualTo(404);
        }
        HttpApi.Response refused = deleteSomething(api);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("RateLimit-Policy")).isEqualTo("3;w=3");
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 3L);

        Thread.sleep(retryAfter * 1000);

        HttpApi.Response again = deleteSomething(api);
        assertThat(again.status()).as(again.toString()).isEqualTo(404);
        assertThat(again.header("RateLimit-Remaining")).isEqualTo(Integer.toString(WRITES - 1));
    }

    @Test
    void aTierOfZeroIsNotLimited() {
        HttpApi api = newUser().api();
        for (int i = 0; i < 2 * WRITES; i++) {
            HttpApi.Response read = api.get(ConnectionsController.V1);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.header("RateLimit-Limit")).isNull();
        }
    }

    private static HttpApi.Response deleteSomething(HttpApi api) {
        return api.delete(ConnectionsController.V1 + "/" + UUID.randomUUID());
    }
}
