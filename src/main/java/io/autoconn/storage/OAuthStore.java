package io.autoconn.storage;

import io.autoconn.audit.AuditEvent;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.Optional;

/**
 * Pending OAuth2 authorizations and the tokens of OAuth2 connections. Token values are ciphertexts made by
 * {@code SecretCipher}: this store never sees a token in clear. Rows go with their connection.
 */
public interface OAuthStore {
    void savePending(PendingAuthorization pending);

    /** Removes and returns the pending authorization of this state hash: a state serves once, expired or not. */
    Optional<PendingAuthorization> consume(String stateHash);

    Optional<Tokens> tokens(String tenantId, String connectionId);

    /**
     * Takes the connection's refresh lease until {@code until} if nobody holds an unexpired one: the
     * compare-and-set that lets one server at a time (of any number sharing the database) refresh a token.
     */
    boolean acquireLease(String tenantId, String connectionId, String owner, Instant now, Instant until);

    /** Releases the lease if {@code owner} still holds it. */
    void releaseLease(String connectionId, String owner);

    /** Deletes the connection's tokens and pending authorizations. */
    void forget(String tenantId, String connectionId);

    /** Stores new tokens and releases the lease; {@code event}, when given, is written in the same transaction. */
    void saveTokens(Tokens tokens, Instant now, @Nullable AuditEvent event);

    /** A pending authorization code flow; {@code verifier} is the encrypted PKCE verifier. */
    record PendingAuthorization(String stateHash, String tenantId, String connectionId, String userId,
                                String verifier, String redirectUri, Instant expiresAt) {
    }

    /** A connection's tokens, as ciphertexts; {@code expiresAt} null when the provider did not say. */
    record Tokens(String tenantId, String connectionId, @Nullable String accessToken, @Nullable String refreshToken,
                  @Nullable Instant expiresAt, @Nullable String accountName) {
        @Override
        public String toString() {
            return "Tokens[" + connectionId + ", expiresAt=" + expiresAt + "]";
        }
    }
}
