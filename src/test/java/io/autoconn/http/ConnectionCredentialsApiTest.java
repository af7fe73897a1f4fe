package io.autoconn.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The automation runtime's credentials extension: scoped keys only, the matrix still applies, audited. */
@MicronautTest
class ConnectionCredentialsApiTest extends ApiTestBase {
    private static final String SCOPE = "automation-connections:credentials";
    private static final String KEYS = "/api/v1/api-keys";

    @ParameterizedTest
    @ValueSource(strings = {ConnectionsController.V1, ConnectionsController.WORKFLOWS})
    @SuppressWarnings("unchecked")
    void aScopedKeyReadsTheParamsInClearUncachedAndAudited(String base) {
        User bob = newUser();
        String canary = "Canary-cred-" + UUID.randomUUID();
        String id = connectionWithToken(bob, canary);
        HttpApi runtime = admin.as(scopedKey(admin, null));

        HttpApi.Response read = runtime.postEmpty(base + "/" + id + "/actions/credentials");
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.header("Cache-Control")).isEqualTo("no-store");
        assertThat(read.json()).containsEntry("id", id).containsEntry("connectorId", HTTP_API);
        assertThat(read.json().get("params")).asList().contains(
                Map.of("name", "token", "value", canary), Map.of("name", "baseUrl", "value", admin.base()));

        HttpApi.Response trail = admin.get("/api/v1/audits?eventType=com.qlik.v1.automation-connection.credentials-read"
                + "&limit=100");
        assertThat(trail.data()).anySatisfy(e -> assertThat((Map<String, Object>) e.get("data"))
                .containsEntry("resourceId", id).containsEntry("params", List.of("authType", "baseUrl", "healthPath", "token")));
        assertThat(trail.text()).doesNotContain(canary);
    }

    @Test
    void withoutTheScopeOrOutOfSightTheAnswerIsARefusal() {
        User bob = newUser();
        String id = connectionWithToken(bob, "Canary-" + UUID.randomUUID());
        String path = ConnectionsController.V1 + "/" + id + "/actions/credentials";

        HttpApi.Response unscoped = admin.postEmpty(path);
        assertThat(unscoped.status()).isEqualTo(403);
        assertThat(unscoped.errorCode()).isEqualTo("SCOPE-REQUIRED");
        assertThat(unscoped.errorDetail()).contains(SCOPE);

        User carol = newUser();
        HttpApi carolsRuntime = admin.as(scopedKey(admin, carol.id()));
        assertThat(carolsRuntime.postEmpty(path).errorCode()).as("the matrix still decides what the key's user sees")
                .isEqualTo("CONNECTION-NOT-FOUND");
        String carols = connectionWithToken(carol, "carol's");
        assertThat(carolsRuntime.postEmpty(ConnectionsController.V1 + "/" + carols + "/actions/credentials").status())
                .isEqualTo(200);
        assertThat(admin.as(scopedKey(admin, null)).postEmpty(ConnectionsController.V1 + "/nope/actions/credentials")
                .status()).isEqualTo(404);
        assertThat(admin.as(null).postEmpty(path).status()).isEqualTo(401);
    }

    @Test
    void onlyTenantAdminsGrantScopesAndOnlyKnownOnes() {
        User dave = newUser();
        HttpApi.Response byUser = dave.api().post(KEYS, Map.of("description", "mine", "scopes", List.of(SCOPE)));
        assertThat(byUser.status()).isEqualTo(403);
        HttpApi.Response unknown = admin.post(KEYS, Map.of("description", "x", "scopes", List.of("root")));
        assertThat(unknown.errorCode()).isEqualTo("INVALID-FIELD");
        assertThat(unknown.errorDetail()).contains("root", SCOPE);
        HttpApi.Response plain = dave.api().post(KEYS, Map.of("description", "plain"));
        assertThat(plain.json()).containsEntry("scopes", List.of());
        HttpApi.Response scoped = admin.post(KEYS, Map.of("description", "runtime", "scopes", List.of(SCOPE)));
        assertThat(scoped.json()).containsEntry("scopes", List.of(SCOPE));
        assertThat(admin.get(KEYS + "/" + scoped.json().get("id")).json()).containsEntry("scopes", List.of(SCOPE));
    }

    /** A key with the credentials scope, created by {@code creator} for {@code sub} (null: the creator). */
    private static String scopedKey(HttpApi creator, String sub) {
        Map<String, Object> body = sub == null ? Map.of("description", "runtime", "scopes", List.of(SCOPE))
                : Map.of("description", "runtime", "scopes", List.of(SCOPE), "sub", sub);
        HttpApi.Response r = creator.post(KEYS, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return (String) r.json().get("token");
    }

    private String connectionWithToken(User owner, String token) {
        HttpApi.Response r = owner.api().post(ConnectionsController.V1, Map.of("connectorId", HTTP_API, "params", List.of(
                Map.of("name", "baseUrl", "value", admin.base()), Map.of("name", "healthPath", "value", "/health"),
                Map.of("name", "authType", "value", "bearer"), Map.of("name", "token", "value", token))));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return (String) r.json().get("id");
    }
}
