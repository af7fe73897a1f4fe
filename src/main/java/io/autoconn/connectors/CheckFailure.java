package io.autoconn.connectors;

/**
 * Every way a connection check can fail: the stable {@code code} stored in {@link CheckError} and a
 * short title. The detail, which says what exactly went wrong with this target, is given per failure.
 */
public enum CheckFailure {
    INVALID_PARAMS("CHECK-INVALID-PARAMS", "The connection parameters are invalid"),
    UNKNOWN_HOST("CHECK-UNKNOWN-HOST", "The host name could not be resolved"),
    CONNECTION_REFUSED("CHECK-CONNECTION-REFUSED", "The connection was refused"),
    TIMEOUT("CHECK-TIMEOUT", "The target did not answer in time"),
    TLS("CHECK-TLS", "The TLS handshake failed"),
    AUTH_FAILED("CHECK-AUTH-FAILED", "The credentials were refused"),
    HTTP_STATUS("CHECK-HTTP-STATUS", "The target answered with an error status"),
    /** The status was right, but the body is not what the connector's template expects of a working one. */
    UNEXPECTED_RESPONSE("CHECK-UNEXPECTED-RESPONSE", "The target's answer is not the one expected"),
    DATABASE_NOT_FOUND("CHECK-DATABASE-NOT-FOUND", "The database does not exist"),
    /** A message broker's virtual host (RabbitMQ's namespace for queues and exchanges). */
    VHOST_NOT_FOUND("CHECK-VHOST-NOT-FOUND", "The virtual host does not exist"),
    /** The egress policy refuses an address the check would connect to; nothing was connected. */
    TARGET_REFUSED("CHECK-TARGET-REFUSED", "Checks may not connect to this address"),
    /** Every check slot stayed taken (by slow targets) until this check's time was up; it never ran. */
    BUSY("CHECK-BUSY", "The server had no free check slot"),
    /** A stored secret no longer decrypts (the master key changed): the check could not even start. */
    SECRET_UNREADABLE("CHECK-SECRET-UNREADABLE", "A stored secret cannot be decrypted"),
    /** An OAuth2 connection nobody has authorized yet (the consent in the browser is pending or was denied). */
    OAUTH_NOT_AUTHORIZED("CHECK-OAUTH-NOT-AUTHORIZED", "The connection is not authorized"),
    /** The token endpoint refused a grant (code exchange or client credentials). */
    OAUTH_TOKEN_REFUSED("CHECK-OAUTH-TOKEN-REFUSED", "The OAuth2 token request was refused"),
    /** Renewing the access token failed (the refresh token was revoked or expired): authorize again. */
    OAUTH_REFRESH_FAILED("CHECK-OAUTH-REFRESH-FAILED", "The OAuth2 token could not be refreshed"),
    FAILED("CHECK-FAILED", "The connection check failed");

    private final String code;
    private final String title;

    CheckFailure(String code, String title) {
        this.code = code;
        this.title = title;
    }

    public ProbeResult result(String detail) {
        return ProbeResult.failed(code, title, detail);
    }
}
