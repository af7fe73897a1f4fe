package io.autoconn.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.VerboseResult;
import io.github.bucket4j.distributed.proxy.BucketNotFoundException;
import io.github.bucket4j.distributed.proxy.ExpiredEntriesCleaner;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.util.concurrent.batch.BatchHelper.BatchFailedException;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * Buckets kept by a Bucket4j proxy manager in a store every server reaches (PostgreSQL, Redis): each
 * consumption is one atomic read-modify-write there, so servers sharing the store share the budget.
 *
 * <p>One proxy per key, kept while the key is in use, with Bucket4j's batching: the requests of one caller
 * that arrive while a write of their bucket is in flight go to the store together, as one command, instead
 * of queueing one by one on the row's lock. The budget stays exact; only the number of round trips drops.
 * Where the caller allows a slack (reads), this server also hands out tokens of its {@link LocalShare} between
 * writes, which is what takes the store (and a thread switch) off each request.
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
    private final Cache<String, LocalShare> shares = Caffeine.newBuilder()
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
    public Optional<Grant> tryConsumeInMemory(String key, BucketConfiguration configuration, long slack) {
        return slack > 0 ? shares.get(key, k -> new LocalShare(slack)).take() : Optional.empty();
    }

    /** Writes what this server handed out of its share since its last write, then takes one token in the store. */
    @Override
    public ConsumptionProbe tryConsume(String key, BucketConfiguration configuration, long slack) {
        if (slack == 0) {
            return inStore(key, configuration, bucket -> bucket.tryConsumeAndReturnRemaining(1));
        }
        return written(shares.get(key, k -> new LocalShare(slack)), handedOut -> {
            if (handedOut > 0) {
                inStore(key, configuration, bucket -> bucket.consumeIgnoringRateLimits(handedOut));
            }
            return inStore(key, configuration, bucket -> bucket.tryConsumeAndReturnRemaining(1));
        });
    }

    /** One command: the tokens handed out go to the store, and what it says remains comes back. */
    @Override
    public void writeShare(String key, BucketConfiguration configuration) {
        LocalShare share = shares.getIfPresent(key);
        if (share == null) {
            return; // dropped meanwhile: whatever it handed out went with it, as when the proxy is forgotten
        }
        written(share, handedOut -> {
            // Nothing to write (a request that could not wait wrote the share meanwhile): just read what remains.
            VerboseResult.Diagnostics after = inStore(key, configuration, bucket -> handedOut > 0
                    ? bucket.asVerbose().consumeIgnoringRateLimits(handedOut)
                    : bucket.asVerbose().getAvailableTokens()).getDiagnostics();
            return ConsumptionProbe.consumed(Math.max(0, after.getAvailableTokens()),
                    after.calculateFullRefillingTime());
        });
    }

    /**
     * Drains the share and writes it with {@code write}, which answers what the store says remains. Drained
     * first: if the store fails now, those tokens go uncounted (at most the slack), as every request does while
     * the store is down (RateLimiter lets them through).
     */
    private static ConsumptionProbe written(LocalShare share, LongFunction<ConsumptionProbe> write) {
        long handedOut = share.drain();
        try {
            ConsumptionProbe probe = write.apply(handedOut);
            share.synced(probe, handedOut);
            return probe;
        } catch (RuntimeException e) {
            share.failed(handedOut);
            throw e;
        }
    }

    /**
     * Runs one command on the key's bucket, batched with the others of this server in flight. Bucket4j (8.14)
     * fails a batch on a bucket the store does not hold yet (a caller's first requests arriving together, or
     * the first after {@link #sweep()} dropped it) instead of creating the bucket, as it does for a single
     * command. Nothing of that batch was applied, so each of its commands is repeated alone, which creates it.
     */
    private <T> T inStore(String key, BucketConfiguration configuration, Function<Bucket, T> command) {
        Bucket batched = buckets.get(key, k -> proxies.builder().withOptimization(Optimizations.batching())
                .build(k, () -> configuration));
        try {
            return command.apply(batched);
        } catch (BatchFailedException e) {
            if (!(e.getCause() instanceof BucketNotFoundException)) {
                throw e;
            }
            return command.apply(proxies.builder().build(key, () -> configuration));
        }
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
