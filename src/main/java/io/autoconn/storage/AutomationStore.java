package io.autoconn.storage;

import io.autoconn.audit.AuditEvent;
import io.autoconn.automations.Automation;
import io.autoconn.automations.AutomationSummary;
import io.autoconn.automations.ConnectionUsage;
import io.autoconn.query.ListRequest;
import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Optional;

/**
 * Where automations live, with the connections their workspaces use. Every method is scoped to a tenant. Each
 * write stores the automation's connection usages (the {@link io.autoconn.automations.Workspace#connectionIds}
 * that are connections of its tenant) and its audit event in the same transaction.
 */
public interface AutomationStore {
    void insert(Automation automation, AuditEvent event);

    Optional<Automation> find(String tenantId, String id);

    /**
     * Replaces the stored row with {@code automation} if the stored version is still {@code expectedVersion};
     * false when it changed meanwhile or the row is gone.
     */
    boolean replace(Automation automation, long expectedVersion, AuditEvent event);

    boolean delete(String tenantId, String id, AuditEvent event);

    /** One page of the tenant's automations, or of one owner's when {@code ownerId} is given. */
    Page list(String tenantId, @Nullable String ownerId, ListRequest request);

    /** One page of the tenant's automations that use connection {@code connectionId}. */
    Page usingConnection(String tenantId, String connectionId, ListRequest request);

    /** How many of the tenant's automations use the connection, and the first {@code sample} of them by name. */
    ConnectionUsage usage(String tenantId, String connectionId, int sample);

    record Page(List<AutomationSummary> automations, @Nullable String nextCursor, @Nullable String prevCursor) {
    }
}
