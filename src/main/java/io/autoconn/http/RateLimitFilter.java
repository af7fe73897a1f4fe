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
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

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

    /**
     * Answers on the event loop when counting needs no I/O (buckets in this process, or a read on this
     * server's share of a shared bucket); a count that asks the shared store goes on from a blocking thread.
     */
    @RequestFilter
    public CompletableFuture<Optional<HttpResponse<?>>> limit(HttpRequest<?> request) {
        Optional<Caller> caller = ApiRequestFilter.caller(request);
        if (caller.isEmpty()) {
            return ApiRequestFilter.CONTINUE;
        }
        return limiter.consume(caller.get().tenantId(), caller.get().userId(), Tier.of(request.getMethod()))
                .thenApply(decision -> answer(request, decision));
    }

    /** Empty to go on, else the 429. */
    private Optional<HttpResponse<?>> answer(HttpRequest<?> request, Optional<RateDecision> decision) {
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
