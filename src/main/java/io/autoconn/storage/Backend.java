package io.autoconn.storage;

import org.jooq.SQLDialect;

/** The databases autoconn stores in; the JDBC URL decides which one a server uses. */
public enum Backend {
    SQLITE(SQLDialect.SQLITE, "sqlite"),
    POSTGRESQL(SQLDialect.POSTGRES, "postgresql");

    private final SQLDialect dialect;
    private final String migrationFolder;

    Backend(SQLDialect dialect, String migrationFolder) {
        this.dialect = dialect;
        this.migrationFolder = migrationFolder;
    }

    public static Backend fromUrl(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        throw new IllegalArgumentException(
                "Unsupported AUTOCONN_DB_URL: use a jdbc:postgresql: URL, or leave it unset for SQLite");
    }

    public SQLDialect dialect() {
        return dialect;
    }

    /** Flyway location of this backend's migrations (the SQL differs only where the dialects do). */
    public String migrations() {
        return "classpath:db/migration/" + migrationFolder;
    }
}
