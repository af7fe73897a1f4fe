package io.autoconn.automations;

import java.util.Arrays;
import java.util.Optional;

/**
 * How an automation's runs start. autoconn has no schedules, triggers or webhooks yet, so every automation is
 * {@code manual}; the other Qlik modes arrive with the run engine.
 */
public enum RunMode {
    MANUAL("manual");

    private final String apiName;

    RunMode(String apiName) {
        this.apiName = apiName;
    }

    /** The value the API shows and the database stores. */
    public String apiName() {
        return apiName;
    }

    public static Optional<RunMode> fromApiName(String name) {
        return Arrays.stream(values()).filter(m -> m.apiName.equals(name)).findFirst();
    }
}
