package io.autoconn.storage;

import static io.autoconn.storage.Tables.Connections.*;

import io.autoconn.audit.AuditEvent;
import io.autoconn.connections.Connection;
import io.autoconn.connections.ConnectionChange;
import io.autoconn.connections.ConnectionSummary;
import io.autoconn.connectors.CheckError;
import io.autoconn.query.AttributeType;
import io.autoconn.query.FilterAttribute;
import io.autoconn.query.ListRequest;
import io.autoconn.query.Listable;
import io.autoconn.query.Paginator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** {@link ConnectionStore} in SQL through jOOQ: the same statements on SQLite and PostgreSQL. */
@Singleton
public class JooqConnectionStore implements ConnectionStore {
    /** What a list can filter on, by the API's attribute names. */
    static final Map<String, FilterAttribute> FILTERABLE = filterable();
    static final Map<String, Field<?>> SORTABLE = sortable();

    /**
     * Every column, named: selecting them explicitly spares jOOQ reading the JDBC result metadata on
     * each query, as it must for {@code SELECT *} from a table it has no generated class for.
     */
    private static final List<Field<?>> COLUMNS = List.of(ID, TENANT_ID, OWNER_ID, SPACE_ID, CONNECTOR_ID, NAME,
            PARAMS, SECRETS, IS_CONNECTED, ERROR, VERSION, CREATED_AT, UPDATED_AT);

    private static final Listable LISTABLE = Listable.builder(TABLE, ID)
            .filterable(FILTERABLE)
            .sortable(SORTABLE)
            .defaultSort("id")
            .select(List.of(ID, OWNER_ID, SPACE_ID, CONNECTOR_ID, NAME, IS_CONNECTED, CREATED_AT, UPDATED_AT))
            .build();

    private final Database database;
    private final DSLContext dsl;
    private final JsonColumns json;
    private final AuditRows audit;
    private final ChangeNotifications notifications;
    /** Every GET, update and check of a connection starts here. */
    private final RenderedSelect findById;
    /** Creates that arrive together share a commit. */
    private final GroupCommit<Created> inserts;
    /** Whether {@link #insertAll} writes a group with one statement (PostgreSQL). */
    private final boolean insertsInOneStatement;

    public JooqConnectionStore(Database database, JsonMapper jsonMapper, ChangeNotifications notifications) {
        this.database = database;
        this.notifications = notifications;
        this.dsl = database.dsl();
        this.json = new JsonColumns(jsonMapper);
        this.audit = new AuditRows(jsonMapper);
        this.findById = new RenderedSelect(dsl, dsl.select(COLUMNS).from(TABLE).where(
                TENANT_ID.eq(DSL.param("tenantId", String.class)), ID.eq(DSL.param("id", String.class))), COLUMNS);
        this.insertsInOneStatement = database.backend() == Backend.POSTGRESQL;
        this.inserts = new GroupCommit<>(database, insertsInOneStatement, this::insertAll);
    }

    private static Map<String, FilterAttribute> filterable() {
        Map<String, FilterAttribute> attributes = new LinkedHashMap<>();
        attributes.put("name", new FilterAttribute("name", NAME, AttributeType.STRING));
        attributes.put("connectorId", new FilterAttribute("connectorId", CONNECTOR_ID, AttributeType.STRING));
        attributes.put("ownerId", new FilterAttribute("ownerId", OWNER_ID, AttributeType.STRING));
        attributes.put("spaceId", new FilterAttribute("spaceId", SPACE_ID, AttributeType.STRING));
        attributes.put("id", new FilterAttribute("id", ID, AttributeType.STRING));
        attributes.put("createdAt", new FilterAttribute("createdAt", CREATED_AT, AttributeType.TIMESTAMP));
        attributes.put("updatedAt", new FilterAttribute("updatedAt", UPDATED_AT, AttributeType.TIMESTAMP));
        return Collections.unmodifiableMap(attributes);
    }

    private static Map<String, Field<?>> sortable() {
        Map<String, Field<?>> fields = new LinkedHashMap<>();
        fields.put("id", ID);
        fields.put("name", DSL.lower(NAME)); // case-insensitive, served by the lower(name) indexes
        fields.put("createdAt", CREATED_AT);
        fields.put("updatedAt", UPDATED_AT);
        return Collections.unmodifiableMap(fields);
    }

    @Override
    public void insert(Connection c, AuditEvent event) {
        inserts.write(new Created(c, event));
    }

    /** A new connection and the audit event of its creation: written together, or neither. */
    private record Created(Connection connection, AuditEvent event) {
    }

