package io.autoconn.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoconn.identity.ApiKeys;
import io.autoconn.health.KeptAnswer;
import io.autoconn.storage.TestDatabases;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A server on a PostgreSQL database that goes away: readiness answers 503 (take it out of the load
 * balancer) while liveness stays 200 (restarting it would not bring the database back).
 */
class ReadinessWithoutDatabaseTest {
    @Test
    void readinessIsDownWhenTheDatabaseIsGone() throws Exception {
        String database = "autoconn_ready_" + UUID.randomUUID().toString().replace("-", "");
        execute("CREATE DATABASE " + database);
        Path dataDir = Files.createTempDirectory("autoconn-ready");
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "datasources.default.url", "jdbc:postgresql://127.0.0.1:5432/" + database,
                "datasources.default.username", TestDatabases.PG_USER,
                "autoconn.data-dir", dataDir.toString(),
                "autoconn.admin-api-key", ApiKeys.generate()), "test")) {
            HttpApi anonymous = new HttpApi(server.getURL().toString(), null);
            assertThat(anonymous.get("/health/readiness").status()).isEqualTo(200);

            execute("DROP DATABASE " + database + " WITH (FORCE)");

            // Readiness keeps its answer for a second; the pool then waits up to its 2 s for a connection.
            HttpApi.Response readiness = anonymous.getUntil("/health/readiness", 503,
                    KeptAnswer.KEPT.plusSeconds(5));
            assertThat(readiness.status()).as(readiness.toString()).isEqualTo(503);
            assertThat(readiness.json()).containsEntry("status", "DOWN");
            assertThat(readiness.text()).doesNotContain("jdbc:").doesNotContain(database);
            assertThat(anonymous.get("/health/liveness").status()).isEqualTo(200);
        } finally {
            execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(TestDatabases.PG_URL, TestDatabases.PG_USER, "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
