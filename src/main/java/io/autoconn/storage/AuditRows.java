package io.autoconn.storage;

import io.autoconn.audit.AuditEvent;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.InsertSetMoreStep;
import org.jooq.InsertSetStep;
import org.jooq.Record;

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
        InsertSetStep<Record> next = tx.insertInto(Tables.AuditEvents.TABLE);
        InsertSetMoreStep<Record> rows = null;
        for (AuditEvent event : events) {
            rows = next.set(Tables.AuditEvents.ID, event.id())
                    .set(Tables.AuditEvents.TENANT_ID, event.tenantId())
                    .set(Tables.AuditEvents.EVENT_TYPE, event.eventType())
                    .set(Tables.AuditEvents.EVENT_TIME, Micros.of(event.eventTime()))
                    .set(Tables.AuditEvents.USER_ID, event.userId())
                    .set(Tables.AuditEvents.RESOURCE_TYPE, event.resourceType())
                    .set(Tables.AuditEvents.RESOURCE_ID, event.resourceId())
                    .set(Tables.AuditEvents.DATA, write(event));
            next = rows.newRecord();
        }
        if (rows != null) {
            rows.execute();
        }
    }

    private String write(AuditEvent event) {
        try {
            return json.writeValueAsString(event.data());
        } catch (IOException e) {
            throw new UncheckedIOException("Audit data of " + event.eventType() + " is not serializable", e);
        }
    }
}
