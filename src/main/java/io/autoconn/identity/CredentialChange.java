package io.autoconn.identity;

import io.autoconn.storage.Change;

/**
 * The committed changes that may end or alter what API keys authenticate as: one key (revoked), or every key
 * of one user (disabled, deleted, roles changed). Announced on {@code ChangeNotifications.Topic.CREDENTIALS}.
 */
public final class CredentialChange {
    private static final String KEY = "key";
    private static final String USER = "user";

    private CredentialChange() {
    }

    public static Change key(String tenantId, String keyId) {
        return new Change(KEY, tenantId, keyId);
    }

    public static Change user(String tenantId, String userId) {
        return new Change(USER, tenantId, userId);
    }

    /** Whether {@code credential} may no longer be what it was; a kind this version does not know concerns all. */
    public static boolean concerns(Change change, Credential credential) {
        Caller caller = credential.caller();
        return switch (change.kind()) {
            case KEY -> caller.tenantId().equals(change.tenantId()) && change.id().equals(credential.keyId());
            case USER -> caller.tenantId().equals(change.tenantId()) && change.id().equals(caller.userId());
            default -> true;
        };
    }
}
