package io.autoconn.connectors;

import java.time.Duration;

/**
 * A real connection attempt against a target system (an HTTP API, a database...). Implementations
 * connect for real, finish within {@code timeout}, never throw for a failing target (they answer
 * {@link ProbeResult#failed}) and never put a secret in the result.
 */
public interface Probe {
    /** The name connector files use to pick this probe ({@code "check": {"probe": "<kind>"}}). */
    String kind();

    ProbeResult check(ProbeInput input, Duration timeout);
}
