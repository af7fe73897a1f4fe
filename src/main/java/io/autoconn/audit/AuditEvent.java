package io.autoconn.audit;

import io.autoconn.identity.Caller;
import io.autoconn.storage.RowIds;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.Map;

/**
 * One change, as the audit trail records it: who ({@code userId}, null for the system), what
 * ({@code eventType} = {@code com.qlik.v1.<resourceType>.<action>}), when, to which resource, and
 * {@code data}: the names of the fields that changed ({@code changedFields}) and identifying values.
 * Never a secret: a secret parameter may be named in {@code changedFields}, never valued.
 */
public record AuditEvent(String id, String tenantId, @Nullable String userId, String eventType, String resourceType,
                         String resourceId, Instant eventTime, Map<String, Object> data) {
    /** The key of {@code data} that lists the API field names a change touched, sorted. */
    public static final String CHANGED_FIELDS = "changedFields";
    private static final String EVENT_TYPE_PREFIX = "com.qlik.v1.";

    public AuditEvent {
        data = Map.copyOf(data);
    }

    /** A change made by {@code actor} through the API. */
    public static AuditEvent of(Caller actor, String resourceType, String action, String resourceId, Instant at,
                                Map<String, Object> data) {
        return new AuditEvent(RowIds.next(), actor.tenantId(), actor.userId(),
                EVENT_TYPE_PREFIX + resourceType + "." + action, resourceType, resourceId, at, data);
    }

    /** A change made by autoconn itself or an operator command, not by an API caller. */
    public static AuditEvent bySystem(String tenantId, String resourceType, String action, String resourceId, Instant at,
                                      Map<String, Object> data) {
        return new AuditEvent(RowIds.next(), tenantId, null,
                EVENT_TYPE_PREFIX + resourceType + "." + action, resourceType, resourceId, at, data);
    }
}
