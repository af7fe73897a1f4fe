package io.autoconn.access;

import io.autoconn.error.ApiException;
import io.autoconn.error.ErrorCode;

/** What the permission matrix governs, with the word and the error codes its answers use. */
public enum Content {
    CONNECTION("connection", ErrorCode.CONNECTION_NOT_FOUND, ErrorCode.CONNECTION_FORBIDDEN),
    AUTOMATION("automation", ErrorCode.AUTOMATION_NOT_FOUND, ErrorCode.AUTOMATION_FORBIDDEN);

    private final String noun;
    private final ErrorCode notFound;
    private final ErrorCode forbidden;

    Content(String noun, ErrorCode notFound, ErrorCode forbidden) {
        this.noun = noun;
        this.notFound = notFound;
        this.forbidden = forbidden;
    }

    public String noun() {
        return noun;
    }

    /** The answer for an id the caller may not know exists, or that does not. */
    public ApiException notFound(String id) {
        return new ApiException(notFound, "No " + noun + " with id '" + id + "'");
    }

    ApiException forbidden(String detail) {
        return new ApiException(forbidden, detail);
    }
}
