package io.autoconn.storage;

import static io.autoconn.storage.Tables.AuditEvents.*;

import io.autoconn.audit.AuditEvent;
import io.autoconn.audit.AuditQuery;
import io.autoconn.query.ListRequest;
import io.autoconn.query.Listable;
import io.autoconn.query.Paginator;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** {@link AuditStore} in SQL through jOOQ. */
@Singleton
public class JooqAuditStore implements AuditStore {
    private static final Argument<Map<String, Object>> DATA_TYPE = Argument.mapOf(String.class, Object.class);
    private static final List<Field<?>> COLUMNS = List.of(ID, TENANT_ID, EVENT_TYPE, EVENT_TIME, USER_ID,
            RESOURCE_TYPE, RESOURCE_ID, DATA);

    /** Qlik's sort attributes: the source is the resource type (see {@code AuditSources}). */
    private static final Listable LISTABLE = Listable.builder(TABLE, ID)
            .sortable(sortable())
            .defaultSort("eventTime")
            .select(COLUMNS)
            .build();

    private final Database database;
    private final DSLContext dsl;
    private final JsonMapper json;
    private final AuditRows rows;

    public JooqAuditStore(Database database, JsonMapper json) {
        this.database = database;
        this.dsl = database.dsl();
        this.json = json;
        this.rows = new AuditRows(json);
    }

    @Override
    public void append(AuditEvent event) {
        database.write(writer -> {
            rows.insert(writer, event);
            return null;
        });
    }

    private static Map<String, Field<?>> sortable() {
        Map<String, Field<?>> fields = new LinkedHashMap<>();
        fields.put("eventTime", EVENT_TIME);
        fields.put("eventType", EVENT_TYPE);
        fields.put("source", RESOURCE_TYPE);
        return fields;
    }

    @Override
    public Optional<AuditEvent> find(String tenantId, String id) {
        return dsl.select(COLUMNS).from(TABLE).where(TENANT_ID.eq(tenantId), ID.eq(id)).fetchOptional()
                .map(this::toEvent);
    }

    @Override
    public Page list(String tenantId, AuditQuery query, ListRequest request) {
        io.autoconn.query.Page page = Paginator.fetch(dsl, LISTABLE, conditions(tenantId, query), request);
        return new Page(page.rows().stream().map(this::toEvent).toList(), page.nextCursor(), page.prevCursor());
    }

    @Override
    public List<String> eventTypes(String tenantId) {
        return dsl.selectDistinct(EVENT_TYPE).from(TABLE).where(TENANT_ID.eq(tenantId)).orderBy(EVENT_TYPE)
                .fetch(EVENT_TYPE);
    }

    @Override
    public List<String> resourceTypes(String tenantId) {
        return dsl.selectDistinct(RESOURCE_TYPE).from(TABLE).where(TENANT_ID.eq(tenantId)).orderBy(RESOURCE_TYPE)
                .fetch(RESOURCE_TYPE);
    }

    private static Condition conditions(String tenantId, AuditQuery query) {
        List<Condition> conditions = new ArrayList<>();
        conditions.add(TENANT_ID.eq(tenantId));
        if (!query.ids().isEmpty()) {
            conditions.add(ID.in(query.ids()));
        }
        if (query.eventType() != null) {
            conditions.add(EVENT_TYPE.eq(query.eventType()));
        }
        if (query.resourceType() != null) {
            conditions.add(RESOURCE_TYPE.eq(query.resourceType()));
        }
        if (query.userId() != null) {
            conditions.add(USER_ID.eq(query.userId()));
        }
        if (query.from() != null) {
            conditions.add(EVENT_TIME.ge(Micros.of(query.from())));
        }
        if (query.to() != null) {
            conditions.add(EVENT_TIME.le(Micros.of(query.to())));
        }
        return DSL.and(conditions);
    }

    private AuditEvent toEvent(Record r) {
        return new AuditEvent(r.get(ID), r.get(TENANT_ID), r.get(USER_ID), r.get(EVENT_TYPE), r.get(RESOURCE_TYPE),
                r.get(RESOURCE_ID), Micros.toInstant(r.get(EVENT_TIME)), readData(r.get(DATA)));
    }

    private Map<String, Object> readData(String text) {
        try {
            return json.readValue(text, DATA_TYPE);
        } catch (IOException e) {
            throw new UncheckedIOException("Corrupt audit data column", e);
        }
    }
}
