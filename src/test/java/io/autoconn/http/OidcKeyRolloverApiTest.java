package io.autoconn.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The issuer's keys change under a running server: its JWKS (at {@code AUTOCONN_OIDC_JWKS_URL}, a front that
 * serves whichever of the issuer's keys the test says and counts fetches) gains a new key, and tokens signed with
 * it work at once; a flood of tokens naming unknown keys costs the issuer almost nothing. One tenant is fixed
 * ({@code AUTOCONN_OIDC_TENANT}) and users are not created at sign-in.
 */
@MicronautTest
class OidcKeyRolloverApiTest extends IdentityApiTestBase {
    private final TestIssuer issuer = new TestIssuer();
    private final JwksFront front = new JwksFront(issuer);

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("autoconn.oidc.issuer", issuer.issuer());
        properties.put("autoconn.oidc.audience", TestIssuer.AUDIENCE);
        properties.put("autoconn.oidc.jwks-url", front.url());
        properties.put("autoconn.oidc.tenant", "default");
        return properties;
    }

    @AfterAll
    void stop() {
        front.close();
        issuer.close();
    }

    @Test
    void aNewKeyWorksWithoutRestartAndUnknownKeysDoNotHammerTheIssuer() {
        String sub = knownSubject();
        Map<String, Object> claims = issuer.claims(sub, Map.of("tenant", "ignored: the tenant is fixed"));
        front.serve(TestIssuer.ID);
        assertThat(admin.as(issuer.signedBy(TestIssuer.ID, claims, Duration.ofHours(1))).get("/api/v1/users/me")
                .status()).isEqualTo(301);
        int fetched = front.fetches();
        assertThat(fetched).as("fetched once, by this or the class's other test").isEqualTo(1);

        front.serve(TestIssuer.ID, "next-key");
        String next = issuer.signedBy("next-key", claims, Duration.ofHours(1));
        assertThat(admin.as(next).get("/api/v1/users/me").status()).as("the new key is fetched at its first token")
                .isEqualTo(301);
        assertThat(front.fetches()).isEqualTo(fetched + 1);
        assertThat(admin.as(issuer.signedBy(TestIssuer.ID, claims, Duration.ofHours(1))).get("/api/v1/users/me")
                .status()).as("the old key is still published").isEqualTo(301);
        assertThat(admin.as(next).get("/api/v1/users/me").status()).isEqualTo(301);
        assertThat(front.fetches()).as("known keys come from the cache").isEqualTo(fetched + 1);

        for (int i = 0; i < 40; i++) {
            String kid = "made-up-" + i;
            HttpApi.Response refused = admin.as(issuer.signedByStranger(kid, claims)).get("/api/v1/users/me");
            assertThat(refused.status()).as(refused.toString()).isEqualTo(401);
            assertThat(refused.errorDetail()).contains("does not publish (kid '" + kid + "')");
        }
        assertThat(front.fetches()).as("at most two fetches per 30 s, however many unknown keys are named")
                .isLessThanOrEqualTo(fetched + 2);
        assertThat(admin.get("/api/v1/users").status()).as("API keys work alongside").isEqualTo(200);
    }

    @Test
    void anUnknownSubjectIsRefusedWhenUsersAreNotCreatedAtSignIn() {
        front.serve(TestIssuer.ID);
        String stranger = "nobody-" + UUID.randomUUID();
        String token = issuer.token(stranger, Map.of());
        HttpApi.Response refused = admin.as(token).get("/api/v1/users/me");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(401);
        assertThat(refused.errorDetail()).contains("No user of this tenant has the subject '" + stranger + "'",
                "AUTOCONN_OIDC_CREATE_USERS=true");
        assertThat(admin.get("/api/v1/users?filter=" + java.net.URLEncoder.encode("subject eq \"" + stranger + "\"",
                StandardCharsets.UTF_8)).data()).isEmpty();
    }

    /** A user of the default tenant made by the admin with an IdP subject. */
    private String knownSubject() {
        String sub = "erin-" + UUID.randomUUID();
        HttpApi.Response created = admin.post("/api/v1/users", Map.of("name", "Erin", "subject", sub));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return sub;
    }

    /** Serves, as one JWK set, the issuer's keys the test names; counts the fetches. */
    private static final class JwksFront implements AutoCloseable {
        private final TestIssuer issuer;
        private final HttpServer server;
        private final AtomicInteger fetches = new AtomicInteger();
        private volatile List<String> keyIds = List.of();

        JwksFront(TestIssuer issuer) {
            this.issuer = issuer;
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/jwks", this::handle);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
        }

        void serve(String... ids) {
            keyIds = List.of(ids);
        }

        int fetches() {
            return fetches.get();
        }

        private void handle(HttpExchange exchange) throws IOException {
            try (exchange) {
                fetches.incrementAndGet();
                List<JWK> keys = new ArrayList<>();
                for (String id : keyIds) {
                    keys.addAll(JWKSet.load(URI.create(issuer.jwksUrl(id)).toURL()).getKeys());
                }
                byte[] body = new JWKSet(keys).toString(true).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } catch (ParseException e) {
                throw new IOException(e);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
