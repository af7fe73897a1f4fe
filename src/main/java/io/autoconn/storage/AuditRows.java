package io.autoconn.storage;

import io.autoconn.audit.AuditEvent;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;

/**
 * Writes audit events. Every store calls {@link #insert} inside the transaction of the change it
 * records ({@link Database#transaction}), so there is never a change without its event or the reverse.
 */
public final class AuditRows {
    private final JsonMapper json;

    public AuditRows(JsonMapper json) {
        this.json = json;
    }

    public void insert(DSLContext tx, AuditEvent event) {
        insertAll(tx, List.of(event));
    }

    /** Writes {@code events} with one statement (one round trip to the database). */
    public void insertAll(DSLContext tx, List<AuditEvent> events) {
        InsertRows.insert(tx, Tables.AuditEvents.TABLE, events, this::columns);
    }

    /** The columns and values of {@code event}'s row. */
    Map<Field<?>, Object> columns(AuditEvent event) {
        Map<Field<?>, Object> columns = new LinkedHashMap<>();
        columns.put(Tables.AuditEvents.ID, event.id());
        columns.put(Tables.AuditEvents.TENANT_ID, event.tenantId());
        columns.put(Tables.AuditEvents.EVENT_TYPE, event.eventType());
        columns.put(Tables.AuditEvents.EVENT_TIME, Micros.of(event.eventTime()));
        columns.put(Tables.AuditEvents.USER_ID, event.userId());
        columns.put(Tables.AuditEvents.RESOURCE_TYPE, event.resourceType());
        columns.put(Tables.AuditEvents.RESOURCE_ID, event.resourceId());
        columns.put(Tables.AuditEvents.DATA, write(event));
        return columns;
    }

    private String write(AuditEvent event) {
        try {
            return json.writeValueAsString(event.data());
        } catch (IOException e) {
            throw new UncheckedIOException("Audit data of " + event.eventType() + " is not serializable", e);
        }
    }
}
