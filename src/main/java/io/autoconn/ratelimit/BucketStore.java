package io.autoconn.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;

/**
 * Where the token buckets live: in this process (embedded SQLite, one server), or in PostgreSQL or Redis,
 * where every server sharing the store counts against the same buckets.
 */
public interface BucketStore extends AutoCloseable {
    /** At most how long a server counts from its own copy of a bucket before it writes to the store. */
    Duration MAX_UNSYNCED_TIME = Duration.ofMillis(100);

    /**
     * The bucket of this key, made with {@code configuration} if it does not exist yet. A shared store may let
     * this server hand out up to {@code slack} tokens from its own copy of the bucket before it writes them
     * to the store (and within {@link #MAX_UNSYNCED_TIME}); 0 asks the store every time.
     */
    Bucket bucket(String key, BucketConfiguration configuration, long slack);

    /** Forgets buckets nobody used for a full period (they are full again anyway). */
    void sweep();

    /** Whether a bucket of this store answers from memory alone (no I/O), so that an event loop may ask it. */
    boolean inMemory();

    /** Names the store in logs: "in-process", "PostgreSQL", "Redis host:port". */
    String description();

    @Override
    void close();
}
