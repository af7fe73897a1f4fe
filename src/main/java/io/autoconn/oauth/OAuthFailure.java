package io.autoconn.oauth;

import io.autoconn.connectors.CheckError;
import io.autoconn.connectors.CheckFailure;
import io.autoconn.connectors.ProbeResult;

/**
 * Why talking to the provider failed, as the check result it becomes. {@code unauthorized}: the provider
 * refused the access token (401), which a refresh may cure. Details never carry a token or a secret.
 */
final class OAuthFailure extends Exception {
    private final CheckFailure kind;
    private final boolean unauthorized;

    OAuthFailure(CheckFailure kind, String detail) {
        this(kind, detail, false);
    }

    OAuthFailure(CheckFailure kind, String detail, boolean unauthorized) {
        super(detail, null, false, false);
        this.kind = kind;
        this.unauthorized = unauthorized;
    }

    boolean unauthorized() {
        return unauthorized;
    }

    CheckFailure kind() {
        return kind;
    }

    ProbeResult result() {
        return kind.result(getMessage());
    }

    CheckError error() {
        return result().error();
    }
}
