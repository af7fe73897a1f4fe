package io.autoconn.storage;

import java.util.Map;
import org.jooq.SQLDialect;

/** The databases autoconn stores in; the JDBC URL decides which one a server uses. */
public enum Backend {
    SQLITE(SQLDialect.SQLITE, "", ""),
    POSTGRESQL(SQLDialect.POSTGRES, "COLLATE \"C\"", "UNLOGGED");

    private final SQLDialect dialect;
    private final String bytewiseCollation;
    private final String unlogged;

    Backend(SQLDialect dialect, String bytewiseCollation, String unlogged) {
        this.dialect = dialect;
        this.bytewiseCollation = bytewiseCollation;
        this.unlogged = unlogged;
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

    /**
     * Values of the migrations' placeholders: the one place the schema differs between backends.
     * {@code bytewise} is the collation that orders text by code point; {@code unlogged} makes a table
     * that writes no WAL (no fsync at commit, emptied after a crash), for state that may be lost.
     */
    public Map<String, String> migrationPlaceholders() {
        return Map.of("bytewise", bytewiseCollation, "unlogged", unlogged);
    }
}
