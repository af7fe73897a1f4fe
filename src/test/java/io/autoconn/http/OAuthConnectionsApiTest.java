package io.autoconn.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoconn.storage.Tables.Connections;
import io.autoconn.storage.Tables.OAuthTokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OAuth2 connections against a real OAuth2/OIDC provider (mock-oauth2-server, started here): the redirect,
 * the provider's authorization (its non-interactive login answers at once with a redirect back), the
 * callback, encrypted token storage, expiry and refresh, failures, client credentials, and the state's
 * single use, expiry and integrity.
 */
@MicronautTest
class OAuthConnectionsApiTest extends ApiTestBase {
    static final String OAUTH2_API = "dfc729c6-ed2f-4e02-8992-052c6850d86d";
    static final String OAUTH2_CLIENT_CREDENTIALS = "d2e778f7-7690-409d-9bd0-229992edd352";
    static final String CALLBACK = "/api/v1/automation-connections/oauth/callback";
    private static final String SCOPE = "automation-connections:credentials";
    private static final String ISSUER = "autoconn-test";

    private final MockOAuth2Server provider = new MockOAuth2Server();
    private ProviderProxy proxy;
    private HttpApi runtime;

    @BeforeAll
    void startProvider() {
        provider.start();
        proxy = new ProviderProxy(provider.baseUrl().toString());
    }

    @AfterAll
    void stopProvider() {
        proxy.close();
        provider.shutdown();
    }

    @BeforeEach
    void runtimeKey() {
        HttpApi.Response key = admin.post("/api/v1/api-keys", Map.of("description", "runtime", "scopes", List.of(SCOPE)));
        runtime = admin.as((String) key.json().get("token"));
    }

    @Test
    void theAuthorizationCodeDanceEndsConnectedWithEncryptedTokens() {
        String secret = "Canary-client-secret-" + UUID.randomUUID();
        HttpApi.Response created = admin.post(ConnectionsController.V1, authorizationCodeConnection(secret));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json()).containsEntry("isConnected", false).doesNotContainKey("error");
        String id = (String) created.json().get("id");
        URI redirect = URI.create((String) created.json().get("redirect"));
        Map<String, String> query = query(redirect);
        assertThat(redirect.toString()).startsWith(url("authorize"));
        assertThat(query).containsEntry("response_type", "code").containsEntry("client_id", "autoconn-client")
                .containsEntry("code_challenge_method", "S256").containsEntry("scope", "openid profile")
                .containsEntry("redirect_uri", admin.base() + CALLBACK)
                .containsKeys("state", "code_challenge");

        HttpApi.Response callback = consent(redirect);
        assertThat(callback.status()).as(callback.toString()).isEqualTo(200);
        assertThat(callback.header("Cache-Control")).isEqualTo("no-store");
        assertThat(callback.json()).containsEntry("connectionId", id).containsEntry("isConnected", true);

        HttpApi.Response got = admin.get(ConnectionsController.V1 + "/" + id);
        assertThat(got.json()).containsEntry("isConnected", true).doesNotContainKey("error")
                .containsEntry("oauthAccountName", callback.json().get("oauthAccountName"))
                .doesNotContainKey("redirect");
        assertThat((String) got.json().get("oauthAccountName")).isNotBlank();
        assertThat(got.text()).doesNotContain(secret);
        assertThat(admin.postEmpty(ConnectionsController.V1 + "/" + id + "/actions/check").json())
                .containsEntry("connected", true);

