package io.autoconn.storage;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * The one way into the database: a jOOQ context for the backend's dialect, on a schema that
 * {@link #open} has migrated to the latest version.
 */
public final class Database {
    private final DSLContext dsl;
    private final Backend backend;

    private Database(DSLContext dsl, Backend backend) {
        this.dsl = dsl;
        this.backend = backend;
    }

    /** Applies pending Flyway migrations, then returns the database ready for use. */
    public static Database open(DataSource dataSource, Backend backend) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .placeholders(backend.migrationPlaceholders())
                .load()
                .migrate();
        Settings settings = new Settings()
                .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED)
                .withExecuteLogging(false);
        return new Database(DSL.using(dataSource, backend.dialect(), settings), backend);
    }

    public DSLContext dsl() {
        return dsl;
    }

    public Backend backend() {
        return backend;
    }
}
