package io.autoconn.trace;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.core.propagation.PropagatedContextElement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The W3C trace context (https://www.w3.org/TR/trace-context/) of the work in progress: the trace it
 * belongs to and this server's span in it. A request continues the trace of a valid {@code traceparent}
 * header, else starts one; its trace id is the ErrorResponse {@code traceId}, the {@code traceId} of every
 * log line, and goes on in the {@code traceparent} of every call made on the request's behalf, each with a
 * span id of its own. It travels with the request as a Micronaut {@link PropagatedContext} element, so it
 * is there on whichever thread (event loop, blocking pool, checks pool) does the request's work.
 */
public record TraceContext(String traceId, String spanId, String flags) implements PropagatedContextElement {
    public static final String TRACEPARENT = "traceparent";
    /** version-traceid-parentid-flags; version ff is forbidden, and later versions may append fields. */
    private static final Pattern HEADER =
            Pattern.compile("^(?!ff)[0-9a-f]{2}-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$");
    private static final String INVALID_TRACE = "0".repeat(32);
    private static final String INVALID_SPAN = "0".repeat(16);
    /** A trace we start is marked sampled: every log line of it carries its id. */
    private static final String SAMPLED = "01";

    /**
     * The context of a request that came with this {@code traceparent}: its trace and flags, a new span.
     * A missing or invalid header (malformed, all-zero ids, version ff) starts a new trace.
     */
    public static TraceContext continuing(@Nullable String traceparent) {
        if (traceparent != null) {
            var m = HEADER.matcher(traceparent.strip());
            // A version-00 header has exactly four fields; only later versions may add some.
            if (m.matches() && !m.group(1).equals(INVALID_TRACE) && !m.group(2).equals(INVALID_SPAN)
                    && !(traceparent.strip().startsWith("00-") && m.group(4) != null)) {
                return new TraceContext(m.group(1), randomId(1), m.group(3));
            }
        }
        return new TraceContext(randomId(2), randomId(1), SAMPLED);
    }

    /** The context of the current request, when this thread works on one. */
    public static Optional<TraceContext> current() {
        return PropagatedContext.find().flatMap(context -> context.find(TraceContext.class));
    }

    /** This span as a {@code traceparent} header value. */
    public String traceparent() {
        return "00-" + traceId + "-" + spanId + "-" + flags;
    }

    /** The {@code traceparent} of a call this span makes: the same trace, a new span. */
    public String childTraceparent() {
        return new TraceContext(traceId, randomId(1), flags).traceparent();
    }

    /**
     * {@code longs} random 64-bit words in hex, never all zero (W3C's invalid id). Trace ids must be unique,
     * not secret: ThreadLocalRandom, rather than a SecureRandom that every request would share (a lock, and
     * a read of the kernel's random source, per id).
     */
    private static String randomId(int longs) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder id = new StringBuilder(16 * longs);
        boolean zero = true;
        for (int i = 0; i < longs; i++) {
            long word = random.nextLong();
            zero &= word == 0;
            id.append(HexFormat.of().toHexDigits(word));
        }
        return zero ? randomId(longs) : id.toString();
    }
}
