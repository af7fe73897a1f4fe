package io.autoconn.error;

/** Checks of request fields that several resources share, each failing with a precise INVALID-FIELD. */
public final class FieldChecks {
    /** The longest name a connection or automation may have (the database column's size). */
    public static final int MAX_NAME_LENGTH = 255;

    private FieldChecks() {
    }

    /** A name as given: not blank, at most {@link #MAX_NAME_LENGTH} characters. */
    public static String name(String name) {
        if (name.isBlank()) {
            throw new ApiException(ErrorCode.INVALID_FIELD, "name must not be blank");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new ApiException(ErrorCode.INVALID_FIELD, "name is longer than " + MAX_NAME_LENGTH + " characters");
        }
        return name;
    }
}
