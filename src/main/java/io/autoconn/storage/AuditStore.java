package io.autoconn.storage;

import io.autoconn.audit.AuditEvent;
import io.autoconn.audit.AuditQuery;
import io.autoconn.query.ListRequest;
import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Optional;

/**
 * Reads the audit trail, one tenant at a time. Events of changes are written by the stores of the
 * resources they record, through {@link AuditRows}, in the change's transaction; only events of reads
 * that matter (a connection's credentials handed out) are appended here.
 */
public interface AuditStore {
    /** Appends an event that records no change (a read), on its own. */
    void append(AuditEvent event);

    Optional<AuditEvent> find(String tenantId, String id);

    Page list(String tenantId, AuditQuery query, ListRequest request);

    /** The event types the tenant's trail holds, sorted. */
    List<String> eventTypes(String tenantId);

    /** The resource types the tenant's trail holds, sorted. */
    List<String> resourceTypes(String tenantId);

    record Page(List<AuditEvent> events, @Nullable String nextCursor, @Nullable String prevCursor) {
    }
}
