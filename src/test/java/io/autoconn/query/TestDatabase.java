package io.autoconn.query;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteDataSource;

/**
 * A scratch table shaped like connections, in a real SQLite file or PostgreSQL schema, for the tests whose point
 * is what the SQL selects. The same statements run on both, as in production. (Not AutoCloseable: parameterized
 * tests close such arguments after each invocation.)
 */
final class TestDatabase {
    static final Field<String> ID = field(name("id"), SQLDataType.VARCHAR(36).notNull());
    static final Field<String> NAME = field(name("name"), SQLDataType.VARCHAR(255).notNull());
    static final Field<String> CONNECTOR_ID = field(name("connector_id"), SQLDataType.VARCHAR(36).notNull());
    static final Field<String> OWNER_ID = field(name("owner_id"), SQLDataType.VARCHAR(36).notNull());
    static final Field<String> SPACE_ID = field(name("space_id"), SQLDataType.VARCHAR(36));
    static final Field<Long> CREATED_AT = field(name("created_at"), SQLDataType.BIGINT.notNull());
    static final Field<Long> UPDATED_AT = field(name("updated_at"), SQLDataType.BIGINT.notNull());

    /** The connections API's filterable attributes, in its order. */
    static final Map<String, FilterAttribute> ATTRIBUTES = attributes();
    static final Map<String, Field<?>> SORTABLE = sortable();

    private static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    private final String label;
    private final Connection connection;
    private final DSLContext dsl;
    private final Table<Record> table;
    private final Runnable dropper;

    private TestDatabase(String label, Connection connection, SQLDialect dialect, Table<Record> table, String collate,
            Runnable dropper) {
        this.label = label;
        this.connection = connection;
        this.dsl = DSL.using(connection, dialect);
        this.table = table;
        this.dropper = dropper;
        // Names and ids sort bytewise, as in the production migrations.
        dsl.execute("create table {0} (id varchar(36) " + collate + " primary key,"
                + " name varchar(255) " + collate + " not null, connector_id varchar(36) not null,"
                + " owner_id varchar(36) not null, space_id varchar(36), created_at bigint not null,"
                + " updated_at bigint not null)", table);
    }

    static TestDatabase sqlite(Path directory) throws SQLException {
        SQLiteDataSource dataSource = new SQLiteDataSource();
        dataSource.setUrl("jdbc:sqlite:" + directory.resolve("query-test.db"));
        return new TestDatabase("SQLite", dataSource.getConnection(), SQLDialect.SQLITE, DSL.table(name("conn")),
                "", () -> { });
    }

    /** A uniquely named schema on the local server (trust auth), dropped again on close. */
    static TestDatabase postgres() throws SQLException {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(POSTGRES_URL);
        dataSource.setUser("postgres");
        Connection connection = dataSource.getConnection();
        String schema = "query_test_" + UUID.randomUUID().toString().replace("-", "");
        DSLContext dsl = DSL.using(connection, SQLDialect.POSTGRES);
        dsl.createSchema(schema).execute();
        return new TestDatabase("PostgreSQL", connection, SQLDialect.POSTGRES, DSL.table(name(schema, "conn")),
                "collate \"C\"", () -> dsl.dropSchema(schema).cascade().execute());
    }

    DSLContext dsl() {
        return dsl;
    }

    Listable listable() {
        return Listable.builder(table, ID)
                .filterable(ATTRIBUTES)
                .sortable(SORTABLE)
                .defaultSort("id")
                .build();
    }

    Table<Record> table() {
        return table;
    }

    void replaceRows(List<TestRow> rows) {
        dsl.deleteFrom(table).execute();
        insert(rows);
    }

    void insert(List<TestRow> rows) {
        for (TestRow row : rows) {
            dsl.insertInto(table)
                    .set(ID, row.id())
                    .set(NAME, row.name())
                    .set(CONNECTOR_ID, row.connectorId())
                    .set(OWNER_ID, row.ownerId())
                    .set(SPACE_ID, row.spaceId())
                    .set(CREATED_AT, row.createdAt())
                    .set(UPDATED_AT, row.updatedAt())
                    .execute();
        }
    }

    void delete(String id) {
        dsl.deleteFrom(table).where(ID.eq(id)).execute();
    }

    List<String> ids() {
        return dsl.select(ID).from(table).orderBy(ID).fetch(ID);
    }

    /** Drops what the database created and disconnects. */
    void drop() throws SQLException {
        dropper.run();
        connection.close();
    }

    @Override
    public String toString() {
        return label;
    }

    private static Map<String, FilterAttribute> attributes() {
        Map<String, FilterAttribute> attributes = new LinkedHashMap<>();
        attributes.put("name", new FilterAttribute("name", NAME, AttributeType.STRING));
        attributes.put("connectorId", new FilterAttribute("connectorId", CONNECTOR_ID, AttributeType.STRING));
        attributes.put("ownerId", new FilterAttribute("ownerId", OWNER_ID, AttributeType.STRING));
        attributes.put("spaceId", new FilterAttribute("spaceId", SPACE_ID, AttributeType.STRING));
        attributes.put("id", new FilterAttribute("id", ID, AttributeType.STRING));
        attributes.put("createdAt", new FilterAttribute("createdAt", CREATED_AT, AttributeType.TIMESTAMP));
        attributes.put("updatedAt", new FilterAttribute("updatedAt", UPDATED_AT, AttributeType.TIMESTAMP));
        return attributes;
    }

    private static Map<String, Field<?>> sortable() {
        Map<String, Field<?>> sortable = new LinkedHashMap<>();
        sortable.put("id", ID);
        sortable.put("name", NAME);
        sortable.put("createdAt", CREATED_AT);
        sortable.put("updatedAt", UPDATED_AT);
        return sortable;
    }
}
