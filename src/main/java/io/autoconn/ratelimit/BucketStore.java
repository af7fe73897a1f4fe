package io.autoconn.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import java.util.Optional;

/**
 * Where the token buckets live: in this process (embedded SQLite, one server), or in PostgreSQL or Redis,
 * where every server sharing the store counts against the same buckets.
 */
public interface BucketStore extends AutoCloseable {
    /**
     * A token taken without I/O. {@code writeAhead}: the caller should now run {@link #writeShare}, off the
     * event loop and without making the request wait for it.
     */
    record Grant(ConsumptionProbe probe, boolean writeAhead) {
    }

    /**
     * Takes one token from the bucket of this key (made with {@code configuration} if it does not exist yet),
     * if that needs no I/O, so that an event loop may ask: always for buckets in this process; for a shared
     * store, when this server may still hand out a token of its {@link LocalShare} ({@code slack} tokens,
     * within {@link LocalShare#MAX_UNSYNCED_TIME} of its last write to the store; a slack of 0 always asks the store).
     * Empty: only {@link #tryConsume} can tell.
     */
    Optional<Grant> tryConsumeInMemory(String key, BucketConfiguration configuration, long slack);

    /** Writes to the store what this server handed out of the key's share (see {@link Grant#writeAhead}); may block. */
    void writeShare(String key, BucketConfiguration configuration);

    /** Takes one token from the bucket of this key, asking the store (which may block) if it is shared. */
    ConsumptionProbe tryConsume(String key, BucketConfiguration configuration, long slack);

    /** Forgets buckets nobody used for a full period (they are full again anyway). */
    void sweep();

    /** Names the store in logs: "in-process", "PostgreSQL", "Redis host:port". */
    String description();

    @Override
    void close();
}
