package io.autoconn.connectors;

import java.time.Duration;

/** A check's timeout in the units client libraries take. */
final class Timeouts {
    private Timeouts() {
    }

    /** Whole milliseconds, at least 1: clients read 0 as "wait forever". */
    static int millis(Duration timeout) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
    }
}
