package io.autoconn.connectors;

import java.time.Duration;
import java.util.List;

/**
 * A probe that connects to the one {@link Endpoint} its params name (a server's host and port), logs in
 * with a secret param called {@code password}, and reports in terms of that endpoint. It validates the
 * params into a target first, so the endpoint it will connect to is known before any connection is
 * made, and runs the check so that it never throws.
 *
 * @param <T> the validated params of one check
 */
abstract class EndpointProbe<T extends EndpointProbe.Target> implements Probe {
    private static final List<String> SECRET_PARAMS = List.of("password");

    /** Validated params of one check, with the endpoint they connect to. */
    interface Target {
        Endpoint endpoint();
    }

    /** Validates the params; a value the check cannot use is an {@link InvalidParamException}. */
    abstract T target(ProbeInput input) throws InvalidParamException;

    /**
     * Connects to {@code target.endpoint()} and checks it within {@code timeout}; classifies failures
     * with {@code failures} and scrubs any text it did not write with {@code scrubber}.
     */
    abstract ProbeResult check(T target, Duration timeout, ConnectFailures failures, SecretScrubber scrubber);

    @Override
    public final List<Endpoint> targets(ProbeInput input) throws InvalidParamException {
        return List.of(target(input).endpoint());
    }

    @Override
    public final ProbeResult check(ProbeInput input, Duration timeout) {
        SecretScrubber scrubber = SecretScrubber.of(input, SECRET_PARAMS);
        return ConnectFailures.guard(scrubber, () -> {
            T target = target(input);
            return check(target, timeout, new ConnectFailures(target.endpoint().address(), timeout, scrubber),
                    scrubber);
        });
    }
}