    /**
     * Writes {@code group}, its connections and their events: on PostgreSQL one statement (the connections'
     * insert a common table expression of the events' insert), one round trip; on SQLite, which has no such
     * statement (and no network), two in a transaction.
     */
    private void insertAll(DSLContext writer, List<Created> group) {
        var connections = InsertRows.statement(writer.insertInto(TABLE), group, created -> {
            Connection c = created.connection();
            Map<Field<?>, Object> columns = new LinkedHashMap<>();
            columns.put(ID, c.id());
            columns.put(TENANT_ID, c.tenantId());
            columns.put(CONNECTOR_ID, c.connectorId());
            columns.put(CREATED_AT, Micros.of(c.createdAt()));
            columns.putAll(changeableColumns(c));
            return columns;
        });
        List<AuditEvent> events = group.stream().map(Created::event).toList();
        if (insertsInOneStatement) {
            InsertRows.statement(writer.with("created").as(connections.returning(ID)).insertInto(Tables.AuditEvents.TABLE),
                    events, audit::columns).execute();
        } else {
            connections.execute();
            audit.insertAll(writer, events);
        }
    }

    /** The columns a connection's edits and checks may change. */
    private Map<Field<?>, Object> changeableColumns(Connection c) {
        Map<Field<?>, Object> columns = new LinkedHashMap<>();
        columns.put(OWNER_ID, c.ownerId());
        columns.put(SPACE_ID, c.spaceId());
        columns.put(NAME, c.name());
        columns.put(PARAMS, json.writeMap(c.params()));
        columns.put(SECRETS, json.writeMap(c.secretCiphertexts()));
        columns.put(IS_CONNECTED, c.connected());
        columns.put(ERROR, json.writeError(c.error()));
        columns.put(VERSION, c.version());
        columns.put(UPDATED_AT, Micros.of(c.updatedAt()));
        return columns;
    }

    @Override
    public Optional<Connection> find(String tenantId, String id) {
        return findById.fetchOptional(tenantId, id).map(this::toConnection);
    }

    @Override
    public boolean replace(Connection c, long expectedVersion, AuditEvent event) {
        return database.transaction(tx -> {
            boolean replaced = tx.update(TABLE)
                    .set(changeableColumns(c))
                    .where(TENANT_ID.eq(c.tenantId()), ID.eq(c.id()), VERSION.eq(expectedVersion))
                    .execute() == 1;
            if (replaced) {
                audit.insert(tx, event);
                announce(tx, c.tenantId(), c.id());
            }
            return replaced;
        });
    }

    @Override
    public boolean recordCheck(String tenantId, String id, boolean connected, @Nullable CheckError error) {
        return database.transaction(tx -> {
            boolean recorded = tx.update(TABLE)
                    .set(IS_CONNECTED, connected)
                    .set(ERROR, json.writeError(error))
                    .set(VERSION, VERSION.plus(1))
                    .where(TENANT_ID.eq(tenantId), ID.eq(id))
                    .execute() == 1;
            if (recorded) {
                announce(tx, tenantId, id);
            }
            return recorded;
        });
    }

    @Override
    public boolean delete(String tenantId, String id, AuditEvent event) {
        return database.transaction(tx -> {
            boolean deleted = tx.deleteFrom(TABLE).where(TENANT_ID.eq(tenantId), ID.eq(id)).execute() == 1;
            if (deleted) {
                audit.insert(tx, event);
                announce(tx, tenantId, id);
            }
            return deleted;
        });
    }

    private void announce(DSLContext tx, String tenantId, String id) {
        notifications.announce(tx, ChangeNotifications.Topic.CONNECTIONS, ConnectionChange.of(tenantId, id));
    }

    @Override
    public Page list(String tenantId, @Nullable Reader reader, ListRequest request) {
        Condition visibility = TENANT_ID.eq(tenantId);
        if (reader != null) {
            visibility = visibility.and(reader.visibleIn(OWNER_ID, SPACE_ID));
        }
        io.autoconn.query.Page page = Paginator.fetch(dsl, LISTABLE, visibility, request);
        return new Page(page.rows().stream().map(JooqConnectionStore::toSummary).toList(),
                page.nextCursor(), page.prevCursor());
    }

    private static ConnectionSummary toSummary(Record r) {
        return new ConnectionSummary(r.get(ID), r.get(OWNER_ID), r.get(SPACE_ID), r.get(CONNECTOR_ID), r.get(NAME),
                r.get(IS_CONNECTED), Micros.toInstant(r.get(CREATED_AT)), Micros.toInstant(r.get(UPDATED_AT)));
    }

    private Connection toConnection(Record r) {
        return new Connection(
                r.get(ID),
                r.get(TENANT_ID),
                r.get(OWNER_ID),
                r.get(SPACE_ID),
                r.get(CONNECTOR_ID),
                r.get(NAME),
                json.readMap(r.get(PARAMS)),
                json.readMap(r.get(SECRETS)),
                r.get(IS_CONNECTED),
                json.readError(r.get(ERROR)),
                r.get(VERSION),
                Micros.toInstant(r.get(CREATED_AT)),
                Micros.toInstant(r.get(UPDATED_AT)));
    }
}
