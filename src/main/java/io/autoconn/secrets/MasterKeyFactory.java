package io.autoconn.secrets;

import io.autoconn.config.AutoconnConfig;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * The master keys: {@code AUTOCONN_MASTER_KEY} (base64 of 32 bytes) plus any still-accepted older keys in
 * {@code AUTOCONN_MASTER_KEY_PREVIOUS} (comma-separated), or, when the first is unset, the key file
 * generated on first start in the data directory, readable by the owner only. Servers sharing one
 * PostgreSQL database must share the keys, so they set the variables.
 */
@Factory
public class MasterKeyFactory {
    static final String VARIABLE = "AUTOCONN_MASTER_KEY";
    static final String PREVIOUS_VARIABLE = "AUTOCONN_MASTER_KEY_PREVIOUS";

    @Singleton
    public KeyRing keyRing(AutoconnConfig config) {
        String configured = config.getMasterKey();
        List<String> previous = config.previousMasterKeys();
        if (configured.isEmpty()) {
            if (!previous.isEmpty()) {
                throw new IllegalArgumentException(PREVIOUS_VARIABLE + " is set but " + VARIABLE
                        + " is not: set " + VARIABLE + " to the current key");
            }
            return KeyRing.from(new KeyFile(config.getDataDir()));
        }
        List<MasterKey> keys = new ArrayList<>();
        keys.add(MasterKey.decode(configured, VARIABLE));
        for (int i = 0; i < previous.size(); i++) {
            keys.add(MasterKey.decode(previous.get(i), PREVIOUS_VARIABLE + " (entry " + (i + 1) + ")"));
        }
        return KeyRing.of(keys, VARIABLE + " and " + PREVIOUS_VARIABLE);
    }
}
