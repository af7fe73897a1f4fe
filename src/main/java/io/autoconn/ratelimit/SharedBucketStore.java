package io.autoconn.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.proxy.ExpiredEntriesCleaner;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.micronaut.core.annotation.Nullable;

/**
 * Buckets kept by a Bucket4j proxy manager in a store every server reaches (PostgreSQL, Redis): each
 * consumption is one atomic read-modify-write there, so servers sharing the store share the budget.
 */
final class SharedBucketStore implements BucketStore {
    /** Removed per batch by {@link #sweep()}; batches repeat until one comes back short. */
    private static final int SWEEP_BATCH = 1000;

    private final ProxyManager<String> proxies;
    private final @Nullable ExpiredEntriesCleaner cleaner;
    private final String description;
    private final AutoCloseable client;

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
    public Bucket bucket(String key, BucketConfiguration configuration) {
        return proxies.getProxy(key, () -> configuration);
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
