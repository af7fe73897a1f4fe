package io.autoconn.connectors;

/**
 * A connection param a probe cannot connect with. The message names the param and says what is wrong
 * with it; it may quote a plain value but never a secret one.
 */
final class InvalidParamException extends Exception {
    InvalidParamException(String message) {
        super(message, null, false, false);
    }

    static InvalidParamException missing(String param) {
        return new InvalidParamException("Param '" + param + "' is required.");
    }

    ProbeResult toResult() {
        return CheckFailure.INVALID_PARAMS.result(getMessage());
    }
}
