package io.autoconn.http;

import static io.autoconn.http.IdentityFixtures.href;
import static io.autoconn.http.IdentityFixtures.ids;
import static io.autoconn.http.IdentityFixtures.links;
import static org.assertj.core.api.Assertions.assertThat;

import io.autoconn.http.IdentityFixtures.Event;
import io.autoconn.http.IdentityFixtures.Member;
import io.autoconn.http.IdentityFixtures.Tenant;
import io.autoconn.identity.Role;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The API keys API over HTTP, as a client sees it: each operation, each refusal, tenants kept apart, audited. */
@MicronautTest
class ApiKeysApiTest extends IdentityApiTestBase {
    private static final String KEYS = ApiKeysController.PATH;
    private static final String ME = UsersController.PATH + "/me";

    private Map<String, Object> created(HttpApi api, Map<String, Object> body) {
        HttpApi.Response r = api.post(KEYS, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    @Test
    void createShowsTheTokenOnceAndTheTokenAuthenticatesAsItsUser() {
        Member member = IdentityFixtures.member(admin);
        HttpApi.Response r = member.api().post(KEYS, Map.of("description", "ci pipeline"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        Map<String, Object> key = r.json();
        String id = (String) key.get("id");
        String token = (String) key.get("token");
        assertThat(r.header("Location")).isEqualTo(admin.base() + KEYS + "/" + id);
        assertThat(token).startsWith("ack_");
        assertThat(key).containsEntry("description", "ci pipeline").containsEntry("status", "active")
                .containsEntry("sub", member.id()).containsEntry("subType", "user")
                .containsEntry("createdByUser", member.id()).containsEntry("tenantId", adminCaller().tenantId())
                .doesNotContainKey("expiry");
        assertThat(key.get("lastUpdated")).isEqualTo(key.get("created"));
        HttpApi.Response me = admin.as(token).get(ME);
        assertThat(me.header("Location")).endsWith("/" + member.id());
        Map<String, Object> read = member.api().get(KEYS + "/" + id).json();
        assertThat(read).doesNotContainKey("token");
        Map<String, Object> withoutToken = new java.util.HashMap<>(key);
        withoutToken.remove("token");
        assertThat(read).isEqualTo(withoutToken);
        assertThat(member.api().get(KEYS + "?limit=100").text()).doesNotContain(token);
        assertThat(IdentityFixtures.events(database, id)).singleElement().satisfies(e -> {
            assertThat(e.eventType()).isEqualTo("com.qlik.v1.api-key.created");
            assertThat(e.userId()).isEqualTo(member.id());
            assertThat(e.data()).containsEntry("sub", member.id()).containsEntry("description", "ci pipeline");
            assertThat(e.rawData()).doesNotContain(token).doesNotContain(token.substring(4));
        });
    }

    @Test
    void anExpiryIsAnIso8601DurationAndAnExpiredKeyIs401() throws Exception {
        Instant before = Instant.now();
        Map<String, Object> week = created(admin, Map.of("description", "week", "expiry", "P7D"));
        Instant expiry = Instant.parse((String) week.get("expiry"));
        assertThat(expiry).isBetween(before.plus(Duration.ofDays(7)), Instant.now().plus(Duration.ofDays(7)));
        Map<String, Object> mixed = created(admin, Map.of("description", "mixed", "expiry", "p1dt2h"));
        assertThat(Duration.between(Instant.parse((String) mixed.get("created")), Instant.parse((String) mixed.get("expiry"))))
                .isEqualTo(Duration.ofHours(26));

        Map<String, Object> brief = created(admin, Map.of("description", "brief", "expiry", "PT1S"));
        HttpApi shortLived = admin.as((String) brief.get("token"));
        assertThat(shortLived.get(ME).status()).isEqualTo(301);
        Thread.sleep(1_200);
        HttpApi.Response expired = shortLived.get(ME);
        assertThat(expired.status()).isEqualTo(401);
        assertThat(admin.get(KEYS + "/" + brief.get("id")).json()).containsEntry("status", "expired");
        assertThat(ids(admin.get(KEYS + "?status=expired&limit=100"))).contains((String) brief.get("id"))
                .doesNotContain((String) week.get("id"));
    }

    @Test
    void createRefusesBadBodiesWithTheReason() {
        record Case(Object body, String code, String detail) {
        }
        for (Case c : List.of(
                new Case(Map.of(), "INVALID-FIELD", "description is required"),
                new Case(Map.of("description", "x".repeat(256)), "INVALID-FIELD", "at most 255"),
                new Case(Map.of("description", "d", "expiry", "7 days"), "INVALID-FIELD", "not an ISO 8601 duration"),
                new Case(Map.of("description", "d", "expiry", "P"), "INVALID-FIELD", "not an ISO 8601 duration"),
                new Case(Map.of("description", "d", "expiry", "P0D"), "INVALID-FIELD", "longer than zero"),
                new Case(Map.of("description", "d", "expiry", "-P1D"), "INVALID-FIELD", "not an ISO 8601 duration"),
                new Case(Map.of("description", "d", "expiry", "P101Y"), "INVALID-FIELD", "at most 100 years"),
                new Case(Map.of("description", "d", "expiry", "P999999999999Y"), "INVALID-FIELD", "expiry"),
                new Case(Map.of("description", "d", "subType", "externalClient"), "INVALID-FIELD", "no SCIM"),
                new Case(Map.of("description", "d", "sub", "nobody"), "UNKNOWN-USER", "no user with id 'nobody'"))) {
            HttpApi.Response r = admin.post(KEYS, c.body());
            assertThat(r.status()).as(c + " -> " + r).isEqualTo(400);
            assertThat(r.errorCode()).as(r.toString()).isEqualTo(c.code());
            assertThat(r.errorDetail()).as(r.toString()).contains(c.detail());
        }
        HttpApi.Response empty = admin.raw("POST", KEYS, "application/json", "");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.errorCode()).isEqualTo("INVALID-JSON");
    }

    @Test
    void aTenantAdminCreatesKeysForActiveUsersOthersOnlyForThemselves() {
        Member member = IdentityFixtures.member(admin);
        Member other = IdentityFixtures.member(admin, Role.ANALYTICS_ADMIN);
        Map<String, Object> forMember = created(admin, Map.of("description", "for member", "sub", member.id()));
        assertThat(forMember).containsEntry("sub", member.id()).containsEntry("createdByUser", adminCaller().userId());
        assertThat(admin.as((String) forMember.get("token")).get(ME).header("Location")).endsWith(member.id());
        HttpApi.Response refused = other.api().post(KEYS, Map.of("description", "sneaky", "sub", member.id()));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.errorCode()).isEqualTo("HTTP-403");
        assertThat(created(member.api(), Map.of("description", "mine", "sub", member.id()))).containsEntry("sub", member.id());

        admin.patch(UsersController.PATH + "/" + member.id(), List.of(Map.of("op", "replace", "path", "/status", "value", "disabled")));
        HttpApi.Response disabled = admin.post(KEYS, Map.of("description", "for disabled", "sub", member.id()));
        assertThat(disabled.status()).isEqualTo(400);
        assertThat(disabled.errorDetail()).contains("is disabled");
    }

    @Test
    void aUserListsItsOwnKeysAndATenantAdminEveryKeyOfTheTenant() {
        Tenant t = IdentityFixtures.tenant(tenants, admin);
        Member member = IdentityFixtures.member(t.admin());
        String own = (String) created(member.api(), Map.of("description", "own")).get("id");
        String adminMade = (String) created(t.admin(), Map.of("description", "admin made", "sub", member.id())).get("id");
        List<String> memberKeys = ids(member.api().get(KEYS));
        assertThat(memberKeys).hasSize(3).contains(own, adminMade); // with the key the fixture made for it
        assertThat(ids(member.api().get(KEYS + "?sub=" + member.id()))).containsExactlyInAnyOrderElementsOf(memberKeys);
        HttpApi.Response foreign = member.api().get(KEYS + "?sub=" + t.adminId());
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.errorDetail()).contains("Only a TenantAdmin may list other users' API keys");

        List<String> all = ids(t.admin().get(KEYS));
        assertThat(all).hasSize(4).containsAll(memberKeys); // and the tenant admin's first key
        assertThat(ids(t.admin().get(KEYS + "?sub=" + member.id()))).containsExactlyInAnyOrderElementsOf(memberKeys);
        assertThat(ids(t.admin().get(KEYS + "?createdByUser=" + member.id()))).containsExactly(own);
        assertThat(ids(t.admin().get(KEYS + "?createdByUser=" + t.adminId()))).hasSize(3).doesNotContain(own);
        // Newest first by default.
        assertThat(t.admin().get(KEYS).data()).extracting(k -> (String) k.get("created")).isSortedAccordingTo(
                java.util.Comparator.reverseOrder());
        assertThat(t.admin().get(KEYS + "?sort=description").data()).extracting(k -> (String) k.get("description"))
                .isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
    }

    @Test
    void listPagesWithStartingAfterAndEndingBeforeLinks() {
        Tenant t = IdentityFixtures.tenant(tenants, admin);
        for (int i = 0; i < 4; i++) {
            created(t.admin(), Map.of("description", "page " + i));
        }
        HttpApi.Response page = t.admin().get(KEYS + "?limit=2&sort=%2Bcreated");
        List<String> seen = new ArrayList<>(ids(page));
        assertThat(links(page)).containsEntry("self", Map.of("href", admin.base() + KEYS + "?limit=2&sort=%2Bcreated"))
                .doesNotContainKey("prev");
        List<List<String>> pages = new ArrayList<>(List.of(ids(page)));
        while (links(page).containsKey("next")) {
            String next = href(page, "next");
            assertThat(next).startsWith(admin.base() + KEYS + "?").contains("startingAfter=");
            page = t.admin().get(next);
            pages.add(ids(page));
            seen.addAll(ids(page));
        }
        assertThat(seen).hasSize(5).doesNotHaveDuplicates();
        assertThat(pages).extracting(List::size).containsExactly(2, 2, 1);
        assertThat(href(page, "prev")).contains("endingBefore=");
        assertThat(ids(t.admin().get(href(page, "prev")))).isEqualTo(pages.get(1));
    }

    @Test
    void badListQueriesAre400WithTheReason() {
        Map<String, String> expected = Map.of(
                "status=deleted", "INVALID-QUERY-PARAMETER",
                "limit=101", "INVALID-LIMIT",
                "sort=status", "INVALID-SORT",
                "startingAfter=abc", "INVALID-CURSOR",
                "startingAfter=a&endingBefore=b", "INVALID-QUERY-PARAMETER");
        IdentityFixtures.assertBadQueries(admin, KEYS, expected);
    }

    @Test
    void patchChangesTheDescriptionOnly() {
        Member member = IdentityFixtures.member(admin);
        Map<String, Object> key = created(member.api(), Map.of("description", "old"));
        String path = KEYS + "/" + key.get("id");
        assertThat(member.api().patch(path, List.of(Map.of("op", "replace", "path", "/description", "value", "new")))
                .status()).isEqualTo(204);
        Map<String, Object> after = member.api().get(path).json();
        assertThat(after).containsEntry("description", "new").containsEntry("created", key.get("created"));
        assertThat((String) after.get("lastUpdated")).isGreaterThan((String) key.get("lastUpdated"));
        assertThat(admin.patch(path, List.of(Map.of("op", "replace", "path", "/description", "value", "by admin")))
                .status()).isEqualTo(204);
        for (Object bad : List.of(List.of(), List.of(Map.of("op", "replace", "path", "/expiry", "value", "P1D")),
                List.of(Map.of("op", "add", "path", "/description", "value", "x")),
                List.of(Map.of("op", "replace", "path", "/description", "value", 3)))) {
            HttpApi.Response r = member.api().patch(path, bad);
            assertThat(r.status()).as(r.toString()).isEqualTo(400);
            assertThat(r.errorCode()).isEqualTo("INVALID-PATCH");
        }
        assertThat(member.api().patch(path, Map.of("op", "replace")).errorCode()).isEqualTo("INVALID-JSON");
        assertThat(member.api().get(path).json()).containsEntry("description", "by admin");
        assertThat(IdentityFixtures.events(database, (String) key.get("id")))
                .filteredOn(e -> e.eventType().equals("com.qlik.v1.api-key.updated"))
                .extracting(Event::userId, e -> e.data().get("changedFields"))
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(member.id(), List.of("description")),
                        org.assertj.core.groups.Tuple.tuple(adminCaller().userId(), List.of("description")));
    }

