package io.autoconn.query;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/** RFC 3339 timestamps as the epoch microseconds TIMESTAMP columns store. */
final class EpochMicros {
    private EpochMicros() {
    }

    /**
     * Parses a timestamp with an offset ({@code Z} or {@code +02:00}) and 0 to 9 fractional digits. Digits
     * beyond the microsecond are dropped (rounded towards the past), as the columns cannot hold them.
     *
     * @throws java.time.format.DateTimeParseException if the text is not such a timestamp
     * @throws ArithmeticException if the instant is too far from 1970 for a long of microseconds
     */
    static long parse(String text) {
        Instant instant = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }
}
