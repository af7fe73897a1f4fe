package io.autoconn.connectors;

import io.autoconn.secrets.Secret;
import java.util.Map;
import java.util.Optional;

/**
 * The parameter values a probe connects with, keyed by the connector's param name. Secret params are
 * held as {@link Secret}; {@link #toString()} shows only the names, so a logged input leaks nothing.
 */
public final class ProbeInput {
    private final Map<String, String> plain;
    private final Map<String, Secret> secrets;

    public ProbeInput(Map<String, String> plain, Map<String, Secret> secrets) {
        this.plain = Map.copyOf(plain);
        this.secrets = Map.copyOf(secrets);
    }

    /** A non-secret param's value, empty when not set or blank. */
    public Optional<String> value(String name) {
        return Optional.ofNullable(plain.get(name)).filter(v -> !v.isBlank());
    }

    /** A secret param's value, empty when not set or blank. */
    public Optional<Secret> secret(String name) {
        return Optional.ofNullable(secrets.get(name)).filter(s -> !s.isEmpty());
    }

    @Override
    public String toString() {
        return "ProbeInput[plain=" + plain.keySet() + ", secrets=" + secrets.keySet() + "]";
    }
}
