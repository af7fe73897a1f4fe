package io.autoconn.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.autoconn.fuzz.Gen;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

/** The hand-written timestamp layout answers exactly what the formatter it replaced answered. */
class TimestampsTest {
    private static final DateTimeFormatter REFERENCE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    /** 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999999Z, in microseconds since the epoch. */
    private static final long FIRST_MICROS = -62_135_596_800_000_000L;
    private static final long LAST_MICROS = 253_402_300_799_999_999L;
    private static final long SECONDS_BEYOND = 400_000_000_000L;

    @Test
    void everyMicrosecondOfTheFourDigitYearsMatchesTheFormatter() {
        rangeWithItsEdges(FIRST_MICROS, LAST_MICROS).forAll("timestamps in micros", 5000, epochMicros -> {
            Instant instant = Instant.EPOCH.plusSeconds(Math.floorDiv(epochMicros, 1_000_000))
                    .plusNanos(Math.floorMod(epochMicros, 1_000_000) * 1000L);
            assertEquals(REFERENCE.format(instant), Timestamps.format(instant));
        });
    }

    @Test
    void yearsTheLayoutCannotHoldStillMatch() {
        rangeWithItsEdges(-SECONDS_BEYOND, SECONDS_BEYOND).forAll("timestamps in seconds", 500, epochSeconds -> {
            Instant instant = Instant.ofEpochSecond(epochSeconds, 123_456_789);
            assertEquals(REFERENCE.format(instant), Timestamps.format(instant));
        });
    }

    @Test
    void edgesOfTheDay() {
        assertEquals("1970-01-01T00:00:00.000000Z", Timestamps.format(Instant.EPOCH));
        assertEquals("1969-12-31T23:59:59.999999Z", Timestamps.format(Instant.EPOCH.minusNanos(1000)));
        assertEquals("2026-12-01T16:20:05.000007Z", Timestamps.format(Instant.parse("2026-12-01T16:20:05.000007999Z")));
        assertEquals("0001-01-01T00:00:00.000000Z", Timestamps.format(Instant.parse("0001-01-01T00:00:00Z")));
    }

    /** Values of the range, now and then one of its ends or zero, where layouts tend to break. */
    private static Gen<Long> rangeWithItsEdges(long min, long max) {
        return Gen.frequency(Gen.weighted(19, Gen.longs(min, max)), Gen.weighted(1, Gen.of(min, max, 0L, -1L)));
    }
}
