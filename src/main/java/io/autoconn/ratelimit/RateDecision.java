package io.autoconn.ratelimit;

import io.github.bucket4j.ConsumptionProbe;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One request counted against its caller's tier: whether it may go on, and the RateLimit headers that tell
 * the client where it stands (IETF draft "RateLimit header fields for HTTP": {@code RateLimit-Limit},
 * {@code RateLimit-Remaining}, {@code RateLimit-Reset} in seconds, {@code RateLimit-Policy}).
 *
 * @param resetSeconds      until the budget is whole again (the period's end)
 * @param retryAfterSeconds for a refused request, until the next request may pass (at least 1)
 */
public record RateDecision(Tier tier, boolean allowed, long limit, long remaining, long periodSeconds,
                           long resetSeconds, long retryAfterSeconds) {

    static RateDecision of(Tier tier, long limit, long periodSeconds, ConsumptionProbe probe) {
        long reset = ceilSeconds(probe.getNanosToWaitForReset());
        if (probe.isConsumed()) {
            return new RateDecision(tier, true, limit, probe.getRemainingTokens(), periodSeconds, reset, 0);
        }
        return new RateDecision(tier, false, limit, 0, periodSeconds, Math.max(1, reset),
                Math.max(1, ceilSeconds(probe.getNanosToWaitForRefill())));
    }

    /** The headers of every response to a limited request; a refused one adds {@code Retry-After}. */
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("RateLimit-Limit", Long.toString(limit));
        headers.put("RateLimit-Remaining", Long.toString(remaining));
        headers.put("RateLimit-Reset", Long.toString(resetSeconds));
        headers.put("RateLimit-Policy", limit + ";w=" + periodSeconds);
        if (!allowed) {
            headers.put("Retry-After", Long.toString(retryAfterSeconds));
        }
        return headers;
    }

    /** Why the request was refused, for the error's detail. */
    public String refusal() {
        return "Tier " + tier.label() + " allows " + limit + " requests per " + periodSeconds
                + " seconds for each user (" + (tier == Tier.READ ? "reads" : "writes and checks")
                + "); retry after " + retryAfterSeconds + " seconds";
    }

    private static long ceilSeconds(long nanos) {
        return (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
    }
}
