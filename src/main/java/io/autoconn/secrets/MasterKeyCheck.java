package io.autoconn.secrets;

import io.autoconn.identity.TenantsCommand;
import io.autoconn.storage.DataKeyStore;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At server start: the first start of a database makes this server's master key the active one; every
 * start refuses to go on, with a message saying what to do, when this server cannot unwrap the database's
 * data keys. Such a server could neither read nor store any tenant's secrets, and a server that generated
 * a key file of its own beside a shared database would otherwise write secrets no other server can read.
 * Single values that do not decrypt (a v1 value whose key was dropped, an altered value) do not stop the
 * server: their connection's check answers CHECK-SECRET-UNREADABLE.
 *
 * <p>Operator commands ({@link TenantsCommand#ENVIRONMENT}, which {@code keys} shares) skip this: {@code keys
 * rotate --discard-unreadable} is the way out when a key is lost for good.
 */
@Context
@Requires(notEnv = TenantsCommand.ENVIRONMENT)
public class MasterKeyCheck {
    private static final Logger LOG = LoggerFactory.getLogger(MasterKeyCheck.class);

    public MasterKeyCheck(KeyRing ring, DataKeyStore store, Clock clock) {
        store.initActiveMasterKey(ring.primary().id(), clock.instant());
        KeyStatus status = KeyStatus.of(ring, store, false);
        if (!status.activeKeyHeld()) {
            throw new MasterKeyMismatchException("this database's secrets are wrapped with master key "
                    + status.activeMasterKeyId() + ", and this server holds only " + status.heldMasterKeyIds()
                    + " from " + ring.description() + ". Start it with that key in AUTOCONN_MASTER_KEY (every server"
                    + " sharing a database needs the same key). If the key is lost for good, `java -jar autoconn.jar"
                    + " keys rotate --discard-unreadable` makes this server's key the active one and gives up the"
                    + " secrets no held key can read.");
        }
        Map<String, Integer> unreadable = status.unreadableDataKeys();
        if (!unreadable.isEmpty()) {
            throw new MasterKeyMismatchException("data keys of this database are wrapped with master keys this server"
                    + " does not hold (key id: data keys): " + unreadable + "; it holds " + status.heldMasterKeyIds()
                    + " from " + ring.description() + ". Add the key to AUTOCONN_MASTER_KEY_PREVIOUS and finish the"
                    + " rotation with `java -jar autoconn.jar keys rotate`; if the key is lost for good, `keys rotate"
                    + " --discard-unreadable` gives up those secrets.");
        }
        LOG.info("Secrets: active master key {}; this server holds {} from {}; data keys by master key: {}",
                status.activeMasterKeyId(), status.heldMasterKeyIds(), ring.description(),
                status.dataKeysByMasterKey());
        if (!status.activeMasterKeyId().equals(ring.primary().id())) {
            LOG.info("Secrets: AUTOCONN_MASTER_KEY ({}) is not the active master key yet; `keys rotate` makes it so",
                    ring.primary().id());
        }
    }

    /** A server that cannot use this database's secrets: it does not start. */
    public static final class MasterKeyMismatchException extends IllegalStateException {
        MasterKeyMismatchException(String message) {
            super("autoconn cannot start: " + message);
        }
    }
}
