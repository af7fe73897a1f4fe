package io.autoconn.secrets;

import io.autoconn.secrets.SecretCipher.SecretDecryptionException;
import io.autoconn.storage.DataKeyStore;
import io.autoconn.storage.DataKeyStore.SecretValues;
import io.autoconn.storage.DataKeyStore.WrappedDataKey;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Master key rotation, safe while servers serve: makes the ring's primary key the database's active master
 * key, re-wraps every data key with it (a few rows per tenant, not every secret), then re-encrypts any
 * remaining v1 value under its tenant's data key. Data key material never changes, so what servers cached
 * and every v2 value stay valid throughout; servers that hold both keys read either wrapping.
 *
 * <p>Every write is a compare-and-set (the data key's wrapping key, the connection's version), so servers
 * editing meanwhile, or a second rotation run at the same time, lose nothing; running it again finishes
 * an interrupted run.
 */
@Singleton
public class KeyRotation {
    private static final int BATCH = 100;
    private static final int ATTEMPTS = 5;

    private final KeyRing ring;
    private final DataKeyStore store;
    private final DataKeys dataKeys;
    private final SecretCipher cipher;
    private final Clock clock;

    public KeyRotation(KeyRing ring, DataKeyStore store, DataKeys dataKeys, SecretCipher cipher, Clock clock) {
        this.ring = ring;
        this.store = store;
        this.dataKeys = dataKeys;
        this.cipher = cipher;
        this.clock = clock;
    }

    /**
     * What a rotation did.
     *
     * @param dataKeysDiscarded data keys no held master key unwraps, deleted on the operator's word
     * @param valuesUnreadable v1 values no held key decrypts, left as they are (their checks say so)
     */
    public record Report(String masterKeyId, int dataKeysRewrapped, int dataKeysDiscarded, int valuesReencrypted,
                         int valuesUnreadable) {
    }

    /** Refused before anything changed: data keys need master keys this process does not hold. */
    public static final class RotationRefused extends RuntimeException {
        RotationRefused(String message) {
            super(message, null, false, false);
        }
    }

    public KeyStatus status() {
        return KeyStatus.of(ring, store, true);
    }

    /**
     * Rotates to the ring's primary key.
     *
     * @param discardUnreadable delete data keys no held master key unwraps (their secrets are lost anyway)
     *                          instead of refusing
     */
    public Report rotate(boolean discardUnreadable) {
        MasterKey target = ring.primary();
        Map<String, Integer> unreadable = KeyStatus.of(ring, store, false).unreadableDataKeys();
        if (!unreadable.isEmpty() && !discardUnreadable) {
            throw new RotationRefused("data keys are wrapped with master keys this process does not hold (key id: data"
                    + " keys): " + unreadable + ". Add those keys to AUTOCONN_MASTER_KEY_PREVIOUS (or the key file) and"
                    + " run it again; if they are lost for good, --discard-unreadable gives up their secrets.");
        }
        store.setActiveMasterKey(target.id(), clock.instant());
        int[] dataKeys = rewrapAll(target, discardUnreadable);
        int[] values = upgradeLegacyValues();
        return new Report(target.id(), dataKeys[0], dataKeys[1], values[0], values[1]);
    }

    /**
     * One pass suffices: a data key created with the previous key committed before the switch above, and
     * every one created after it is wrapped with the target.
     */
    private int[] rewrapAll(MasterKey target, boolean discardUnreadable) {
        int rewrapped = 0;
        int discarded = 0;
        String after = null;
        for (List<WrappedDataKey> page; !(page = store.wrappedWithOtherThan(target.id(), after, BATCH)).isEmpty(); ) {
            for (WrappedDataKey wrapped : page) {
                after = wrapped.id();
                try {
                    if (store.rewrap(dataKeys.rewrap(wrapped, target, clock.instant()), wrapped.masterKeyId())) {
                        rewrapped++;
                    }
                } catch (SecretDecryptionException e) {
                    if (!discardUnreadable) {
                        throw new RotationRefused("data key " + wrapped.id() + " cannot be re-wrapped: " + e.reason());
                    }
                    if (store.delete(wrapped.id())) {
                        discarded++;
                    }
                }
            }
        }
        return new int[] {rewrapped, discarded};
    }

    private int[] upgradeLegacyValues() {
        int reencrypted = 0;
        int unreadable = 0;
        String after = null;
        for (List<SecretValues> page; !(page = store.withLegacyValues(after, BATCH)).isEmpty(); ) {
            for (SecretValues row : page) {
                after = row.connectionId();
                int[] done = upgrade(row);
                reencrypted += done[0];
                unreadable += done[1];
            }
        }
        return new int[] {reencrypted, unreadable};
    }

    /** Re-encrypts one connection's v1 values, again on the fresh row when a server edited it meanwhile. */
    private int[] upgrade(SecretValues row) {
        for (int attempt = 0; attempt < ATTEMPTS && row != null; attempt++) {
            Map<String, String> ciphertexts = new HashMap<>(row.ciphertexts());
            int reencrypted = 0;
            int unreadable = 0;
            for (Map.Entry<String, String> value : row.ciphertexts().entrySet()) {
                if (!SecretCipher.isLegacy(value.getValue())) {
                    continue;
                }
                String upgraded = cipher.upgrade(value.getValue(),
                        new SecretCipher.Binding(row.tenantId(), row.connectionId(), value.getKey()));
                if (upgraded.equals(value.getValue())) {
                    unreadable++;
                } else {
                    ciphertexts.put(value.getKey(), upgraded);
                    reencrypted++;
                }
            }
            if (reencrypted == 0 || store.replaceSecretValues(row, ciphertexts)) {
                return new int[] {reencrypted, unreadable};
            }
            row = store.secretValues(row.tenantId(), row.connectionId()).orElse(null);
        }
        return new int[] {0, 0}; // deleted meanwhile, or edited (and so upgraded) by a server each time
    }
}
