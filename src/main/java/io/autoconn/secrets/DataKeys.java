package io.autoconn.secrets;

import io.autoconn.error.ApiException;
import io.autoconn.error.ErrorCode;
import io.autoconn.secrets.SecretCipher.SecretDecryptionException;
import io.autoconn.storage.DataKeyStore;
import io.autoconn.storage.DataKeyStore.WrappedDataKey;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Each tenant's data key: a random AES-256 key that encrypts the tenant's secret values, stored wrapped by a
 * master key ({@link DataKeyStore}). Unwrapped keys are cached in memory for the life of the process: key
 * material never changes (a rotation re-wraps it), so an entry never goes stale. They are never logged: a
 * {@link DataKey} shows its ids only.
 */
@Singleton
public class DataKeys {
    /** Far above any real tenant count; past it the cache starts over rather than grow without bound. */
    private static final int CACHE_LIMIT = 10_000;

    private final KeyRing ring;
    private final DataKeyStore store;
    private final Clock clock;
    private final ConcurrentHashMap<String, DataKey> byId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, String> idByTenant = new ConcurrentHashMap<>();

    public DataKeys(KeyRing ring, DataKeyStore store, Clock clock) {
        this.ring = ring;
        this.store = store;
        this.clock = clock;
    }

    /** An unwrapped data key. */
    record DataKey(String id, String tenantId, SecretKey key) {
        @Override
        public String toString() {
            return "DataKey[id=" + id + ", tenant=" + tenantId + "]";
        }
    }

    /**
     * The tenant's data key, created (wrapped with the database's active master key) on the tenant's first
     * secret. 503 when this server holds no master key that unwraps it: nothing can be stored encrypted.
     */
    DataKey forEncryption(String tenantId) {
        String id = idByTenant.get(tenantId);
        DataKey cached = id == null ? null : byId.get(id);
        if (cached != null) {
            return cached;
        }
        WrappedDataKey wrapped = store.findForTenant(tenantId).orElseGet(() ->
                store.createForTenant(tenantId, ring.primary().id(), active -> wrapNew(tenantId, active)));
        try {
            return remember(unwrap(wrapped));
        } catch (SecretDecryptionException e) {
            throw unavailable(e.reason());
        }
    }

    /** The data key {@code id}, which must be {@code tenantId}'s. */
    DataKey forDecryption(String id, String tenantId) {
        DataKey key = byId.get(id);
        if (key == null) {
            WrappedDataKey wrapped = store.find(id).orElseThrow(() ->
                    SecretDecryptionException.keyMissing("its data key " + id + " no longer exists"));
            key = remember(unwrap(wrapped));
        }
        if (!key.tenantId().equals(tenantId)) {
            throw SecretDecryptionException.rejected("its data key belongs to another tenant (copied from another row)");
        }
        return key;
    }

    /** {@code wrapped}, wrapped again with {@code target}; the key material stays the same. */
    WrappedDataKey rewrap(WrappedDataKey wrapped, MasterKey target, Instant at) {
        byte[] material = unwrap(wrapped).key().getEncoded();
        try {
            return new WrappedDataKey(wrapped.id(), wrapped.tenantId(), target.id(),
                    Aead.seal(target.key(), material, associatedData(wrapped.id(), wrapped.tenantId())),
                    wrapped.createdAt(), at);
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    /** @throws SecretDecryptionException when no held master key unwraps it */
    DataKey unwrap(WrappedDataKey wrapped) {
        MasterKey master = ring.find(wrapped.masterKeyId()).orElseThrow(() -> SecretDecryptionException.keyMissing(
                "its data key " + wrapped.id() + " is wrapped with master key " + wrapped.masterKeyId()
                        + ", which this server does not hold (it holds " + ring.ids() + " from " + ring.description()
                        + ")"));
        byte[] material = Aead.open(master.key(), wrapped.wrappedKey(),
                associatedData(wrapped.id(), wrapped.tenantId())).orElseThrow(() -> SecretDecryptionException.rejected(
                "its data key " + wrapped.id() + " does not unwrap with master key " + master.id() + " (altered)"));
        try {
            return new DataKey(wrapped.id(), wrapped.tenantId(), new SecretKeySpec(material, "AES"));
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    private WrappedDataKey wrapNew(String tenantId, String activeMasterKeyId) {
        MasterKey master = ring.find(activeMasterKeyId).orElseThrow(() -> unavailable("the database's active master key "
                + activeMasterKeyId + " is not one this server holds (" + ring.ids() + " from " + ring.description() + ")"));
        String id = UUID.randomUUID().toString();
        byte[] material = Aead.randomKeyBytes();
        try {
            Instant now = clock.instant();
            return new WrappedDataKey(id, tenantId, master.id(),
                    Aead.seal(master.key(), material, associatedData(id, tenantId)), now, now);
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    private DataKey remember(DataKey key) {
        if (byId.size() >= CACHE_LIMIT) {
            byId.clear();
            idByTenant.clear();
        }
        byId.put(key.id(), key);
        idByTenant.put(key.tenantId(), key.id());
        return key;
    }

    /** A wrapped key bound to its id and tenant: a row copied to another id or tenant does not unwrap. */
    private static byte[] associatedData(String dataKeyId, String tenantId) {
        return ("autoconn data key\u0000" + dataKeyId + '\u0000' + tenantId).getBytes(StandardCharsets.UTF_8);
    }

    private static ApiException unavailable(String reason) {
        return new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "Secret parameters cannot be encrypted on this server: "
                + reason + ". The operator must give the server that master key (see README, 'Rotating the master key')");
    }
}
