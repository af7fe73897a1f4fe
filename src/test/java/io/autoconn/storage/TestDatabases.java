package io.autoconn.storage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Real databases for storage tests: a SQLite file configured as the server configures it, and a
 * fresh schema on the PostgreSQL at 127.0.0.1:5432 (database {@code test}), dropped afterwards.
 */
public final class TestDatabases {
    public static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    public static final String PG_USER = "postgres";

    private TestDatabases() {
    }

    public static DataSource sqlite(Path dir) {
        Properties properties = new Properties();
        properties.putAll(DatasourceDefaults.SQLITE_PROPERTIES);
        SQLiteDataSource ds = new SQLiteDataSource(new SQLiteConfig(properties));
        ds.setUrl("jdbc:sqlite:" + dir.resolve("autoconn.db"));
        return ds;
    }

    /** A PostgreSQL data source whose connections work in a new, empty schema. */
    public static PostgresSchema postgres() {
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "");
        PGSimpleDataSource admin = pgDataSource(null);
        execute(admin, "CREATE SCHEMA " + schema);
        return new PostgresSchema(schema, pgDataSource(schema), admin);
    }

    private static PGSimpleDataSource pgDataSource(String schema) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(PG_URL);
        ds.setUser(PG_USER);
        if (schema != null) {
            ds.setCurrentSchema(schema);
        }
        return ds;
    }

    private static void execute(DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at 127.0.0.1:5432 is required for this test: " + e.getMessage(), e);
        }
    }

    public record PostgresSchema(String name, DataSource dataSource, DataSource admin) implements AutoCloseable {
        public String url() {
            return PG_URL + "?currentSchema=" + name;
        }

        @Override
        public void close() {
            execute(admin, "DROP SCHEMA " + name + " CASCADE");
        }
    }
}
