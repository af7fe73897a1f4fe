package io.autoconn.storage;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Timestamps are stored as epoch microseconds: the API's precision, and the same on every backend. */
public final class Micros {
    private Micros() {
    }

    public static long of(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    public static Instant toInstant(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }
}
