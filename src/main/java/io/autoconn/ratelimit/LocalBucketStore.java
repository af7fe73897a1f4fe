package io.autoconn.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Buckets in this process's memory: right for the embedded single server, which has nobody to share with. */
final class LocalBucketStore implements BucketStore {
    private record Entry(Bucket bucket, long capacity) {
    }

    private final ConcurrentMap<String, Entry> buckets = new ConcurrentHashMap<>();

    @Override
    public Optional<Grant> tryConsumeInMemory(String key, BucketConfiguration configuration, long slack) {
        return Optional.of(new Grant(tryConsume(key, configuration, slack), false));
    }

    @Override
    public void writeShare(String key, BucketConfiguration configuration) {
        // Every token is counted here already: no share, nothing to write.
    }

    @Override
    public ConsumptionProbe tryConsume(String key, BucketConfiguration configuration, long slack) {
        // In memory, counting is exact and costs nothing: there is no slack to take.
        return buckets.computeIfAbsent(key, k -> new Entry(
                Bucket.builder().addLimit(configuration.getBandwidths()[0]).build(),
                configuration.getBandwidths()[0].getCapacity())).bucket().tryConsumeAndReturnRemaining(1);
    }

    @Override
    public void sweep() {
        // A full bucket is what a new one would be: dropping it changes nothing a caller sees.
        buckets.values().removeIf(e -> e.bucket().getAvailableTokens() >= e.capacity());
    }

    @Override
    public String description() {
        return "in-process";
    }

    @Override
    public void close() {
        buckets.clear();
    }
}
