package io.autoconn.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Template connectors through the API: a shipped one (GitHub, its checks sent to a local fake by the
 * test-only base-URL override) and an operator's one from {@code AUTOCONN_CONNECTORS_DIR}.
 */
@MicronautTest
class TemplateConnectorsApiTest extends ApiTestBase {
    private static final String GITHUB = "fb74aea4-1f1c-49dc-888b-6acf4bf4c4e3";
    private static final String OPERATOR_CONNECTOR = "5e0c3b9a-7d41-4f3e-9a8b-2c6d1e0f4a11";
    private static final String GOOD = "ghp_Good-Token-Canary-0042";
    private static final String WRONG = "ghp_Wrong-Token-Canary-0666";

    /** Started before the server, which is told its address. */
    private static final WireMockServer FAKE = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));

    @Override
    public Map<String, String> getProperties() {
        FAKE.start();
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("autoconn.connector-base-url-overrides." + GITHUB, "http://127.0.0.1:" + FAKE.port());
        properties.put("autoconn.connectors-dir", operatorDirectory().toString());
        return properties;
    }

    /** An operator's connector whose template calls the fake directly. */
    private static Path operatorDirectory() {
        try {
            Path dir = Files.createTempDirectory("autoconn-connectors");
            Files.writeString(dir.resolve("inventory.json"), """
                    {
                      "id": "%s",
                      "name": "Inventory API",
                      "description": "The warehouse's inventory service.",
                      "billable": false,
                      "hasWebhooks": false,
                      "connectDocumentation": "Give the API key from the inventory admin page.",
                      "check": {"http": {
                        "url": "http://127.0.0.1:%d/inventory/v2/me",
                        "auth": [{"scheme": "apiKeyHeader", "name": "X-Inventory-Key", "value": "{apiKey}"}],
                        "expect": {"status": [200], "json": [{"pointer": "/active", "equals": true}]}
                      }},
                      "params": [
                        {"id": "5e0c3b9a-7d41-4f3e-9a8b-2c6d1e0f4a12", "name": "apiKey", "fieldType": "password",
                         "optional": false, "description": "API key.", "documentation": "Stored encrypted."}
                      ]
                    }""".formatted(OPERATOR_CONNECTOR, FAKE.port()));
            Files.writeString(dir.resolve("README.md"), "Not a connector file: ignored.");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    void stopFake() {
        FAKE.stop();
    }

    @BeforeEach
    void githubFake() {
        FAKE.resetAll();
        FAKE.stubFor(WireMock.get(urlEqualTo("/user")).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + GOOD))
                .withHeader("Accept", equalTo("application/vnd.github+json"))
                .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"login\":\"octocat\",\"id\":583231}")));
        FAKE.stubFor(WireMock.get(urlEqualTo("/user")).atPriority(5)
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"Bad credentials\",\"documentation_url\":\"https://docs.github.com/rest\"}")));
        FAKE.stubFor(WireMock.get(urlEqualTo("/inventory/v2/me")).withHeader("X-Inventory-Key", equalTo(GOOD))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"active\":true}")));
    }

    private Map<String, Object> createGithub(String token) {
        HttpApi.Response r = admin.post(ConnectionsController.V1, Map.of("connectorId", GITHUB, "name", "octo",
                "params", List.of(Map.of("name", "token", "value", token))));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.text()).doesNotContain(token);
        return r.json();
    }

    @Test
    void aGithubConnectionWithAWorkingTokenIsConnected() {
        Map<String, Object> created = createGithub(GOOD);

        assertThat(created).containsEntry("isConnected", true).doesNotContainKey("error");
        HttpApi.Response check = admin.postEmpty(ConnectionsController.V1 + "/" + created.get("id") + "/actions/check");
        assertThat(check.json()).isEqualTo(Map.of("connected", true, "is_connected", true));
        assertThat(FAKE.getAllServeEvents()).hasSize(2)
                .allSatisfy(e -> assertThat(e.getRequest().getHeader("Authorization")).isEqualTo("Bearer " + GOOD));
    }

    @Test
    void aGithubConnectionWithARefusedTokenIsSavedDisconnectedWithGithubsWords() {
        Map<String, Object> created = createGithub(WRONG);

        assertThat(created).containsEntry("isConnected", false);
        @SuppressWarnings("unchecked")
        Map<String, Object> error = (Map<String, Object>) created.get("error");
        assertThat(error).containsEntry("code", "CHECK-AUTH-FAILED")
                .containsEntry("title", "The credentials were refused");
        assertThat((String) error.get("detail")).isEqualTo("GET http://127.0.0.1:" + FAKE.port() + "/user answered "
                + "HTTP 401: GitHub refused the credentials (bearer token from param 'token'). GitHub says: "
                + "\"Bad credentials\"");
        HttpApi.Response read = admin.get(ConnectionsController.V1 + "/" + created.get("id"));
        assertThat(read.text()).doesNotContain(WRONG);
    }

    @Test
    void anOperatorsConnectorFromTheDirectoryIsListedAndChecked() {
        HttpApi.Response detail = admin.get(ConnectorsController.V1 + "/" + OPERATOR_CONNECTOR);
        assertThat(detail.status()).isEqualTo(200);
        assertThat(detail.json()).containsEntry("name", "Inventory API").doesNotContainKey("check");
        assertThat(admin.get(ConnectorsController.V1 + "?limit=100").data()).extracting(c -> c.get("id"))
                .contains(OPERATOR_CONNECTOR, GITHUB, HTTP_API, POSTGRESQL);

        HttpApi.Response created = admin.post(ConnectionsController.V1, Map.of("connectorId", OPERATOR_CONNECTOR,
                "name", "warehouse", "params", List.of(Map.of("name", "apiKey", "value", GOOD))));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json()).containsEntry("isConnected", true);
        assertThat(FAKE.getAllServeEvents()).singleElement()
                .satisfies(e -> assertThat(e.getRequest().getHeader("X-Inventory-Key")).isEqualTo(GOOD));
    }

    @Test
    void theConnectorCatalogNeverShowsATemplate() {
        HttpApi.Response github = admin.get(ConnectorsController.V1 + "/" + GITHUB);

        assertThat(github.json()).containsEntry("name", "GitHub (personal access token)").doesNotContainKey("check").doesNotContainKey("http");
    }
}
