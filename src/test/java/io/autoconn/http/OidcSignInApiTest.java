package io.autoconn.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.autoconn.storage.Tables.Users;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Signing in with JWTs of a real OIDC issuer (mock-oauth2-server, found through its discovery document): good
 * tokens, every refusal with its precise reason, users created at first sign-in (once, however many first
 * requests race), roles from the token, and API keys alongside.
 */
@MicronautTest
class OidcSignInApiTest extends IdentityApiTestBase {
    private static final String ADMINS = "autoconn-admins";

    private final TestIssuer issuer = new TestIssuer();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("autoconn.oidc.issuer", issuer.issuer());
        properties.put("autoconn.oidc.audience", TestIssuer.AUDIENCE);
        properties.put("autoconn.oidc.create-users", "true");
        properties.put("autoconn.oidc.role-mapping", ADMINS + "=TenantAdmin");
        return properties;
    }

    @AfterAll
    void stopIssuer() {
        issuer.close();
    }

    @Test
    void aTokenFromTheIssuersTokenEndpointSignsInAsItsSubjectCreatedAtFirstSight() {
        String sub = "sub-" + UUID.randomUUID();
        HttpApi ann = admin.as(issuer.fromTokenEndpoint(sub, Map.of("tenant", "default", "name", "Ann",
                "email", sub + "@example.com")));

        Map<String, Object> me = me(ann);
        assertThat(me).containsEntry("subject", sub).containsEntry("name", "Ann")
                .containsEntry("email", sub + "@example.com").containsEntry("status", "active")
                .containsEntry("tenantId", adminCaller().tenantId());
        assertThat(ann.get("/api/v1/automation-connections").status()).isEqualTo(200);
        List<Map<String, Object>> audit = auditOf((String) me.get("id"));
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0)).containsEntry("eventType", "com.qlik.v1.user.created")
                .containsEntry("userId", me.get("id"));
        assertThat((Map<String, Object>) audit.get(0).get("data")).containsEntry("subject", sub)
                .containsEntry("cause", "oidc-sign-in");
        assertThat(admin.get("/api/v1/users").status()).as("API keys work alongside").isEqualTo(200);
    }

    @Test
    void aKnownSubjectSignsInAsTheExistingUserOfTheTenantTheTokenNames() {
        TenantAdminOfNewTenant other = newTenantWithAdmin();
        HttpApi.Response created = other.api().post("/api/v1/users", Map.of("name", "Bo", "subject", "bo-at-idp"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);

        HttpApi bo = admin.as(issuer.token("bo-at-idp", Map.of("tenant", other.tenantId())));
        assertThat(me(bo)).containsEntry("id", created.json().get("id")).containsEntry("tenantId", other.tenantId());

        assertRefused(issuer.token("bo-at-idp", Map.of("tenant", "no-such-tenant")),
                "tenant 'no-such-tenant', which does not exist");
        Map<String, Object> noTenant = issuer.claims("bo-at-idp", Map.of());
        noTenant.remove("tenant");
        assertRefused(issuer.token(noTenant, Duration.ofHours(1)), "no 'tenant' claim");
    }

    @Test
    void expiredAndNotYetValidTokensAreRefusedSayingWhen() {
        String expired = issuer.token(issuer.claims("late", Map.of()), Duration.ofMinutes(-10));
        assertRefused(expired, "The token expired at ");

        String early = issuer.token("early", Map.of("nbf", Date.from(Instant.now().plusSeconds(600))));
        assertRefused(early, "The token is not valid before ");

        String withinSkew = issuer.token(issuer.claims("skewed-" + UUID.randomUUID(), Map.of()), Duration.ofSeconds(-20));
        assertThat(admin.as(withinSkew).get("/api/v1/users/me").status()).as("20 s late is within the 60 s skew")
                .isEqualTo(301);
    }

    @Test
    void aTokenForAnotherAudienceOrFromAnotherIssuerIsRefused() {
        assertRefused(issuer.token("a", Map.of("aud", "someone-else")),
                "audience [someone-else] does not include 'autoconn-api'");
        assertRefused(issuer.token("a", Map.of("iss", "https://evil.example")),
                "issued by 'https://evil.example'; this server accepts tokens of '" + issuer.issuer() + "'");
    }

    @Test
    void aTokenSignedByAKeyTheIssuerDoesNotPublishOrWithABadSignatureIsRefused() {
        Map<String, Object> claims = issuer.claims("mallory", Map.of());
        assertRefused(issuer.signedBy("elsewhere", claims, Duration.ofHours(1)),
                "signed with a key the issuer " + issuer.issuer() + " does not publish (kid 'elsewhere')");
        assertRefused(issuer.signedByStranger(TestIssuer.ID, claims),
                "signature does not verify with the issuer's key (kid 'autoconn')");
    }

    @Test
    void hmacAndUnsignedTokensAreRefusedWhateverTheyClaim() throws Exception {
        JWTClaimsSet.Builder set = new JWTClaimsSet.Builder().expirationTime(Date.from(Instant.now().plusSeconds(600)));
        issuer.claims("hacker", Map.of("roles", List.of("TenantAdmin"))).forEach(set::claim);
        SignedJWT hs256 = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(TestIssuer.ID).build(),
                set.build());
        hs256.sign(new MACSigner("a-shared-secret-that-is-long-enough-for-hs256!".getBytes()));
        assertRefused(hs256.serialize(), "The token is signed with HS256;");

        String none = new PlainJWT(set.build()).serialize();
        assertRefused(none, "unsigned (alg none)");
    }

    @Test
    void theTokensRolesAreTheUsersRolesFromSignInToSignIn() {
        String sub = "carol-" + UUID.randomUUID();
        HttpApi asAdmin = admin.as(issuer.token(sub, Map.of("roles", List.of(ADMINS, "some-other-app-role"))));
        Map<String, Object> me = me(asAdmin);
        String id = (String) me.get("id");
        assertThat(roleIds(me)).containsExactly("TenantAdmin");
        assertThat(asAdmin.get("/api/v1/audits").status()).as("a TenantAdmin reads the audit trail").isEqualTo(200);

        HttpApi demoted = admin.as(issuer.token(sub, Map.of("roles", List.of("AnalyticsAdmin"))));
        assertThat(demoted.get("/api/v1/audits").status()).as("demoted at once").isEqualTo(403);
        assertThat(roleIds(admin.get("/api/v1/users/" + id).json())).containsExactly("AnalyticsAdmin");
        Map<String, Object> update = auditOf(id).get(1);
        assertThat(update).containsEntry("eventType", "com.qlik.v1.user.updated");
        assertThat((Map<String, Object>) update.get("data")).containsEntry("cause", "oidc-sign-in")
                .containsEntry("assignedRoles", List.of("AnalyticsAdmin"));

        HttpApi.Response grant = admin.patch("/api/v1/users/" + id,
                List.of(Map.of("op", "replace", "path", "/assignedRoles", "value", List.of(Map.of("name", "TenantAdmin")))));
        assertThat(grant.status()).isEqualTo(204);
        HttpApi noRolesClaim = admin.as(issuer.token(sub, Map.of()));
        assertThat(noRolesClaim.get("/api/v1/audits").status()).as("without a roles claim the stored roles stand")
                .isEqualTo(200);
        assertThat(auditOf(id)).hasSize(3);
    }

    @Test
    void aDisabledUsersTokenIsRefused() {
        String sub = "dave-" + UUID.randomUUID();
        String token = issuer.token(sub, Map.of());
        String id = (String) me(admin.as(token)).get("id");
        admin.patch("/api/v1/users/" + id, List.of(Map.of("op", "replace", "path", "/status", "value", "disabled")));
        assertRefused(token, "User " + id + " (sub '" + sub + "') is disabled");
    }

    @Test
    void firstRequestsRacingCreateOneUser() throws Exception {
        String sub = "racer-" + UUID.randomUUID();
        String token = issuer.token(sub, Map.of("name", "Racer"));
        int racers = 8;
        CyclicBarrier start = new CyclicBarrier(racers);
        List<CompletableFuture<HttpApi.Response>> calls = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return admin.as(token).get("/api/v1/users/me");
            }));
        }
        List<String> locations = new ArrayList<>();
        for (CompletableFuture<HttpApi.Response> call : calls) {
            HttpApi.Response r = call.get(60, TimeUnit.SECONDS);
            assertThat(r.status()).as(r.toString()).isEqualTo(301);
            locations.add(r.header("Location"));
        }
        assertThat(locations).containsOnly(locations.get(0));
        assertThat(database.dsl().fetchCount(Users.TABLE, Users.SUBJECT.eq(sub))).isEqualTo(1);
        String id = locations.get(0).substring(locations.get(0).lastIndexOf('/') + 1);
        assertThat(auditOf(id)).extracting(e -> e.get("eventType")).containsExactly("com.qlik.v1.user.created");
    }

    private record TenantAdminOfNewTenant(String tenantId, HttpApi api) {
    }

    private TenantAdminOfNewTenant newTenantWithAdmin() {
        User other = newTenantAdmin();
        String tenantId = (String) other.api().get("/api/v1/users/" + other.id()).json().get("tenantId");
        return new TenantAdminOfNewTenant(tenantId, other.api());
    }

    /** The caller's user, through /users/me and the redirect it answers. */
    private static Map<String, Object> me(HttpApi api) {
        HttpApi.Response me = api.get("/api/v1/users/me");
        assertThat(me.status()).as(me.toString()).isEqualTo(301);
        HttpApi.Response user = api.get(me.header("Location"));
        assertThat(user.status()).as(user.toString()).isEqualTo(200);
        return user.json();
    }

    @SuppressWarnings("unchecked")
    private static List<String> roleIds(Map<String, Object> user) {
        return ((List<Map<String, Object>>) user.get("assignedRoles")).stream().map(r -> (String) r.get("id")).toList();
    }

    /** The token is refused with a 401 whose detail says this, and which does not echo the token. */
    void assertRefused(String token, String detail) {
        HttpApi.Response response = admin.as(token).get("/api/v1/users/me");
        assertThat(response.status()).as(response.toString()).isEqualTo(401);
        assertThat(response.text()).doesNotContain(token);
        assertThat(response.errorCode()).isEqualTo("HTTP-401");
        assertThat(response.errorDetail()).contains(detail);
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
    }
}
