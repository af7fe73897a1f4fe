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

    /** One page of the tenant's automations, or of those {@code reader} may list when given. */
    Page list(String tenantId, @Nullable Reader reader, ListRequest request);

    /**
     * One page of the tenant's automations that use connection {@code connectionId}: all of them, or those
     * {@code reader} may list when given.
     */
    Page usingConnection(String tenantId, String connectionId, @Nullable Reader reader, ListRequest request);

    /**
     * How many of the tenant's automations use the connection (all of them), and the first {@code sample} by
     * name of those {@code reader} may list (all when null): a count reveals no names.
     */
    ConnectionUsage usage(String tenantId, String connectionId, @Nullable Reader reader, int sample);

    record Page(List<AutomationSummary> automations, @Nullable String nextCursor, @Nullable String prevCursor) {
    }
}
