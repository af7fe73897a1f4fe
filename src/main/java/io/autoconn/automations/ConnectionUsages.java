package io.autoconn.automations;

import io.autoconn.error.ApiException;
import io.autoconn.error.ErrorCode;
import io.autoconn.query.ListRequest;
import io.autoconn.storage.AutomationStore;
import jakarta.inject.Singleton;
import java.util.stream.Collectors;

/**
 * Which automations use a connection (see {@link Workspace} for the convention), for the connection side: a
 * connection in use is not deleted unless forced, and its usage can be listed. Only the automations of the
 * connection's own tenant ever count. The caller must already have been allowed to see the connection.
 */
@Singleton
public class ConnectionUsages {
    /** A refused delete names this many of the automations in the way. */
    static final int NAMED_IN_REFUSAL = 10;

    private final AutomationStore store;

    public ConnectionUsages(AutomationStore store) {
        this.store = store;
    }

    /**
     * Throws CONNECTION-IN-USE, naming the automations (by name and id, the first ten and how many in all), when
     * any automation of the tenant uses the connection.
     */
    public void refuseDeleteIfUsed(String tenantId, String connectionId) {
        ConnectionUsage usage = store.usage(tenantId, connectionId, NAMED_IN_REFUSAL);
        if (!usage.inUse()) {
            return;
        }
        String named = usage.first().stream()
                .map(a -> "'" + a.name() + "' (" + a.id() + ")")
                .collect(Collectors.joining(", "));
        int unnamed = usage.count() - usage.first().size();
        throw new ApiException(ErrorCode.CONNECTION_IN_USE, "Connection '" + connectionId + "' is used by "
                + usage.count() + (usage.count() == 1 ? " automation: " : " automations: ") + named
                + (unnamed > 0 ? " and " + unnamed + " more" : "")
                + ". Remove it from their workspaces, or delete with forced=true to delete it anyway.");
    }

    /** One page of the tenant's automations that use the connection. */
    public AutomationStore.Page automationsUsing(String tenantId, String connectionId, ListRequest request) {
        return store.usingConnection(tenantId, connectionId, request);
    }
}
