package io.autoconn.connectors;

import java.util.List;

/**
 * Reads the typed params probes take beyond host and port, with the message a user sees when a value
 * cannot be used. The API validates values against the connector file already; these checks keep a
 * probe safe on its own, e.g. for a connection stored before a connector file changed.
 */
final class ParamValues {
    private ParamValues() {
    }

    /** One of {@code allowed}; {@code defaultValue} when the param is not set. */
    static String choice(ProbeInput input, String param, String defaultValue, List<String> allowed)
            throws InvalidParamException {
        String value = input.value(param).orElse(defaultValue);
        if (!allowed.contains(value)) {
            throw new InvalidParamException("Param '" + param + "' must be one of " + String.join(", ", allowed)
                    + "; got \"" + value + "\".");
        }
        return value;
    }

    /** true or false; {@code defaultValue} when the param is not set. */
    static boolean flag(ProbeInput input, String param, boolean defaultValue) throws InvalidParamException {
        return Boolean.parseBoolean(choice(input, param, String.valueOf(defaultValue), List.of("true", "false")));
    }

    /** A whole number from {@code min} to {@code max}; {@code defaultValue} when the param is not set. */
    static int integer(ProbeInput input, String param, int defaultValue, int min, int max)
            throws InvalidParamException {
        String value = input.value(param).orElse(String.valueOf(defaultValue));
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below, like an out-of-range number
        }
        throw new InvalidParamException(
                "Param '" + param + "' must be a whole number from " + min + " to " + max + "; got \"" + value + "\".");
    }
}
