package io.autoconn.connectors;

import io.micronaut.core.annotation.Nullable;

/** The outcome of one connection check: connected, or not with the reason. */
public record ProbeResult(boolean connected, @Nullable CheckError error) {
    public static ProbeResult ok() {
        return new ProbeResult(true, null);
    }

    public static ProbeResult failed(String code, String title, String detail) {
        return new ProbeResult(false, new CheckError(code, title, detail));
    }
}
