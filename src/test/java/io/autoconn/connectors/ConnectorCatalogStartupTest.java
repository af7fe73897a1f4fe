package io.autoconn.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.autoconn.storage.Database;
import io.autoconn.storage.Tables;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;

/** The server does not start with a bad connector file or a bad test override: it says why instead. */
class ConnectorCatalogStartupTest {
    private static final String GITHUB = "fb74aea4-1f1c-49dc-888b-6acf4bf4c4e3";

    /** Not a @TempDir: a context that failed to start may still be writing its data directory. */
    private final Path dataDir = temporaryDirectory("autoconn-data");
    private final Path connectorsDir = temporaryDirectory("autoconn-connectors");

    private static Path temporaryDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Throwable start(Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>(extra);
        properties.put("autoconn.data-dir", dataDir.toString());
        properties.put("micronaut.server.port", -1);
        return catchThrowable(() -> {
            try (ApplicationContext ignored = ApplicationContext.run(properties, "test")) {
                // started: the test fails below
            }
        });
    }

    private static ThrowableAssert rootMessage(Throwable thrown) {
        assertThat(thrown).as("the server should not start").isNotNull();
        Throwable root = thrown;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return (ThrowableAssert) assertThat(root);
    }

    @Test
    void aBadFileInTheConnectorsDirectoryStopsTheStartNamingIt() throws IOException {
        Path bad = connectorsDir.resolve("broken.json");
        Files.writeString(bad, "{\"id\": \"2d1c5a56-8f0e-4f7b-9b61-3c1f0d2e4a01\", \"name\": \"Broken\", \"params\": [],"
                + " \"check\": {\"http\": {\"url\": \"https://api.example.com/{nope}\"}}}");

        Throwable thrown = start(Map.of("autoconn.connectors-dir", connectorsDir.toString()));

        rootMessage(thrown).hasMessage("Connector file " + bad + ": check.http.url: {nope} names no param of this "
                + "connector; params: ");
    }

    @Test
    void aConnectorsDirectoryThatDoesNotExistStopsTheStart() {
        Path missing = connectorsDir.resolve("missing");

        Throwable thrown = start(Map.of("autoconn.connectors-dir", missing.toString()));

        rootMessage(thrown).hasMessageContaining(missing + ": the connectors directory (AUTOCONN_CONNECTORS_DIR) does not exist");
    }

    @Test
    void anOverrideForAConnectorWithoutTemplateStopsTheStart() {
        Throwable thrown = start(Map.of("autoconn.connector-base-url-overrides.b7366065-7207-4799-ae80-99b8f0c2f987",
                "http://127.0.0.1:1"));

        rootMessage(thrown).hasMessage("autoconn.connector-base-url-overrides names b7366065-7207-4799-ae80-99b8f0c2f987, "
                + "which is not a connector with a request template");
    }

    @Test
    void anOverrideThatIsNotAnOriginStopsTheStart() {
        Throwable thrown = start(Map.of("autoconn.connector-base-url-overrides." + GITHUB, "http://127.0.0.1:1/api"));

        rootMessage(thrown).hasMessage("autoconn.connector-base-url-overrides." + GITHUB + " must be an http(s) origin "
                + "such as http://127.0.0.1:8089; got \"http://127.0.0.1:1/api\"");
    }

    @Test
    void connectionsOfAConnectorWhoseFileWasRemovedStopTheStartNamingIt() throws IOException {
        String id = "6f1d2c3b-4a59-4e7d-8c21-0b9e8d7f6a55";
        Files.writeString(connectorsDir.resolve("inventory.json"), "{\"id\": \"" + id + "\", \"name\": \"Inventory\","
                + " \"params\": [], \"check\": {\"http\": {\"url\": \"https://api.example.com/ping\"}}}");
        try (ApplicationContext server = ApplicationContext.run(Map.of("autoconn.data-dir", dataDir.toString(),
                "autoconn.connectors-dir", connectorsDir.toString(), "micronaut.server.port", -1), "test")) {
            Database db = server.getBean(Database.class);
            String tenant = db.dsl().select(Tables.Tenants.ID).from(Tables.Tenants.TABLE).fetchAny(Tables.Tenants.ID);
            String owner = db.dsl().select(Tables.Users.ID).from(Tables.Users.TABLE)
                    .fetchAny(Tables.Users.ID);
            db.dsl().execute("INSERT INTO connections (id, tenant_id, owner_id, connector_id, name, params, secrets, "
                    + "is_connected, version, created_at, updated_at) VALUES (?, ?, ?, ?, 'inv', '{}', '{}', false, 1, 0, 0)",
                    UUID.randomUUID().toString(), tenant, owner, id);
        }

        Throwable thrown = start(Map.of());

        rootMessage(thrown).hasMessageStartingWith("Stored connections use connectors that are not in the catalog: "
                + id + " (1 connection).");
    }
}
