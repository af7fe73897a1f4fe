package io.autoconn.http;

import io.autoconn.error.ErrorCode;
import io.autoconn.identity.Caller;
import io.autoconn.ratelimit.RateDecision;
import io.autoconn.ratelimit.RateLimiter;
import io.autoconn.ratelimit.Tier;
import io.micronaut.core.annotation.Order;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

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
    private final ExecutorService blocking;

    public RateLimitFilter(RateLimiter limiter, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.limiter = limiter;
        this.blocking = blocking;
    }

    /** On the event loop when the buckets are in this process; a shared store is asked from a blocking thread. */
    @RequestFilter
    public CompletableFuture<Optional<HttpResponse<?>>> limit(HttpRequest<?> request) {
        Optional<Caller> caller = ApiRequestFilter.caller(request);
        if (caller.isEmpty()) {
            return ApiRequestFilter.CONTINUE;
        }
        if (limiter.inMemory()) {
            return CompletableFuture.completedFuture(count(request, caller.get()));
        }
        return CompletableFuture.supplyAsync(() -> count(request, caller.get()), blocking);
    }

    /** Takes the request from its caller's budget: empty to go on, else the 429. */
    private Optional<HttpResponse<?>> count(HttpRequest<?> request, Caller caller) {
        Optional<RateDecision> decision = limiter.consume(caller.tenantId(), caller.userId(),
                Tier.of(request.getMethod()));
        if (decision.isEmpty()) {
            return Optional.empty();
        }
        if (!decision.get().allowed()) {
            // A response returned here skips the response filters: it gets its headers now.
            return Optional.of(withHeaders(ErrorResponses.response(request, ErrorCode.RATE_LIMITED,
                    decision.get().refusal()), decision.get()));
        }
        request.setAttribute(DECISION, decision.get());
        return Optional.empty();
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
