package io.autoconn.ratelimit;

import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Optional;

/**
 * What this server may hand out of one shared bucket without asking the store: at most {@code slack} tokens
 * since it last wrote to the store, within {@link #MAX_UNSYNCED_TIME} of it, and never more than
 * the store said remained then. Memory only, so an event loop may ask it. Between writes the other servers
 * keep spending from the store, so each server can overspend the budget by at most its slack.
 *
 * <p>Bucket4j's own version of this (the "delaying" optimization) answers from the calling thread only
 * through its asynchronous API, whose batching lost requests under concurrency (futures never completed)
 * with the JDBC and Jedis proxy managers, which have no asynchronous mode of their own.
 */
final class LocalShare {
    /** At most how long a server hands out tokens of its share before it writes them to the store. */
    static final Duration MAX_UNSYNCED_TIME = Duration.ofMillis(100);
    private static final long MAX_UNSYNCED_NANOS = MAX_UNSYNCED_TIME.toNanos();

    private final long slack;
    /** What the store said remained at the last write, less what was handed out since. */
    private long remaining;
    private long unsynced;
    private long nanosToResetAtSync;
    /** System.nanoTime() of the last write; none yet until {@link #synced} first runs. */
    private long syncedAt;
    private boolean everSynced;

    LocalShare(long slack) {
        this.slack = slack;
    }

    /** One token, if this server may hand it out without the store; empty: write to the store first. */
    synchronized Optional<ConsumptionProbe> take() {
        long now = System.nanoTime();
        long sinceSync = now - syncedAt;
        if (!everSynced || unsynced >= slack || remaining <= 0 || sinceSync >= MAX_UNSYNCED_NANOS) {
            return Optional.empty();
        }
        unsynced++;
        remaining--;
        return Optional.of(ConsumptionProbe.consumed(remaining, Math.max(0, nanosToResetAtSync - sinceSync)));
    }

    /** The tokens handed out since the last write, now to be written; counting starts again from zero. */
    synchronized long drain() {
        long drained = unsynced;
        unsynced = 0;
        return drained;
    }

    /** The store answered {@code probe} (after the drained tokens were written to it). */
    synchronized void synced(ConsumptionProbe probe) {
        remaining = probe.getRemainingTokens() - unsynced;
        nanosToResetAtSync = probe.getNanosToWaitForReset();
        syncedAt = System.nanoTime();
        everSynced = true;
    }
}
