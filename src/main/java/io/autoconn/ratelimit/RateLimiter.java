package io.autoconn.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts each caller's requests against their tier: one token bucket per (tenant, user, tier), holding the
 * tier's limit and refilled to it at the end of each period (so "100 requests a minute" means exactly that).
 *
 * <p>When the bucket store fails (PostgreSQL or Redis unreachable, or slower than its timeout), requests
 * are let through unlimited for a while, with one warning in the log: the limit protects the servers
 * from a client's excess, and an outage of the counters should not become an outage of the API (a database
 * outage is answered 503 by the request itself). Not asking the store again for {@link #BYPASS} keeps a
 * dead store from adding its timeout to every request.
 */
@Singleton
public class RateLimiter {
    static final Duration BYPASS = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(RateLimiter.class);
    private static final String KEY_PREFIX = "autoconn:ratelimit:";
    private static final CompletableFuture<Optional<RateDecision>> UNCOUNTED =
            CompletableFuture.completedFuture(Optional.empty());

    private final RateLimitSettings settings;
    private final BucketStore store;
    private final Executor blocking;
    private final Map<Tier, BucketConfiguration> configurations = new EnumMap<>(Tier.class);
    private final Map<Tier, Counter> rejections = new EnumMap<>(Tier.class);
    private final Counter storeFailures;
    /** System.nanoTime() until which the store is not asked; 0 when it is healthy. */
    private final AtomicLong bypassUntil = new AtomicLong();

    /** @param blocking asks a shared store, when a count needs it (it blocks) */
    public RateLimiter(RateLimitSettings settings, BucketStore store, MeterRegistry meters,
                       @Named(TaskExecutors.BLOCKING) Executor blocking) {
        this.settings = settings;
        this.store = store;
        this.blocking = blocking;
        for (Tier tier : Tier.values()) {
            long limit = settings.limit(tier);
            if (limit > 0) {
                configurations.put(tier, BucketConfiguration.builder()
                        .addLimit(l -> l.capacity(limit).refillIntervally(limit, settings.getPeriod()))
                        .build());
            }
            rejections.put(tier, Counter.builder("autoconn.ratelimit.rejections")
                    .description("Requests answered 429 because their caller exceeded the tier's limit")
                    .tag("tier", tier.label())
                    .register(meters));
        }
        storeFailures = Counter.builder("autoconn.ratelimit.store.failures")
                .description("Requests let through unlimited because the rate limit store failed")
                .register(meters);
    }

    /**
     * Takes one request of this caller from its tier's budget. Empty when the tier is not limited or the
     * store cannot be used right now; else whether the request may go on, and what the headers say. Completes
     * at once, on this thread (an event loop), when counting needs no I/O; else on a blocking thread, once
     * the shared store has answered.
     */
    public CompletableFuture<Optional<RateDecision>> consume(String tenantId, String userId, Tier tier) {
        BucketConfiguration configuration = configurations.get(tier);
        if (configuration == null || bypassing()) {
            return UNCOUNTED;
        }
        long limit = settings.limit(tier);
        long periodSeconds = settings.getPeriod().toSeconds();
        // The limit and period are part of the key: servers started with other settings keep their own buckets.
        String key = KEY_PREFIX + tenantId + ":" + userId + ":" + tier.label() + ":" + limit + "/" + periodSeconds;
        long slack = slack(tier, limit);
        Optional<BucketStore.Grant> inMemory = store.tryConsumeInMemory(key, configuration, slack);
        if (inMemory.isPresent()) {
            if (inMemory.get().writeAhead()) {
                blocking.execute(() -> writeShare(key, configuration));
            }
            return CompletableFuture.completedFuture(
                    Optional.of(decide(tier, limit, periodSeconds, inMemory.get().probe())));
        }
        return CompletableFuture.supplyAsync(() -> {
            ConsumptionProbe probe;
            try {
                probe = store.tryConsume(key, configuration, slack);
            } catch (RuntimeException e) {
                storeFailed(e);
                return Optional.empty();
            }
            bypassUntil.set(0);
            return Optional.of(decide(tier, limit, periodSeconds, probe));
        }, blocking);
    }

    private void writeShare(String key, BucketConfiguration configuration) {
        try {
            store.writeShare(key, configuration);
            bypassUntil.set(0);
        } catch (RuntimeException e) {
            storeFailed(e);
        }
    }

    private RateDecision decide(Tier tier, long limit, long periodSeconds, ConsumptionProbe probe) {
        RateDecision decision = RateDecision.of(tier, limit, periodSeconds, probe);
        if (!decision.allowed()) {
            rejections.get(tier).increment();
        }
        return decision;
    }

    /**
     * How much of a budget a server may count locally ({@link LocalShare}) before writing it to the store, so
     * how much the servers together may overspend it, each: 1% of a read budget (nothing below 100 a period),
     * 0.1% of a write budget (nothing below 1,000). A round trip to a shared store per request costs more than
     * a read, and for a user writing at a high rate it lines the writes up on their bucket's row (measured: one
     * user's creates at about 1,400/s with it, 2,000/s without; see BENCHMARKS.md). Writes are held tighter:
     * Qlik's write budget (100 a minute), and any below 1,000, is counted exactly, in the store, on every request.
     */
    static long slack(Tier tier, long limit) {
        return tier == Tier.READ ? limit / 100 : limit / 1000;
    }

    /** Forgets buckets that are full again; runs now and then on every server (see BucketSweeper). */
    void sweep() {
        if (bypassing()) {
            return;
        }
        try {
            store.sweep();
        } catch (RuntimeException e) {
            storeFailed(e);
        }
    }

    private boolean bypassing() {
        long until = bypassUntil.get();
        return until != 0 && System.nanoTime() - until < 0;
    }

    private void storeFailed(RuntimeException e) {
        storeFailures.increment();
        long until = System.nanoTime() + BYPASS.toNanos();
        // One warning per outage episode, not one per request.
        if (bypassUntil.getAndSet(until) == 0) {
            LOG.warn("Rate limit store {} failed ({}: {}); requests go unlimited until it answers again, "
                    + "retried every {} s", store.description(), e.getClass().getSimpleName(), e.getMessage(),
                    BYPASS.toSeconds());
        }
    }
}
