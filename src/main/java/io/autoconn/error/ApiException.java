package io.autoconn.error;

/**
 * A failure the client caused or must be told about. The one exception handler turns it into the
 * spec's ErrorResponse; the detail is shown to the client, so it must never carry a secret.
 */
public class ApiException extends RuntimeException {
    private final ErrorCode errorCode;
    private final String detail;

    public ApiException(ErrorCode errorCode, String detail) {
        super(errorCode.code() + ": " + detail, null, false, false);
        this.errorCode = errorCode;
        this.detail = detail;
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    public String detail() {
        return detail;
    }
}
