package io.autoconn.ratelimit;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;

/**
 * Keeps the bucket store small: buckets of callers who stopped calling are dropped once full again
 * (Redis expires its keys by itself; the PostgreSQL table and the in-process map need this).
 */
@Singleton
class BucketSweeper {
    private final RateLimiter limiter;

    BucketSweeper(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @Scheduled(fixedDelay = "1m", initialDelay = "1m")
    void sweep() {
        limiter.sweep();
    }
}
