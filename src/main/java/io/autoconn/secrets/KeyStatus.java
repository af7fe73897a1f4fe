package io.autoconn.secrets;

import io.autoconn.storage.DataKeyStore;
import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the database's secrets need, against the keys this process holds: the active master key, how many
 * data keys each master key wraps, and how many connections still hold v1 values. No key material.
 *
 * @param activeMasterKeyId the key new data keys are wrapped with; null before the first server start
 * @param heldMasterKeyIds the keys this process holds, its primary first
 * @param dataKeysByMasterKey how many data keys each master key wraps
 */
public record KeyStatus(@Nullable String activeMasterKeyId, List<String> heldMasterKeyIds,
                        Map<String, Integer> dataKeysByMasterKey, long connectionsWithV1Values) {

    static KeyStatus of(KeyRing ring, DataKeyStore store, boolean countLegacy) {
        return new KeyStatus(store.activeMasterKeyId().orElse(null), ring.ids(), store.countByMasterKey(),
                countLegacy ? store.countWithLegacyValues() : -1);
    }

    /** Data keys wrapped with master keys this process does not hold, by master key. */
    public Map<String, Integer> unreadableDataKeys() {
        Map<String, Integer> missing = new TreeMap<>(dataKeysByMasterKey);
        missing.keySet().removeAll(heldMasterKeyIds);
        return missing;
    }

    public boolean activeKeyHeld() {
        return activeMasterKeyId == null || heldMasterKeyIds.contains(activeMasterKeyId);
    }

    /** Whether every data key is wrapped with the active key, so no other master key is needed any more. */
    public boolean onlyActiveKeyNeeded() {
        return activeMasterKeyId != null && dataKeysByMasterKey.keySet().stream().allMatch(activeMasterKeyId::equals);
    }
}
