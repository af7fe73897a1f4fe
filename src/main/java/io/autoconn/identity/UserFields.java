package io.autoconn.identity;

import io.autoconn.error.ApiException;
import io.autoconn.error.ErrorCode;
import io.micronaut.core.annotation.Nullable;
import java.util.regex.Pattern;

/** The checks of a user's text fields, shared by the users API and the operator command. */
public final class UserFields {
    public static final int MAX_NAME_LENGTH = 255;
    public static final int MAX_EMAIL_LENGTH = 320;
    /** Deliberately loose: one @ with something on each side and no spaces; mail servers judge the rest. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

    private UserFields() {
    }

    /** A non-blank text of at most {@code max} characters, stripped. */
    public static String text(String field, String value, int max) {
        String stripped = value.strip();
        if (stripped.isEmpty()) {
            throw new ApiException(ErrorCode.INVALID_FIELD, field + " must not be blank");
        }
        if (stripped.length() > max) {
            throw new ApiException(ErrorCode.INVALID_FIELD, field + " is " + stripped.length()
                    + " characters long; at most " + max + " are allowed");
        }
        return stripped;
    }

    public static String name(String value) {
        return text("name", value, MAX_NAME_LENGTH);
    }

    @Nullable
    public static String email(@Nullable String value) {
        if (value == null) {
            return null;
        }
        String email = text("email", value, MAX_EMAIL_LENGTH);
        if (!EMAIL.matcher(email).matches()) {
            throw new ApiException(ErrorCode.INVALID_FIELD, "email '" + email + "' is not an email address");
        }
        return email;
    }
}