    @Test
    void deleteRevokesAtOnceAndTheKeyStaysListedAsRevoked() {
        Member member = IdentityFixtures.member(admin);
        Map<String, Object> key = created(member.api(), Map.of("description", "to revoke"));
        String path = KEYS + "/" + key.get("id");
        HttpApi revokedClient = admin.as((String) key.get("token"));
        assertThat(revokedClient.get(ME).status()).isEqualTo(301);
        assertThat(revokedClient.delete(path).status()).isEqualTo(204); // a key may revoke itself
        HttpApi.Response refused = revokedClient.get(ME);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(member.api().get(path).json()).containsEntry("status", "revoked");
        assertThat(ids(member.api().get(KEYS + "?status=revoked"))).containsExactly((String) key.get("id"));
        assertThat(ids(member.api().get(KEYS + "?status=active"))).hasSize(1).doesNotContain((String) key.get("id"));
        assertThat(member.api().delete(path).status()).isEqualTo(204);
        assertThat(IdentityFixtures.events(database, (String) key.get("id"))).extracting(Event::eventType)
                .containsExactly("com.qlik.v1.api-key.created", "com.qlik.v1.api-key.revoked");
        // A tenant admin revokes anyone's key.
        Map<String, Object> another = created(member.api(), Map.of("description", "admin revokes"));
        assertThat(admin.delete(KEYS + "/" + another.get("id")).status()).isEqualTo(204);
        assertThat(admin.as((String) another.get("token")).get(ME).status()).isEqualTo(401);
    }

