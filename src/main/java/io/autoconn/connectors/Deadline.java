package io.autoconn.connectors;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The moment a probe must have answered by. Client libraries bound each step of a connection (TCP
 * connect, handshake, login) with its own timeout, so a target that answers each step slowly could hold
 * a probe for several timeouts in a row; {@link #closeWhenPassed} ends the attempt at the deadline
 * whatever step it is in, by closing what it is blocked on.
 */
final class Deadline {
    /**
     * One thread for every probe's alarm; it ends when no alarm has been due for a while, so an idle
     * server keeps no thread for it.
     */
    private static final ScheduledThreadPoolExecutor ALARMS = alarms();

    private final long endNanos;

    private Deadline(Duration timeout) {
        this.endNanos = System.nanoTime() + timeout.toNanos();
    }

    static Deadline after(Duration timeout) {
        return new Deadline(timeout);
    }

    /** The time left, zero once passed. */
    Duration remaining() {
        return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
    }

    boolean passed() {
        return System.nanoTime() - endNanos >= 0;
    }

    /** Closes {@code resource} when the deadline passes, unless the returned alarm is closed first. */
    Alarm closeWhenPassed(Closeable resource) {
        ScheduledFuture<?> alarm = ALARMS.schedule(() -> closeQuietly(resource), remaining().toNanos(),
                TimeUnit.NANOSECONDS);
        return () -> alarm.cancel(false);
    }

    /** A pending close; closing the alarm cancels it. */
    interface Alarm extends AutoCloseable {
        @Override
        void close();
    }

    private static void closeQuietly(Closeable resource) {
        try {
            resource.close();
        } catch (IOException | RuntimeException e) {
            // the attempt it ends reports the failure
        }
    }

    private static ScheduledThreadPoolExecutor alarms() {
        ScheduledThreadPoolExecutor alarms = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "autoconn-probe-deadline");
            thread.setDaemon(true);
            return thread;
        });
        alarms.setRemoveOnCancelPolicy(true); // a cancelled alarm must not keep the thread alive until it was due
        alarms.setKeepAliveTime(10, TimeUnit.SECONDS);
        alarms.allowCoreThreadTimeOut(true);
        return alarms;
    }
}
