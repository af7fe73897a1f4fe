package io.autoconn.http;

import io.autoconn.error.ErrorCode;
import io.autoconn.identity.Caller;
import io.autoconn.ratelimit.RateDecision;
import io.autoconn.ratelimit.RateLimiter;
import io.autoconn.ratelimit.Tier;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Order;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Optional;

/**
 * Counts every authenticated request against its caller's rate tier (io.autoconn.ratelimit): over the
 * limit it is answered 429 {@code HTTP-429} with {@code Retry-After}; every counted response carries the
 * RateLimit headers. Runs after {@link ApiRequestFilter}, so a request without a valid key is a 401 first;
 * public paths have no caller and are not counted.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Order(RateLimitFilter.ORDER)
public class RateLimitFilter {
    /** Right after ApiRequestFilter, which authenticates (ServerFilterPhase.SECURITY.after()). */
    static final int ORDER = ApiRequestFilter.ORDER + 250;
    private static final String DECISION = "autoconn.rate-decision";

    private final RateLimiter limiter;

    public RateLimitFilter(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    public HttpResponse<?> limit(HttpRequest<?> request) {
        Optional<Caller> caller = ApiRequestFilter.caller(request);
        Optional<RateDecision> decision = caller.flatMap(c ->
                limiter.consume(c.tenantId(), c.userId(), Tier.of(request.getMethod())));
        if (decision.isEmpty()) {
            return null;
        }
        if (!decision.get().allowed()) {
            // A response returned here skips the response filters: it gets its headers now.
            return withHeaders(ErrorResponses.response(request, ErrorCode.RATE_LIMITED, decision.get().refusal()),
                    decision.get());
        }
        request.setAttribute(DECISION, decision.get());
        return null;
    }

    @ResponseFilter
    public void rateLimitHeaders(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getAttribute(DECISION, RateDecision.class).ifPresent(d -> withHeaders(response, d));
    }

    private static MutableHttpResponse<?> withHeaders(MutableHttpResponse<?> response, RateDecision decision) {
        decision.headers().forEach(response.getHeaders()::set);
        return response;
    }
}
