package io.autoconn.http;

import io.autoconn.trace.TraceContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;

/**
 * Each request's {@link TraceContext}, kept on the request: its trace id is the ErrorResponse
 * {@code traceId}, and every answer carries it as {@code X-Trace-Id} and as a {@code traceparent} naming
 * this server's span.
 */
final class TraceIds {
    static final String HEADER = "X-Trace-Id";
    private static final String ATTRIBUTE = "autoconn.trace";

    private TraceIds() {
    }

    /** The request's trace context, assigned on first use (from its {@code traceparent}, else new). */
    static TraceContext context(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, TraceContext.class).orElseGet(() -> {
            TraceContext context = TraceContext.continuing(request.getHeaders().get(TraceContext.TRACEPARENT));
            request.setAttribute(ATTRIBUTE, context);
            return context;
        });
    }

    /** The request's trace id. */
    static String of(HttpRequest<?> request) {
        return context(request).traceId();
    }

    /** Adds the trace headers of {@code request} to its {@code response}. */
    static void addHeaders(HttpRequest<?> request, MutableHttpResponse<?> response) {
        TraceContext context = context(request);
        response.getHeaders().set(HEADER, context.traceId());
        response.getHeaders().set(TraceContext.TRACEPARENT, context.traceparent());
    }
}
