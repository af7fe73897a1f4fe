package io.autoconn.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.autoconn.secrets.MasterKey;
import io.autoconn.storage.Tables.Connections;
import io.autoconn.storage.Tables.DataKeys;
import io.autoconn.testing.LegacyCiphertexts;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Stored secrets as a client meets them: the check gets the right value from an envelope-encrypted row and
 * from a v1 row written before envelope encryption (which the next edit upgrades); a value that no longer
 * decrypts makes the check say so (CHECK-SECRET-UNREADABLE), never an HTTP error.
 */
@MicronautTest
class SecretsApiTest extends ApiTestBase {
    private static final String MASTER_KEY = MasterKey.generate();
    private static final String TOKEN = "tok-Envelope-Canary";
    private static final String TOKEN_PARAM = "bfcf6b02-e587-4a45-bf5d-49373dd05741";
    private HttpServer target;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("autoconn.master-key", MASTER_KEY);
        return properties;
    }

    @BeforeAll
    void startTarget() throws Exception {
        target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        target.createContext("/api", exchange -> {
            boolean ok = ("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.sendResponseHeaders(ok ? 200 : 401, -1);
            exchange.close();
        });
        target.start();
    }

    @AfterAll
    void stopTarget() {
        target.stop(0);
    }

    private String createBearer(String token) {
        HttpApi.Response r = admin.post(ConnectionsController.V1, Map.of("connectorId", HTTP_API, "params", List.of(
                Map.of("name", "baseUrl", "value", "http://127.0.0.1:" + target.getAddress().getPort() + "/api"),
                Map.of("name", "authType", "value", "bearer"),
                Map.of("name", "token", "value", token))));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return (String) r.json().get("id");
    }

    private String storedToken(String id) {
        String secrets = database.dsl().select(Connections.SECRETS).from(Connections.TABLE)
                .where(Connections.ID.eq(id)).fetchOne(Connections.SECRETS);
        assertThat(secrets).doesNotContain(TOKEN);
        return secrets.replaceAll(".*\"" + TOKEN_PARAM + "\":\"([^\"]+)\".*", "$1");
    }

    private void storeToken(String id, String ciphertext) {
        database.dsl().update(Connections.TABLE)
                .set(Connections.SECRETS, "{\"" + TOKEN_PARAM + "\":\"" + ciphertext + "\"}")
                .where(Connections.ID.eq(id)).execute();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> checked(String id) {
        HttpApi.Response check = admin.postEmpty(ConnectionsController.V1 + "/" + id + "/actions/check");
        assertThat(check.status()).as(check.toString()).isEqualTo(200);
        HttpApi.Response detail = admin.get(ConnectionsController.V1 + "/" + id);
        assertThat(detail.status()).isEqualTo(200);
        assertThat(detail.text()).doesNotContain(TOKEN);
        return detail.json();
    }

    @Test
    void theCheckGetsTheValueBackFromItsTenantsDataKey() {
        String id = createBearer(TOKEN);
        String dataKey = database.dsl().select(DataKeys.ID).from(DataKeys.TABLE)
                .where(DataKeys.TENANT_ID.eq(adminCaller().tenantId())).fetchOne(DataKeys.ID);
        assertThat(storedToken(id)).startsWith("v2." + dataKey + ".");
        assertThat(checked(id)).containsEntry("isConnected", true);
        assertThat(checked(createBearer("wrong-token"))).containsEntry("isConnected", false);
    }

    @Test
    void aV1ValueStillWorksAndTheNextEditUpgradesIt() {
        String id = createBearer("placeholder");
        String tenant = adminCaller().tenantId();
        storeToken(id, LegacyCiphertexts.encrypt(MASTER_KEY, TOKEN, tenant, id, TOKEN_PARAM));
        assertThat(checked(id)).containsEntry("isConnected", true);

        HttpApi.Response renamed = admin.put(ConnectionsController.V1 + "/" + id, Map.of("name", "renamed"));
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(storedToken(id)).startsWith("v2.");
        assertThat(checked(id)).containsEntry("isConnected", true).containsEntry("name", "renamed");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aValueThatNoLongerDecryptsIsACheckFailureAndSettingItAgainMendsIt() {
        String id = createBearer(TOKEN);
        String other = createBearer(TOKEN);
        // Copied from another connection, then written with a master key this server never held.
        storeToken(id, storedToken(other));
        Map<String, Object> copied = checked(id);
        assertThat(copied).containsEntry("isConnected", false);
        assertThat((Map<String, Object>) copied.get("error")).containsEntry("code", "CHECK-SECRET-UNREADABLE")
                .containsEntry("detail", "Parameter 'token' does not decrypt for this connection (altered, or copied"
                        + " from another one); set it again");

        String lostKey = MasterKey.generate();
        storeToken(id, LegacyCiphertexts.encrypt(lostKey, TOKEN, adminCaller().tenantId(), id, TOKEN_PARAM));
        Map<String, Object> lost = checked(id);
        assertThat((Map<String, Object>) lost.get("error")).containsEntry("code", "CHECK-SECRET-UNREADABLE")
                .containsEntry("detail", "Parameter 'token' was encrypted with a key this server does not hold;"
                        + " set it again");
        assertThat(admin.get(ConnectionsController.V1).status()).isEqualTo(200);
        // An edit that keeps the unreadable value keeps it as it is; setting it again mends the connection.
        assertThat(admin.put(ConnectionsController.V1 + "/" + id, Map.of("name", "kept")).status()).isEqualTo(200);
        assertThat(storedToken(id)).startsWith("v1.");
        HttpApi.Response reset = admin.put(ConnectionsController.V1 + "/" + id,
                Map.of("params", List.of(Map.of("id", TOKEN_PARAM, "value", TOKEN))));
        assertThat(reset.status()).as(reset.toString()).isEqualTo(200);
        assertThat(reset.json()).containsEntry("isConnected", true);
        assertThat(storedToken(id)).startsWith("v2.");
    }
}
