package io.autoconn.storage;

import static io.autoconn.storage.Tables.AuditEvents.*;

import java.util.List;
import org.jooq.DSLContext;

/** Reads the audit trail in tests, until the audits API exists: the events of one resource, oldest first. */
public final class TestAuditEvents {
    private TestAuditEvents() {
    }

    /** One audit row: its event type, actor and the data object as stored (JSON text). */
    public record Row(String eventType, String userId, String resourceType, String data) {
    }

    public static List<Row> of(DSLContext dsl, String tenantId, String resourceId) {
        return dsl.select(EVENT_TYPE, USER_ID, RESOURCE_TYPE, DATA).from(TABLE)
                .where(TENANT_ID.eq(tenantId), RESOURCE_ID.eq(resourceId))
                .orderBy(EVENT_TIME, ID)
                .fetch(r -> new Row(r.get(EVENT_TYPE), r.get(USER_ID), r.get(RESOURCE_TYPE), r.get(DATA)));
    }
}
