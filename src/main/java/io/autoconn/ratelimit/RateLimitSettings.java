package io.autoconn.ratelimit;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * {@code autoconn.rate-limit.*}: requests allowed per user per tenant in each period, by tier
 * ({@code AUTOCONN_RATE_LIMIT_TIER1}, {@code AUTOCONN_RATE_LIMIT_TIER2}, {@code AUTOCONN_RATE_LIMIT_PERIOD}).
 * A tier of 0 is not limited.
 */
@ConfigurationProperties("autoconn.rate-limit")
public class RateLimitSettings {
    private long tier1 = 1000;
    private long tier2 = 100;
    private Duration period = Duration.ofMinutes(1);

    public long getTier1() {
        return tier1;
    }

    public void setTier1(long tier1) {
        this.tier1 = requireNotNegative("AUTOCONN_RATE_LIMIT_TIER1", tier1);
    }

    public long getTier2() {
        return tier2;
    }

    public void setTier2(long tier2) {
        this.tier2 = requireNotNegative("AUTOCONN_RATE_LIMIT_TIER2", tier2);
    }

    public Duration getPeriod() {
        return period;
    }

    public void setPeriod(Duration period) {
        if (period.toSeconds() < 1) {
            throw new IllegalArgumentException("AUTOCONN_RATE_LIMIT_PERIOD: " + period + " is shorter than a second");
        }
        this.period = period;
    }

    /** Requests a caller may make in a period in this tier; 0 when the tier is not limited. */
    public long limit(Tier tier) {
        return tier == Tier.READ ? tier1 : tier2;
    }

    private static long requireNotNegative(String setting, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(setting + ": " + value + " is negative; 0 turns the tier's limit off");
        }
        return value;
    }
}
