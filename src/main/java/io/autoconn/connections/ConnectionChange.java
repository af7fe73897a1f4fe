package io.autoconn.connections;

import io.autoconn.storage.Change;

/**
 * The committed changes of stored connections (edited, checked, deleted, secrets re-encrypted), announced on
 * {@code ChangeNotifications.Topic.CONNECTIONS} so that no instance answers from a {@link ConnectionCache} entry
 * older than the row. A new connection is not a change: nothing remembers that it was missing.
 */
public final class ConnectionChange {
    private static final String CONNECTION = "connection";

    private ConnectionChange() {
    }

    public static Change of(String tenantId, String connectionId) {
        return new Change(CONNECTION, tenantId, connectionId);
    }

    /** Whether {@code change} names one connection; another kind (another version's?) concerns every one. */
    static boolean namesOne(Change change) {
        return CONNECTION.equals(change.kind());
    }
}
