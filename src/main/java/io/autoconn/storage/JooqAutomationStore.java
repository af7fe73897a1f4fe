package io.autoconn.storage;

import static io.autoconn.storage.Tables.Automations.*;

import io.autoconn.audit.AuditEvent;
import io.autoconn.automations.Automation;
import io.autoconn.automations.AutomationState;
import io.autoconn.automations.AutomationSummary;
import io.autoconn.automations.ConnectionUsage;
import io.autoconn.automations.RunMode;
import io.autoconn.automations.Workspace;
import io.autoconn.query.AttributeType;
import io.autoconn.query.FilterAttribute;
import io.autoconn.query.ListRequest;
import io.autoconn.query.Listable;
import io.autoconn.query.Paginator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record3;
import org.jooq.Select;
import org.jooq.SelectConditionStep;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** {@link AutomationStore} in SQL through jOOQ: the same statements on SQLite and PostgreSQL. */
@Singleton
public class JooqAutomationStore implements AutomationStore {
    static final Map<String, FilterAttribute> FILTERABLE = filterable();
    static final Map<String, Field<?>> SORTABLE = sortable();

    /** Every column, named, so jOOQ need not read the result metadata (see JooqConnectionStore). */
    private static final List<Field<?>> COLUMNS = List.of(ID, TENANT_ID, OWNER_ID, SPACE_ID, NAME, DESCRIPTION, STATE,
            RUN_MODE, MAX_CONCURRENT_RUNS, WORKSPACE, VERSION, CREATED_AT, UPDATED_AT);

    private static final Listable LISTABLE = Listable.builder(TABLE, ID)
            .filterable(FILTERABLE)
            .sortable(SORTABLE)
            .defaultSort("id")
            .select(List.of(ID, OWNER_ID, SPACE_ID, NAME, DESCRIPTION, STATE, RUN_MODE, MAX_CONCURRENT_RUNS,
                    CREATED_AT, UPDATED_AT))
            .build();

    /** Connection ids go to the database this many at a time, far below every backend's bind-variable limit. */
    private static final int IDS_PER_STATEMENT = 500;

    private final Database database;
    private final DSLContext dsl;
    private final JsonMapper json;
    private final AuditRows audit;

    public JooqAutomationStore(Database database, JsonMapper jsonMapper) {
        this.database = database;
        this.dsl = database.dsl();
        this.json = jsonMapper;
        this.audit = new AuditRows(jsonMapper);
    }

    private static Map<String, FilterAttribute> filterable() {
        Map<String, FilterAttribute> attributes = new LinkedHashMap<>();
        attributes.put("name", new FilterAttribute("name", NAME, AttributeType.STRING));
        attributes.put("runMode", new FilterAttribute("runMode", RUN_MODE, AttributeType.STRING));
        // No automation has run yet, so every lastRunStatus is absent: a typed NULL filters exactly so.
        attributes.put("lastRunStatus", new FilterAttribute("lastRunStatus",
                DSL.castNull(SQLDataType.VARCHAR(32)), AttributeType.STRING));
        attributes.put("ownerId", new FilterAttribute("ownerId", OWNER_ID, AttributeType.STRING));
        attributes.put("spaceId", new FilterAttribute("spaceId", SPACE_ID, AttributeType.STRING));
        attributes.put("state", new FilterAttribute("state", STATE, AttributeType.STRING));
        attributes.put("id", new FilterAttribute("id", ID, AttributeType.STRING));
        attributes.put("createdAt", new FilterAttribute("createdAt", CREATED_AT, AttributeType.TIMESTAMP));
        attributes.put("updatedAt", new FilterAttribute("updatedAt", UPDATED_AT, AttributeType.TIMESTAMP));
        return Collections.unmodifiableMap(attributes);
    }

    private static Map<String, Field<?>> sortable() {
        Map<String, Field<?>> fields = new LinkedHashMap<>();
        fields.put("id", ID);
        fields.put("name", DSL.lower(NAME)); // case-insensitive, served by the lower(name) indexes
        fields.put("runMode", RUN_MODE);
        fields.put("state", STATE);
        fields.put("createdAt", CREATED_AT);
        fields.put("updatedAt", UPDATED_AT);
        // Without runs every automation's lastRunAt and lastRunStatus are equally absent, so ordering by them
        // is ordering by the id tiebreaker alone (in the requested direction).
        fields.put("lastRunAt", ID);
        fields.put("lastRunStatus", ID);
        fields.put("maxConcurrentRuns", MAX_CONCURRENT_RUNS);
        return Collections.unmodifiableMap(fields);
    }

