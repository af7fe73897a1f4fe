package io.autoconn.connectors;

import io.autoconn.secrets.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** How the HTTP probe authenticates, chosen by the {@code authType} param. */
enum HttpAuthType {
    NONE("") {
        @Override
        Optional<AuthHeader> header(ProbeInput input) {
            return Optional.empty();
        }
    },
    BASIC("username/password") {
        @Override
        Optional<AuthHeader> header(ProbeInput input) throws InvalidParamException {
            String username = input.value("username").orElseThrow(() -> InvalidParamException.missing("username"));
            if (username.contains(":")) {
                // RFC 7617: the first ':' separates user from password, so it cannot be part of the user.
                throw new InvalidParamException("Param 'username' must not contain ':' with authType basic.");
            }
            return Optional.of(new AuthHeader(AUTHORIZATION, "Basic " + basicCredential(username, input)));
        }
    },
    BEARER("token") {
        @Override
        Optional<AuthHeader> header(ProbeInput input) throws InvalidParamException {
            Secret token = input.secret("token").orElseThrow(() -> InvalidParamException.missing("token"));
            return Optional.of(new AuthHeader(AUTHORIZATION, "Bearer " + token.reveal()));
        }
    },
    HEADER("headerName/headerValue") {
        @Override
        Optional<AuthHeader> header(ProbeInput input) throws InvalidParamException {
            String name = input.value("headerName").orElseThrow(() -> InvalidParamException.missing("headerName"));
            Secret value = input.secret("headerValue").orElseThrow(() -> InvalidParamException.missing("headerValue"));
            return Optional.of(new AuthHeader(name, value.reveal()));
        }
    };

    private static final String AUTHORIZATION = "Authorization";
    private static final List<String> SECRET_PARAMS = List.of("password", "token", "headerValue");

    /** The params an invalid header came from, for the message that rejects it. */
    private final String credentialParams;

    HttpAuthType(String credentialParams) {
        this.credentialParams = credentialParams;
    }

    /** The header that carries the credentials; empty when the request goes without. */
    abstract Optional<AuthHeader> header(ProbeInput input) throws InvalidParamException;

    static HttpAuthType fromParam(ProbeInput input) throws InvalidParamException {
        String name = input.value("authType").orElse("none");
        for (HttpAuthType type : values()) {
            if (type.paramValue().equalsIgnoreCase(name)) {
                return type;
            }
        }
        throw new InvalidParamException(
                "Param 'authType' must be one of none, basic, bearer, header; got \"" + name + "\".");
    }

    /**
     * Scrubs every credential the probe may send: the secret params, and their Basic encoding, which a
     * server echoing the Authorization header would show.
     */
    static SecretScrubber credentialScrubber(ProbeInput input) {
        String encoded = input.value("username").map(username -> basicCredential(username, input)).orElse("");
        return SecretScrubber.of(input, SECRET_PARAMS, encoded);
    }

    String paramValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    String credentialParams() {
        return credentialParams;
    }

    /** Why a 401 or 403 answer means the credentials do not work. */
    String refusal() {
        return this == NONE
                ? "the API requires credentials, and authType is none"
                : "the API refused the " + paramValue() + " credentials";
    }

    /** The password is optional: some APIs take a key as the user name and an empty password. */
    private static String basicCredential(String username, ProbeInput input) {
        String password = input.secret("password").map(Secret::reveal).orElse("");
        return Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** An HTTP header carrying credentials; {@link #toString()} hides its value. */
    record AuthHeader(String name, String value) {
        @Override
        public String toString() {
            return "AuthHeader[" + name + ": ********]";
        }
    }
}
