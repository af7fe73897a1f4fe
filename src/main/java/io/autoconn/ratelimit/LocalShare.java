package io.autoconn.ratelimit;

import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Optional;

/**
 * What this server may hand out of one shared bucket without asking the store: at most {@code slack} tokens
 * not yet written to the store, within {@link #MAX_UNSYNCED_TIME} of its last write, and never more than
 * the store said remained then. Memory only, so an event loop may ask it. Between writes the other servers
 * keep spending from the store, so each server can overspend the budget by at most its slack.
 *
 * <p>The share is written ahead of need: once half the slack or half the time is used, one request asks
 * for a write in the background ({@link BucketStore.Grant#writeAhead}) while the others go on taking from
 * the share. Requests wait for the store only if the share runs out before that write comes back. Written
 * only once it ran out, every request arriving during the write waited for it, ten times a second under
 * load (JFR, 16 clients listing: 452 waits of 8 ms or more in Bucket4j's batch in 16 s; BENCHMARKS.md,
 * eighth pass).
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
    /** Handed out, not yet drained for a write. */
    private long unsynced;
    /** Drained by writes that have not come back yet. */
    private long inFlight;
    private long nanosToResetAtSync;
    /** System.nanoTime() of the last write; none yet until {@link #synced} first runs. */
    private long syncedAt;
    private boolean everSynced;
    /** System.nanoTime() when a write ahead was last asked for; a write lost on the way is asked again. */
    private long writeAskedAt;
    private boolean writeAsked;

    LocalShare(long slack) {
        this.slack = slack;
    }

    /** One token, if this server may hand it out without the store; empty: write to the store first. */
    synchronized Optional<BucketStore.Grant> take() {
        long now = System.nanoTime();
        long sinceSync = now - syncedAt;
        long unwritten = unsynced + inFlight;
        if (!everSynced || unwritten >= slack || remaining <= 0 || sinceSync >= MAX_UNSYNCED_NANOS) {
            return Optional.empty();
        }
        unsynced++;
        remaining--;
        boolean due = unwritten + 1 >= slack / 2 || sinceSync >= MAX_UNSYNCED_NANOS / 2;
        boolean writeAhead = due && (!writeAsked || now - writeAskedAt >= MAX_UNSYNCED_NANOS);
        if (writeAhead) {
            writeAsked = true;
            writeAskedAt = now;
        }
        return Optional.of(new BucketStore.Grant(
                ConsumptionProbe.consumed(remaining, Math.max(0, nanosToResetAtSync - sinceSync)), writeAhead));
    }

    /** The tokens handed out and not yet written, now to be written; counting starts again from zero. */
    synchronized long drain() {
        long drained = unsynced;
        unsynced = 0;
        inFlight += drained;
        return drained;
    }

    /** The store answered {@code probe} after the {@code drained} tokens were written to it. */
    synchronized void synced(ConsumptionProbe probe, long drained) {
        inFlight -= drained;
        remaining = probe.getRemainingTokens() - unsynced - inFlight;
        nanosToResetAtSync = probe.getNanosToWaitForReset();
        syncedAt = System.nanoTime();
        everSynced = true;
        writeAsked = false;
    }

    /** A write of the {@code drained} tokens failed: they go uncounted, and a write may be asked for again. */
    synchronized void failed(long drained) {
        inFlight -= drained;
        writeAsked = false;
    }
}