    @Override
    public void insert(Automation a, AuditEvent event) {
        database.transaction(tx -> {
            tx.insertInto(TABLE)
                    .set(ID, a.id())
                    .set(TENANT_ID, a.tenantId())
                    .set(CREATED_AT, Micros.of(a.createdAt()))
                    .set(changeableColumns(a))
                    .execute();
            insertUsages(tx, a);
            audit.insert(tx, event);
            return null;
        });
    }

    /** The columns an automation's edits may change. */
    private Map<Field<?>, Object> changeableColumns(Automation a) {
        Map<Field<?>, Object> columns = new LinkedHashMap<>();
        columns.put(OWNER_ID, a.ownerId());
        columns.put(SPACE_ID, a.spaceId());
        columns.put(NAME, a.name());
        columns.put(DESCRIPTION, a.description());
        columns.put(STATE, a.state().apiName());
        columns.put(RUN_MODE, a.runMode().apiName());
        columns.put(MAX_CONCURRENT_RUNS, (long) a.maxConcurrentRuns());
        columns.put(WORKSPACE, write(a.workspace().json()));
        columns.put(VERSION, a.version());
        columns.put(UPDATED_AT, Micros.of(a.updatedAt()));
        return columns;
    }

    /**
     * Records which of the tenant's connections the workspace names. Ids that are no connection of the tenant
     * are left out, so a workspace can never mark another tenant's connection as used. On PostgreSQL the
     * connection rows are key-share locked: a connection being deleted at this instant is waited for and then
     * skipped, instead of failing the foreign key.
     */
    private void insertUsages(DSLContext tx, Automation a) {
        List<String> ids = List.copyOf(a.workspace().connectionIds());
        for (int from = 0; from < ids.size(); from += IDS_PER_STATEMENT) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_STATEMENT));
            SelectConditionStep<Record3<String, String, String>> existing = tx
                    .select(DSL.val(a.id()), Tables.Connections.ID, DSL.val(a.tenantId()))
                    .from(Tables.Connections.TABLE)
                    .where(Tables.Connections.TENANT_ID.eq(a.tenantId()), Tables.Connections.ID.in(chunk));
            Select<Record3<String, String, String>> locked =
                    database.backend() == Backend.POSTGRESQL ? existing.forKeyShare() : existing;
            tx.insertInto(Tables.AutomationConnectionUsages.TABLE, Tables.AutomationConnectionUsages.AUTOMATION_ID,
                            Tables.AutomationConnectionUsages.CONNECTION_ID, Tables.AutomationConnectionUsages.TENANT_ID)
                    .select(locked)
                    .execute();
        }
    }

    private static void deleteUsages(DSLContext tx, String tenantId, String automationId) {
        tx.deleteFrom(Tables.AutomationConnectionUsages.TABLE)
                .where(Tables.AutomationConnectionUsages.TENANT_ID.eq(tenantId),
                        Tables.AutomationConnectionUsages.AUTOMATION_ID.eq(automationId))
                .execute();
    }

    @Override
    public Optional<Automation> find(String tenantId, String id) {
        return dsl.select(COLUMNS).from(TABLE)
                .where(TENANT_ID.eq(tenantId), ID.eq(id))
                .fetchOptional()
                .map(this::toAutomation);
    }

    @Override
    public boolean replace(Automation a, long expectedVersion, AuditEvent event) {
        return database.transaction(tx -> {
            boolean replaced = tx.update(TABLE)
                    .set(changeableColumns(a))
                    .where(TENANT_ID.eq(a.tenantId()), ID.eq(a.id()), VERSION.eq(expectedVersion))
                    .execute() == 1;
            if (replaced) {
                deleteUsages(tx, a.tenantId(), a.id());
                insertUsages(tx, a);
                audit.insert(tx, event);
            }
            return replaced;
        });
    }

    @Override
    public boolean delete(String tenantId, String id, AuditEvent event) {
        return database.transaction(tx -> {
            deleteUsages(tx, tenantId, id);
            boolean deleted = tx.deleteFrom(TABLE).where(TENANT_ID.eq(tenantId), ID.eq(id)).execute() == 1;
            if (deleted) {
                audit.insert(tx, event);
            }
            return deleted;
        });
    }

    @Override
    public Page list(String tenantId, @Nullable Reader reader, ListRequest request) {
        return page(visibleTo(tenantId, reader), request);
    }

    private static Condition visibleTo(String tenantId, @Nullable Reader reader) {
        return reader == null ? TENANT_ID.eq(tenantId) : TENANT_ID.eq(tenantId).and(reader.visibleIn(OWNER_ID, SPACE_ID));
    }

    @Override
    public Page usingConnection(String tenantId, String connectionId, @Nullable Reader reader, ListRequest request) {
        return page(visibleTo(tenantId, reader).and(ID.in(DSL.select(Tables.AutomationConnectionUsages.AUTOMATION_ID)
                .from(Tables.AutomationConnectionUsages.TABLE)
                .where(Tables.AutomationConnectionUsages.TENANT_ID.eq(tenantId),
                        Tables.AutomationConnectionUsages.CONNECTION_ID.eq(connectionId)))), request);
    }

    private Page page(Condition visibility, ListRequest request) {
        io.autoconn.query.Page page = Paginator.fetch(dsl, LISTABLE, visibility, request);
        return new Page(page.rows().stream().map(JooqAutomationStore::toSummary).toList(),
                page.nextCursor(), page.prevCursor());
    }

    @Override
    public ConnectionUsage usage(String tenantId, String connectionId, @Nullable Reader reader, int sample) {
        Condition usesIt = Tables.AutomationConnectionUsages.TENANT_ID.eq(tenantId)
                .and(Tables.AutomationConnectionUsages.CONNECTION_ID.eq(connectionId));
        int count = dsl.fetchCount(Tables.AutomationConnectionUsages.TABLE, usesIt);
        List<ConnectionUsage.UsingAutomation> first = count == 0 ? List.of() : dsl.select(ID, NAME)
                .from(TABLE)
                .join(Tables.AutomationConnectionUsages.TABLE).on(Tables.AutomationConnectionUsages.AUTOMATION_ID.eq(ID))
                .where(usesIt, visibleTo(tenantId, reader))
                .orderBy(DSL.lower(NAME), ID)
                .limit(sample)
                .fetch(r -> new ConnectionUsage.UsingAutomation(r.get(ID), r.get(NAME)));
        return new ConnectionUsage(count, first);
    }

    private static AutomationSummary toSummary(Record r) {
        return new AutomationSummary(r.get(ID), r.get(OWNER_ID), r.get(SPACE_ID), r.get(NAME), r.get(DESCRIPTION),
                state(r), runMode(r), Math.toIntExact(r.get(MAX_CONCURRENT_RUNS)),
                Micros.toInstant(r.get(CREATED_AT)), Micros.toInstant(r.get(UPDATED_AT)));
    }

    private Automation toAutomation(Record r) {
        return new Automation(r.get(ID), r.get(TENANT_ID), r.get(OWNER_ID), r.get(SPACE_ID), r.get(NAME),
                r.get(DESCRIPTION), state(r), runMode(r), Math.toIntExact(r.get(MAX_CONCURRENT_RUNS)),
                new Workspace(read(r.get(WORKSPACE))), r.get(VERSION),
                Micros.toInstant(r.get(CREATED_AT)), Micros.toInstant(r.get(UPDATED_AT)));
    }

    private static AutomationState state(Record r) {
        String stored = r.get(STATE);
        return AutomationState.fromApiName(stored)
                .orElseThrow(() -> new IllegalStateException("Unknown automation state '" + stored + "' in " + r.get(ID)));
    }

    private static RunMode runMode(Record r) {
        String stored = r.get(RUN_MODE);
        return RunMode.fromApiName(stored)
                .orElseThrow(() -> new IllegalStateException("Unknown run mode '" + stored + "' in " + r.get(ID)));
    }

    private String write(JsonNode workspace) {
        try {
            return json.writeValueAsString(workspace);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode read(String text) {
        try {
            return json.readValue(text, JsonNode.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Corrupt workspace column", e);
        }
    }
}
