package io.autoconn.storage;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Wrapped data keys (one per tenant), the active master key's id, and the stored secret values that a
 * master key rotation re-encrypts. Nothing here ever holds a key in the clear: data keys go in and come out
 * wrapped, and secret values as ciphertexts.
 */
public interface DataKeyStore {
    /** The id of the master key new data keys are wrapped with; empty before the first server start. */
    Optional<String> activeMasterKeyId();

    /** Makes {@code keyId} the active master key unless one is set already; returns the active key's id. */
    String initActiveMasterKey(String keyId, Instant at);

    /**
     * Makes {@code keyId} the active master key. It waits for data keys being created meanwhile to commit, so
     * that whatever was wrapped with the previous key is visible to the re-wrapping that follows.
     */
    void setActiveMasterKey(String keyId, Instant at);

    Optional<WrappedDataKey> find(String id);

    Optional<WrappedDataKey> findForTenant(String tenantId);

    /**
     * The tenant's data key, created if it has none: {@code wrap} is given the active master key's id (or
     * {@code defaultMasterKeyId} when none is set yet) and returns the new key wrapped with it, inside the
     * transaction that reads the active key, so a concurrent rotation cannot slip between the two. When
     * another process creates the tenant's key first, that key is returned and {@code wrap}'s is dropped.
     */
    WrappedDataKey createForTenant(String tenantId, String defaultMasterKeyId, Function<String, WrappedDataKey> wrap);

    /** Up to {@code limit} data keys not wrapped with {@code masterKeyId}, by id after {@code afterId}. */
    List<WrappedDataKey> wrappedWithOtherThan(String masterKeyId, @Nullable String afterId, int limit);

    /** Stores {@code rewrapped} if the row is still wrapped with {@code expectedMasterKeyId}; false if it changed. */
    boolean rewrap(WrappedDataKey rewrapped, String expectedMasterKeyId);

    /** Deletes a data key (one no configured master key can unwrap, given up by the operator). */
    boolean delete(String id);

    /** How many data keys each master key wraps. */
    Map<String, Integer> countByMasterKey();

    /** Up to {@code limit} connections holding a v1 (pre-envelope) ciphertext, by id after {@code afterId}. */
    List<SecretValues> withLegacyValues(@Nullable String afterId, int limit);

    Optional<SecretValues> secretValues(String tenantId, String connectionId);

    /**
     * Stores new ciphertexts for a connection if its version is still {@code values.version()}, moving the
     * version on (as a check does: the ETag changes, {@code updatedAt} does not); false when it changed.
     */
    boolean replaceSecretValues(SecretValues values, Map<String, String> ciphertexts);

    /** How many connections hold a v1 ciphertext. */
    long countWithLegacyValues();

    /** A data key as stored: its key material sealed by the master key {@code masterKeyId}. */
    record WrappedDataKey(String id, String tenantId, String masterKeyId, String wrappedKey, Instant createdAt,
                          Instant wrappedAt) {
        @Override
        public String toString() {
            return "WrappedDataKey[id=" + id + ", tenant=" + tenantId + ", masterKey=" + masterKeyId + "]";
        }
    }

    /** A connection's secret ciphertexts by param id, at a version. */
    record SecretValues(String tenantId, String connectionId, long version, Map<String, String> ciphertexts) {
        public SecretValues {
            ciphertexts = Map.copyOf(ciphertexts);
        }

        @Override
        public String toString() {
            return "SecretValues[connection=" + connectionId + ", version=" + version + ", params="
                    + ciphertexts.keySet() + "]";
        }
    }
}
