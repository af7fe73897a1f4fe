package io.autoconn.http;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The API's timestamps, {@code yyyy-MM-ddTHH:mm:ss.SSSSSSZ} in UTC. Written digit by digit because a list
 * page carries 200 of them and {@link DateTimeFormatter} was a quarter of a page's CPU (BENCHMARKS.md);
 * years outside 0001..9999, which the fixed layout cannot hold, go through the formatter.
 */
final class Timestamps {
    private static final DateTimeFormatter FALLBACK =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final int SECONDS_PER_DAY = 86_400;

    private Timestamps() {
    }

    static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, SECONDS_PER_DAY));
        if (date.getYear() < 1 || date.getYear() > 9999) {
            return FALLBACK.format(instant);
        }
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        char[] text = new char[27];
        digits(text, 0, date.getYear(), 4);
        text[4] = '-';
        digits(text, 5, date.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, date.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, secondOfDay / 3600, 2);
        text[13] = ':';
        digits(text, 14, secondOfDay / 60 % 60, 2);
        text[16] = ':';
        digits(text, 17, secondOfDay % 60, 2);
        text[19] = '.';
        digits(text, 20, instant.getNano() / 1000, 6); // the API's precision: microseconds, truncated
        text[26] = 'Z';
        return new String(text);
    }

    /** Writes {@code value} as exactly {@code width} decimal digits, zero-padded, at {@code at}. */
    private static void digits(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
