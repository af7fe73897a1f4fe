package io.autoconn.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/** The hand-written timestamp layout answers exactly what the formatter it replaced answered. */
class TimestampsTest {
    private static final DateTimeFormatter REFERENCE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    @Property(tries = 5000)
    void everyMicrosecondOfTheFourDigitYearsMatchesTheFormatter(
            @ForAll @LongRange(min = -62_135_596_800_000_000L, max = 253_402_300_799_999_999L) long epochMicros) {
        Instant instant = Instant.EPOCH.plusSeconds(Math.floorDiv(epochMicros, 1_000_000))
                .plusNanos(Math.floorMod(epochMicros, 1_000_000) * 1000L);
        assertEquals(REFERENCE.format(instant), Timestamps.format(instant));
    }

    @Property(tries = 500)
    void yearsTheLayoutCannotHoldStillMatch(@ForAll @LongRange(min = -400_000_000_000L, max = 400_000_000_000L)
                                            long epochSeconds) {
        Instant instant = Instant.ofEpochSecond(epochSeconds, 123_456_789);
        assertEquals(REFERENCE.format(instant), Timestamps.format(instant));
    }

    @Example
    void edgesOfTheDay() {
        assertEquals("1970-01-01T00:00:00.000000Z", Timestamps.format(Instant.EPOCH));
        assertEquals("1969-12-31T23:59:59.999999Z", Timestamps.format(Instant.EPOCH.minusNanos(1000)));
        assertEquals("2026-12-01T16:20:05.000007Z", Timestamps.format(Instant.parse("2026-12-01T16:20:05.000007999Z")));
        assertEquals("0001-01-01T00:00:00.000000Z", Timestamps.format(Instant.parse("0001-01-01T00:00:00Z")));
    }
}
