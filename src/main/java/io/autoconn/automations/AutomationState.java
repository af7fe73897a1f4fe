package io.autoconn.automations;

import java.util.Arrays;
import java.util.Optional;

/** Whether an automation may run. Qlik's third state, {@code unavailable}, needs a run engine to arise. */
public enum AutomationState {
    AVAILABLE("available"),
    DISABLED("disabled");

    private final String apiName;

    AutomationState(String apiName) {
        this.apiName = apiName;
    }

    /** The value the API shows and the database stores. */
    public String apiName() {
        return apiName;
    }

    public static Optional<AutomationState> fromApiName(String name) {
        return Arrays.stream(values()).filter(s -> s.apiName.equals(name)).findFirst();
    }
}
