package io.autoconn.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Each request's trace id: the trace id of a valid W3C {@code traceparent} header when the caller
 * sent one, else a fresh random one. It is the ErrorResponse {@code traceId} and the
 * {@code X-Trace-Id} response header.
 */
final class TraceIds {
    static final String HEADER = "X-Trace-Id";
    private static final String ATTRIBUTE = "autoconn.traceId";
    private static final Pattern TRACEPARENT = Pattern.compile("^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$");
    private static final String INVALID_TRACE = "0".repeat(32);
    private static final SecureRandom RANDOM = new SecureRandom();

    private TraceIds() {
    }

    /** The request's trace id, assigned on first use. */
    static String of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, String.class).orElseGet(() -> {
            String id = fromTraceparent(request.getHeaders().get("traceparent"));
            request.setAttribute(ATTRIBUTE, id);
            return id;
        });
    }

    private static String fromTraceparent(@Nullable String traceparent) {
        if (traceparent != null) {
            var m = TRACEPARENT.matcher(traceparent.strip());
            if (m.matches() && !m.group(1).equals(INVALID_TRACE)) {
                return m.group(1);
            }
        }
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
