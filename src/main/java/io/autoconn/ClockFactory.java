package io.autoconn;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.temporal.ChronoUnit;

@Factory
public class ClockFactory {
    /** UTC, ticking in microseconds: the precision timestamps are stored and shown with. */
    @Singleton
    public Clock clock() {
        return Clock.tick(Clock.systemUTC(), ChronoUnit.MICROS.getDuration());
    }
}
