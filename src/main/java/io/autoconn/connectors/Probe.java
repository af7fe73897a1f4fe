package io.autoconn.connectors;

import java.time.Duration;
import java.util.List;

/**
 * A real connection attempt against a target system (an HTTP API, a database...). Implementations
 * connect for real, finish within {@code timeout}, never throw for a failing target (they answer
 * {@link ProbeResult#failed}) and never put a secret in the result.
 */
public interface Probe {
    /** The name connector files use to pick this probe ({@code "check": {"probe": "<kind>"}}). */
    String kind();

    /**
     * Every host and port a check with these params would connect to, without connecting. The checker
     * resolves each one and refuses the check (CHECK-TARGET-REFUSED) when the egress policy refuses
     * any of their addresses, so this must name everything {@link #check} may reach: build it from
     * the same parsed params. Usually one line, as in {@link EndpointProbe}.
     *
     * @throws InvalidParamException when the params name no usable target (the check then answers
     *                               CHECK-INVALID-PARAMS without connecting)
     */
    List<Endpoint> targets(ProbeInput input) throws InvalidParamException;

    ProbeResult check(ProbeInput input, Duration timeout);
}
