package io.autoconn.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.proxy.ExpiredEntriesCleaner;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.Optimization;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * Buckets kept by a Bucket4j proxy manager in a store every server reaches (PostgreSQL, Redis): each
 * consumption is one atomic read-modify-write there, so servers sharing the store share the budget.
 *
 * <p>One proxy per key, kept while the key is in use, with Bucket4j's batching: the requests of one caller
 * that arrive while a write of their bucket is in flight go to the store together, as one command, instead
 * of queueing one by one on the row's lock. The budget stays exact; only the number of round trips drops.
 * Where the caller allows a slack (reads), the proxy also counts locally between writes, which is what
 * takes the store off each request.
 */
final class SharedBucketStore implements BucketStore {
    /** Removed per batch by {@link #sweep()}; batches repeat until one comes back short. */
    private static final int SWEEP_BATCH = 1000;
    /** Proxies hold no budget (the store does): forgetting one costs nothing but its batching. */
    private static final int MAX_PROXIES = 100_000;
    private static final Duration PROXY_IDLE = Duration.ofMinutes(5);

    private final ProxyManager<String> proxies;
    private final @Nullable ExpiredEntriesCleaner cleaner;
    private final String description;
    private final AutoCloseable client;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(MAX_PROXIES).expireAfterAccess(PROXY_IDLE).build();

    /**
     * @param cleaner removes expired rows, for a store that does not expire them itself (a table); null for Redis
     * @param client  closed with the store (a Redis client); the application's data source is not ours to close
     */
    SharedBucketStore(ProxyManager<String> proxies, @Nullable ExpiredEntriesCleaner cleaner, String description,
                      AutoCloseable client) {
        this.proxies = proxies;
        this.cleaner = cleaner;
        this.description = description;
        this.client = client;
    }

    @Override
    public Bucket bucket(String key, BucketConfiguration configuration, long slack) {
        return buckets.get(key, k -> proxies.builder().withOptimization(optimization(slack))
                .build(k, () -> configuration));
    }

    /**
     * Batching alone keeps the budget exact. Delaying (which batches too) answers from this server's copy of
     * the bucket until it has handed out {@code slack} tokens or {@link #MAX_UNSYNCED_TIME} has passed, then
     * writes them to the store in one command: each server can overspend the budget by at most its slack.
     */
    private static Optimization optimization(long slack) {
        return slack > 0 ? Optimizations.delaying(new DelayParameters(slack, MAX_UNSYNCED_TIME))
                : Optimizations.batching();
    }

    @Override
    public void sweep() {
        if (cleaner != null) {
            while (cleaner.removeExpired(SWEEP_BATCH) == SWEEP_BATCH) {
                // more expired rows than a batch: go on
            }
        }
    }

    @Override
    public boolean inMemory() {
        return false;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (Exception e) {
            throw new IllegalStateException("Closing the " + description + " rate limit store", e);
        }
    }
}
