package io.autoconn.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;

/**
 * Where the token buckets live: in this process (embedded SQLite, one server), or in PostgreSQL or Redis,
 * where every server sharing the store counts against the same buckets.
 */
public interface BucketStore extends AutoCloseable {
    /** The bucket of this key, made with {@code configuration} if it does not exist yet. */
    Bucket bucket(String key, BucketConfiguration configuration);

    /** Forgets buckets nobody used for a full period (they are full again anyway). */
    void sweep();

    /** Names the store in logs: "in-process", "PostgreSQL", "Redis host:port". */
    String description();

    @Override
    void close();
}