        Map<String, Object> oauth = credentialsOauth(id);
        String access = (String) oauth.get("accessToken");
        assertThat(access).isNotBlank();
        assertThat(oauth.get("expiresAt")).isNotNull();
        var stored = database.dsl().select(OAuthTokens.ACCESS_TOKEN, OAuthTokens.REFRESH_TOKEN).from(OAuthTokens.TABLE)
                .where(OAuthTokens.CONNECTION_ID.eq(id)).fetchOne();
        assertThat(stored.value1()).startsWith("v2.").doesNotContain(access);
        assertThat(stored.value2()).startsWith("v2.");
        assertThat(auditOf(id)).extracting(e -> e.get("eventType"))
                .contains("com.qlik.v1.automation-connection.authorized");
        assertThat(auditOf(id).toString()).doesNotContain(access).doesNotContain(secret);
    }

    @Test
    void anExpiringTokenIsRefreshedAndTheOldRefreshTokenKeptWhenNoneComes() {
        String id = authorizedConnection();
        String first = (String) credentialsOauth(id).get("accessToken");
        String refreshCiphertext = storedRefreshToken(id);

        expire(id);
        drain();
        proxy.failNext("/token", 200,
                "{\"access_token\":\"renewed-without-refresh\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
        assertThat(credentialsOauth(id)).containsEntry("accessToken", "renewed-without-refresh");
        ProviderProxy.Recorded refresh = proxy.drain().get(0);
        assertThat(refresh.path()).endsWith("/token");
        assertThat(refresh.body()).contains("grant_type=refresh_token", "refresh_token=", "client_id=autoconn-client");
        assertThat(storedRefreshToken(id)).as("no refresh token in the answer: the old one stays")
                .isEqualTo(refreshCiphertext);

        expire(id);
        String next = (String) credentialsOauth(id).get("accessToken");
        assertThat(next).isNotEqualTo(first).isNotEqualTo("renewed-without-refresh");
        assertThat(storedRefreshToken(id)).as("a rotated refresh token replaces the old").isNotEqualTo(refreshCiphertext);
    }

    @Test
    void aRefusedTokenAtTheCheckIsRenewedOnce() {
        String id = authorizedConnection();
        String before = (String) credentialsOauth(id).get("accessToken");
        drain();
        proxy.failNext("/userinfo", 401, "");
        HttpApi.Response check = admin.postEmpty(ConnectionsController.V1 + "/" + id + "/actions/check");
        assertThat(check.json()).containsEntry("connected", true);
        List<String> paths = drain();
        assertThat(paths).as("userinfo refused, refresh, userinfo again").hasSize(3);
        assertThat(paths.get(1)).endsWith("/token");
        assertThat(credentialsOauth(id).get("accessToken")).isNotEqualTo(before);
    }

    @Test
    void aRevokedRefreshTokenDisconnectsWithAnError() {
        String id = authorizedConnection();
        expire(id);
        proxy.failNext("/token", 400, "{\"error\":\"invalid_grant\",\"error_description\":\"revoked\"}");
        HttpApi.Response check = admin.postEmpty(ConnectionsController.V1 + "/" + id + "/actions/check");
        assertThat(check.json()).containsEntry("connected", false);
        Map<String, Object> got = admin.get(ConnectionsController.V1 + "/" + id).json();
        assertThat(got).containsEntry("isConnected", false);
        @SuppressWarnings("unchecked")
        Map<String, Object> error = (Map<String, Object>) got.get("error");
        assertThat(error).containsEntry("code", "CHECK-OAUTH-REFRESH-FAILED");
        assertThat((String) error.get("detail")).contains("invalid_grant", "authorize the connection again");

        proxy.failNext("/token", 400, "{\"error\":\"invalid_grant\"}");
        HttpApi.Response credentials = runtime.postEmpty(ConnectionsController.V1 + "/" + id + "/actions/credentials");
        assertThat(credentials.status()).isEqualTo(409);
        assertThat(credentials.errorCode()).isEqualTo("OAUTH-NOT-CONNECTED");
        assertThat(credentials.errorDetail()).contains("invalid_grant");
    }

    @Test
    void twoConcurrentRenewalsMakeOneTokenRequest() throws Exception {
        String id = authorizedConnection();
        expire(id);
        drain();
        CyclicBarrier start = new CyclicBarrier(2);
        List<CompletableFuture<String>> both = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            both.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return (String) credentialsOauth(id).get("accessToken");
            }));
        }
        String a = both.get(0).get(20, TimeUnit.SECONDS);
        String b = both.get(1).get(20, TimeUnit.SECONDS);
        assertThat(a).isEqualTo(b);
        assertThat(drain()).filteredOn(p -> p.endsWith("/token")).as("one renewal for both").hasSize(1);
    }

    @Test
    void clientCredentialsConnectAtCreationWithoutARedirect() {
        String secret = "Canary-cc-" + UUID.randomUUID();
        HttpApi.Response created = admin.post(ConnectionsController.V1, Map.of("connectorId", OAUTH2_CLIENT_CREDENTIALS,
                "params", List.of(param("tokenUrl", url("token")), param("checkUrl", url("userinfo")),
                        param("clientId", "machine"), param("clientSecret", secret), param("scopes", "api"))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json()).containsEntry("isConnected", true).doesNotContainKey("redirect");
        assertThat(created.json()).containsEntry("oauthAccountName", "machine");
        String id = (String) created.json().get("id");
        assertThat((String) credentialsOauth(id).get("accessToken")).isNotBlank();
        assertThat(created.text()).doesNotContain(secret);

        HttpApi.Response unreachable = admin.post(ConnectionsController.V1, Map.of("connectorId", OAUTH2_CLIENT_CREDENTIALS,
                "params", List.of(param("tokenUrl", "http://127.0.0.1:1/token"), param("clientId", "machine"),
                        param("clientSecret", secret))));
        assertThat(unreachable.status()).isEqualTo(201);
        assertThat(unreachable.json()).containsEntry("isConnected", false);
        assertThat(unreachable.text()).contains("CHECK-CONNECTION-REFUSED").doesNotContain(secret);

        proxy.failNext("/token", 401, "{\"error\":\"invalid_client\"}");
        HttpApi.Response refused = admin.post(ConnectionsController.V1, Map.of("connectorId", OAUTH2_CLIENT_CREDENTIALS,
                "params", List.of(param("tokenUrl", url("token")),
                        param("clientId", "machine"), param("clientSecret", "wrong"))));
        assertThat(refused.json()).containsEntry("isConnected", false);
        assertThat(refused.text()).contains("CHECK-OAUTH-TOKEN-REFUSED", "invalid_client");
    }

    @Test
    void aStateServesOnceAndOnlyUntouchedAndUnexpired() {
        HttpApi.Response created = admin.post(ConnectionsController.V1, authorizationCodeConnection("s"));
        URI redirect = URI.create((String) created.json().get("redirect"));
        HttpApi anonymous = admin.as(null);
        URI back = providerRedirect(redirect);
        Map<String, String> query = query(back);

        HttpApi.Response tampered = anonymous.get(CALLBACK + "?code=" + query.get("code") + "&state="
                + query.get("state").substring(1) + "A");
        assertThat(tampered.status()).isEqualTo(400);
        assertThat(tampered.errorCode()).isEqualTo("OAUTH-CALLBACK-INVALID");
        assertThat(anonymous.get(CALLBACK + "?code=x").errorCode()).isEqualTo("OAUTH-CALLBACK-INVALID");

        assertThat(anonymous.get(back.toString()).status()).isEqualTo(200);
        HttpApi.Response reused = anonymous.get(back.toString());
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.errorDetail()).contains("already used");

        HttpApi.Response again = admin.post(ConnectionsController.V1, authorizationCodeConnection("s"));
        URI later = providerRedirect(URI.create((String) again.json().get("redirect")));
        database.dsl().update(io.autoconn.storage.Tables.OAuthStates.TABLE)
                .set(io.autoconn.storage.Tables.OAuthStates.EXPIRES_AT, 1L).execute();
        HttpApi.Response expired = anonymous.get(later.toString());
        assertThat(expired.status()).isEqualTo(400);
        assertThat(expired.errorDetail()).contains("expired");
        assertThat(admin.get(ConnectionsController.V1 + "/" + again.json().get("id")).json())
                .containsEntry("isConnected", false);
    }

    @Test
    void aConnectionNotYetAuthorizedChecksAsSuchAndADeniedConsentIsRecorded() {
        HttpApi.Response created = admin.post(ConnectionsController.V1, authorizationCodeConnection("s"));
        String id = (String) created.json().get("id");
        HttpApi.Response check = admin.postEmpty(ConnectionsController.V1 + "/" + id + "/actions/check");
        assertThat(check.json()).containsEntry("connected", false);
        assertThat(admin.get(ConnectionsController.V1 + "/" + id).text()).contains("CHECK-OAUTH-NOT-AUTHORIZED");

        String state = query(URI.create((String) created.json().get("redirect"))).get("state");
        HttpApi.Response denied = admin.as(null).get(CALLBACK + "?error=access_denied&state=" + state);
        assertThat(denied.status()).isEqualTo(200);
        assertThat(denied.json()).containsEntry("isConnected", false);
        assertThat(denied.text()).contains("access_denied");
    }

    @Test
    @SuppressWarnings("unchecked")
    void newParamsDropTheTokensAndAskForConsentAgain() {
        String id = authorizedConnection();
        Map<String, Object> current = admin.get(ConnectionsController.V1 + "/" + id).json();
        String scopesId = ((List<Map<String, Object>>) current.get("params")).stream()
                .filter(p -> p.get("name").equals("scopes")).map(p -> (String) p.get("id")).findFirst().orElseThrow();
        HttpApi.Response updated = admin.put(ConnectionsController.V1 + "/" + id,
                Map.of("params", List.of(Map.of("id", scopesId, "value", "openid email"))));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json()).containsEntry("isConnected", false).doesNotContainKey("oauthAccountName");
        String redirect = (String) updated.json().get("redirect");
        assertThat(query(URI.create(redirect))).containsEntry("scope", "openid email");
        assertThat(runtime.postEmpty(ConnectionsController.V1 + "/" + id + "/actions/credentials").errorCode())
                .isEqualTo("OAUTH-NOT-CONNECTED");

        assertThat(consent(URI.create(redirect)).json()).containsEntry("isConnected", true);
        assertThat(admin.get(ConnectionsController.V1 + "/" + id).json()).containsEntry("isConnected", true)
                .containsKey("oauthAccountName");
        assertThat(admin.put(ConnectionsController.V1 + "/" + id, Map.of("name", "renamed")).json())
                .as("a rename keeps the grant").containsEntry("isConnected", true).doesNotContainKey("redirect");
    }

    // --- helpers

    private Map<String, Object> authorizationCodeConnection(String clientSecret) {
        return Map.of("connectorId", OAUTH2_API, "name", "oauth " + UUID.randomUUID(), "params", List.of(
                param("authorizeUrl", url("authorize")), param("tokenUrl", url("token")),
                param("userinfoUrl", url("userinfo")),
                param("clientId", "autoconn-client"), param("clientSecret", clientSecret),
                param("scopes", "openid profile")));
    }

    private String authorizedConnection() {
        HttpApi.Response created = admin.post(ConnectionsController.V1, authorizationCodeConnection("s"));
        HttpApi.Response callback = consent(URI.create((String) created.json().get("redirect")));
        assertThat(callback.json()).as(callback.toString()).containsEntry("isConnected", true);
        return (String) created.json().get("id");
    }

    /** The user's browser: the provider's authorization page answers with a redirect back, which it follows. */
    private HttpApi.Response consent(URI redirect) {
        return admin.as(null).get(providerRedirect(redirect).toString());
    }

    private URI providerRedirect(URI redirect) {
        HttpApi.Response authorize = admin.as(null).get(redirect.toString());
        assertThat(authorize.status()).as(authorize.toString()).isEqualTo(302);
        URI back = URI.create(authorize.header("Location"));
        assertThat(back.toString()).startsWith(admin.base() + CALLBACK);
        return back;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> credentialsOauth(String id) {
        HttpApi.Response r = runtime.postEmpty(ConnectionsController.V1 + "/" + id + "/actions/credentials");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return (Map<String, Object>) r.json().get("oauth");
    }

    private void expire(String id) {
        database.dsl().update(OAuthTokens.TABLE).set(OAuthTokens.EXPIRES_AT, 1L)
                .where(OAuthTokens.CONNECTION_ID.eq(id)).execute();
    }

    private String storedRefreshToken(String id) {
        return database.dsl().select(OAuthTokens.REFRESH_TOKEN).from(OAuthTokens.TABLE)
                .where(OAuthTokens.CONNECTION_ID.eq(id)).fetchOne().value1();
    }

    /** The paths the provider was asked since the last drain, in order. */
    private List<String> drain() {
        return proxy.drain().stream().map(ProviderProxy.Recorded::path).toList();
    }

    /** An endpoint of the test issuer, reached through the proxy. */
    private String url(String endpoint) {
        return proxy.base() + "/" + ISSUER + "/" + endpoint;
    }

    private static Map<String, String> param(String name, String value) {
        return Map.of("name", name, "value", value);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            values.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return values;
    }
}