    @Test
    void anotherUsersKeyIsNotFoundExceptForATenantAdmin() {
        Member owner = IdentityFixtures.member(admin);
        Member stranger = IdentityFixtures.member(admin, Role.ANALYTICS_ADMIN);
        String path = KEYS + "/" + created(owner.api(), Map.of("description", "private")).get("id");
        for (HttpApi.Response r : List.of(stranger.api().get(path), stranger.api().delete(path),
                stranger.api().patch(path, List.of(Map.of("op", "replace", "path", "/description", "value", "x"))),
                admin.get(KEYS + "/" + UUID.randomUUID()))) {
            assertThat(r.status()).as(r.toString()).isEqualTo(404);
            assertThat(r.errorCode()).isEqualTo("API-KEY-NOT-FOUND");
        }
        assertThat(admin.get(path).json()).containsEntry("status", "active").containsEntry("description", "private");
    }

    @Test
    void anotherTenantsKeysDoNotExistForItsAdmin() {
        Tenant other = IdentityFixtures.tenant(tenants, admin);
        Map<String, Object> mine = created(admin, Map.of("description", "tenant one"));
        String path = KEYS + "/" + mine.get("id");
        for (HttpApi.Response r : List.of(other.admin().get(path), other.admin().delete(path),
                other.admin().patch(path, List.of(Map.of("op", "replace", "path", "/description", "value", "x"))))) {
            assertThat(r.status()).as(r.toString()).isEqualTo(404);
            assertThat(r.errorCode()).isEqualTo("API-KEY-NOT-FOUND");
        }
        assertThat(ids(other.admin().get(KEYS + "?limit=100"))).hasSize(1).doesNotContain((String) mine.get("id"));
        assertThat(ids(other.admin().get(KEYS + "?sub=" + adminCaller().userId()))).isEmpty();
        HttpApi.Response foreignSub = other.admin().post(KEYS, Map.of("description", "x", "sub", adminCaller().userId()));
        assertThat(foreignSub.status()).isEqualTo(400);
        assertThat(foreignSub.errorCode()).isEqualTo("UNKNOWN-USER");
        assertThat(admin.get(path).json()).containsEntry("status", "active").containsEntry("description", "tenant one");
    }

