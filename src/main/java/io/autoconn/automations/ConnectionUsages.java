package io.autoconn.automations;

import io.autoconn.access.ContentGuard;
import io.autoconn.error.ApiException;
import io.autoconn.error.ErrorCode;
import io.autoconn.identity.Caller;
import io.autoconn.query.ListRequest;
import io.autoconn.storage.AutomationStore;
import io.autoconn.storage.Reader;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.stream.Collectors;

/**
 * Which automations use a connection (see {@link Workspace} for the convention), for the connection side: a
 * connection in use is not deleted unless forced, and its usage can be listed. Only the automations of the
 * connection's own tenant ever count, and a caller learns the names of those they may see only (all of them
 * for administrators). The caller must already have been allowed to see the connection.
 */
@Singleton
public class ConnectionUsages {
    /** A refused delete names this many of the automations in the way. */
    static final int NAMED_IN_REFUSAL = 10;

    private final AutomationStore store;
    private final ContentGuard guard;

    public ConnectionUsages(AutomationStore store, ContentGuard guard) {
        this.store = store;
        this.guard = guard;
    }

    /**
     * Throws CONNECTION-IN-USE, naming the automations (by name and id, the first ten the caller may see, and how
     * many in all), when any automation of the tenant uses the connection.
     */
    public void refuseDeleteIfUsed(Caller caller, String connectionId) {
        ConnectionUsage usage = store.usage(caller.tenantId(), connectionId, readerOf(caller), NAMED_IN_REFUSAL);
        if (!usage.inUse()) {
            return;
        }
        String named = usage.first().stream()
                .map(a -> "'" + a.name() + "' (" + a.id() + ")")
                .collect(Collectors.joining(", "));
        int unnamed = usage.count() - usage.first().size();
        throw new ApiException(ErrorCode.CONNECTION_IN_USE, "Connection '" + connectionId + "' is used by "
                + usage.count() + (usage.count() == 1 ? " automation" : " automations")
                + (named.isEmpty() ? "" : ": " + named + (unnamed > 0 ? " and " + unnamed + " more" : ""))
                + ". Remove it from their workspaces, or delete with forced=true to delete it anyway.");
    }

    /** One page of the automations that use the connection, of those the caller may see. */
    public AutomationStore.Page automationsUsing(Caller caller, String connectionId, ListRequest request) {
        return store.usingConnection(caller.tenantId(), connectionId, readerOf(caller), request);
    }

    /** Administrators see every automation of the tenant; anyone else what their own list shows. */
    @Nullable
    private Reader readerOf(Caller caller) {
        return caller.isAdmin() ? null : guard.readerOf(caller);
    }
}
