package io.autoconn.identity;

import java.util.Optional;

/**
 * A committed change that may end or alter what API keys authenticate as: one key (revoked), or every key of
 * one user (disabled, deleted, roles changed). Travels between instances as text ({@link #encode}).
 */
public record CredentialChange(Kind kind, String tenantId, String id) {
    public enum Kind {
        KEY, USER
    }

    public static CredentialChange key(String tenantId, String keyId) {
        return new CredentialChange(Kind.KEY, tenantId, keyId);
    }

    public static CredentialChange user(String tenantId, String userId) {
        return new CredentialChange(Kind.USER, tenantId, userId);
    }

    /** Whether {@code credential} may no longer be what it was. */
    public boolean concerns(Credential credential) {
        Caller caller = credential.caller();
        return caller.tenantId().equals(tenantId)
                && id.equals(kind == Kind.KEY ? credential.keyId() : caller.userId());
    }

    /** {@code key|user <tenantId> <id>}: ids never hold a space. */
    public String encode() {
        return kind.name().toLowerCase() + ' ' + tenantId + ' ' + id;
    }

    /** Empty for text {@link #encode} did not make. */
    public static Optional<CredentialChange> decode(String text) {
        String[] parts = text.split(" ");
        if (parts.length != 3) {
            return Optional.empty();
        }
        Kind kind = switch (parts[0]) {
            case "key" -> Kind.KEY;
            case "user" -> Kind.USER;
            default -> null;
        };
        return kind == null ? Optional.empty() : Optional.of(new CredentialChange(kind, parts[1], parts[2]));
    }
}
