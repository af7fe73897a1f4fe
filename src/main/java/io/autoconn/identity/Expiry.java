package io.autoconn.identity;

import io.autoconn.error.ApiException;
import io.autoconn.error.ErrorCode;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * An API key's {@code expiry} as Qlik takes it: an ISO 8601 duration from now, such as {@code P7D},
 * {@code PT12H} or {@code P1Y2M3DT4H}. Years and months are calendar ones (UTC).
 */
final class Expiry {
    /** Far enough for any real key, near enough that the arithmetic cannot overflow. */
    static final int MAX_YEARS = 100;

    private Expiry() {
    }

    /** When a key created at {@code from} with this expiry expires. */
    static Instant after(String duration, Instant from) {
        String text = duration.strip().toUpperCase(Locale.ROOT);
        try {
            int t = text.indexOf('T');
            String date = t < 0 ? text : text.substring(0, t);
            String time = t < 0 ? "" : text.substring(t);
            if (!date.startsWith("P") || (date.length() == 1 && time.isEmpty())) {
                throw invalid(duration, "it is not an ISO 8601 duration");
            }
            Period period = date.length() == 1 ? Period.ZERO : Period.parse(date);
            Duration clock = time.isEmpty() ? Duration.ZERO : Duration.parse("P" + time);
            Instant expires = from.atOffset(ZoneOffset.UTC).plus(period).toInstant().plus(clock);
            if (!expires.isAfter(from)) {
                throw invalid(duration, "it must be longer than zero");
            }
            if (expires.isAfter(from.atOffset(ZoneOffset.UTC).plusYears(MAX_YEARS).toInstant())) {
                throw invalid(duration, "it may be at most " + MAX_YEARS + " years");
            }
            return expires;
        } catch (DateTimeException | ArithmeticException e) {
            throw invalid(duration, "it is not an ISO 8601 duration");
        }
    }

    private static ApiException invalid(String duration, String why) {
        return new ApiException(ErrorCode.INVALID_FIELD, "expiry '" + duration + "' is not usable: " + why
                + "; give a duration such as P7D (7 days), PT12H (12 hours) or P1Y (a year)");
    }
}