    @Test
    void aKeyIsAnsweredAlikeWhenItIsReadFromTheDatabaseAndWhenItIsRememberedRevokedOrNot() {
        Member member = IdentityFixtures.member(admin);
        Map<String, Object> key = member.api().post(KEYS, Map.of("description", "twice")).json();
        String token = (String) key.get("token");
        // The first request reads the key from the database, off the event loop; the second finds it in memory.
        HttpApi.Response first = admin.as(token).get(ME);
        HttpApi.Response second = admin.as(token).get(ME);
        for (HttpApi.Response r : List.of(first, second)) {
            assertThat(r.status()).as(r.toString()).isEqualTo(301);
            assertThat(r.header("Location")).endsWith("/" + member.id());
        }

        assertThat(member.api().delete(KEYS + "/" + key.get("id")).status()).isEqualTo(204);
        for (int i = 0; i < 2; i++) {
            HttpApi.Response refused = admin.as(token).get(ME);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(401);
            assertThat(refused.errorCode()).isEqualTo("HTTP-401");
        }
    }

    @Test
    void withoutAValidKeyEveryOperationIs401() {
        for (HttpApi api : List.of(admin.as(null), admin.as("ack_unknown"))) {
            for (HttpApi.Response r : List.of(api.get(KEYS), api.post(KEYS, Map.of("description", "x")),
                    api.get(KEYS + "/x"), api.patch(KEYS + "/x", List.of()), api.delete(KEYS + "/x"))) {
                assertThat(r.status()).as(r.toString()).isEqualTo(401);
                assertThat(r.errorCode()).isEqualTo("HTTP-401");
            }
        }
    }



}
