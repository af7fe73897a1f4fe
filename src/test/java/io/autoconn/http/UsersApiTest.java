package io.autoconn.http;

import static io.autoconn.http.IdentityFixtures.href;
import static io.autoconn.http.IdentityFixtures.ids;
import static io.autoconn.http.IdentityFixtures.links;
import static org.assertj.core.api.Assertions.assertThat;

import io.autoconn.http.IdentityFixtures.Event;
import io.autoconn.http.IdentityFixtures.Member;
import io.autoconn.http.IdentityFixtures.Tenant;
import io.autoconn.identity.Role;
import io.autoconn.storage.Tables.Spaces;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The users API over HTTP, as a client sees it: each operation, each refusal, tenants kept apart, audited. */
@MicronautTest
@SuppressWarnings("unchecked")
class UsersApiTest extends IdentityApiTestBase {
    private static final String USERS = UsersController.PATH;

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private Map<String, Object> created(HttpApi api, Map<String, Object> body) {
        HttpApi.Response r = api.post(USERS, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    @SuppressWarnings("unchecked")
    private static List<String> roleNames(Map<String, Object> user) {
        return ((List<Map<String, Object>>) user.get("assignedRoles")).stream().map(r -> (String) r.get("name")).toList();
    }

    @Test
    void createAnswersTheUserWithLocationAndGetAnswersTheSame() {
        String email = unique("ada") + "@Example.com";
        HttpApi.Response r = admin.post(USERS, Map.of("name", "Ada", "email", email,
                "assignedRoles", List.of(Map.of("name", "AnalyticsAdmin")), "picture", "ignored"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        Map<String, Object> user = r.json();
        String id = (String) user.get("id");
        assertThat(r.header("Location")).isEqualTo(admin.base() + USERS + "/" + id);
        assertThat(user).containsEntry("name", "Ada").containsEntry("email", email).containsEntry("status", "active")
                .containsEntry("subject", id).containsEntry("tenantId", adminCaller().tenantId())
                .containsEntry("links", Map.of("self", Map.of("href", admin.base() + USERS + "/" + id)));
        assertThat(user.get("assignedRoles")).isEqualTo(List.of(
                Map.of("id", "AnalyticsAdmin", "name", "AnalyticsAdmin", "type", "default", "level", "admin")));
        assertThat((String) user.get("createdAt")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
        assertThat(user.get("lastUpdatedAt")).isEqualTo(user.get("createdAt"));
        assertThat(admin.get(USERS + "/" + id).json()).isEqualTo(user);
    }

    @Test
    void createTakesRolesByIdOrNameASubjectAndDefaultsTheNameToTheEmail() {
        String email = unique("grace") + "@example.com";
        Map<String, Object> user = created(admin, Map.of("email", email, "subject", "idp|" + email,
                "assignedRoles", List.of(Map.of("id", "TenantAdmin"), Map.of("name", "AnalyticsAdmin"))));
        assertThat(user).containsEntry("name", email).containsEntry("subject", "idp|" + email);
        assertThat(roleNames(user)).containsExactly("AnalyticsAdmin", "TenantAdmin");
        Map<String, Object> plain = created(admin, Map.of("name", "Plain"));
        assertThat((List<?>) plain.get("assignedRoles")).isEmpty();
        assertThat(plain).doesNotContainKey("email");
    }

    @Test
    void createRefusesBadBodiesWithTheReason() {
        record Case(Object body, String code, String detail) {
        }
        for (Case c : List.of(
                new Case(Map.of(), "INVALID-FIELD", "name or email is required"),
                new Case(Map.of("name", "  "), "INVALID-FIELD", "name must not be blank"),
                new Case(Map.of("name", "x".repeat(256)), "INVALID-FIELD", "at most 255"),
                new Case(Map.of("name", "n", "email", "not-an-email"), "INVALID-FIELD", "not an email address"),
                new Case(Map.of("name", "n", "status", "invited"), "INVALID-FIELD", "no invitations"),
                new Case(Map.of("name", "n", "assignedRoles", List.of(Map.of("name", "Developer"))), "UNKNOWN-ROLE",
                        "there is no role 'Developer'; the roles are TenantAdmin, AnalyticsAdmin"),
                new Case(Map.of("name", "n", "assignedRoles", List.of(Map.of())), "UNKNOWN-ROLE", "needs an id or a name"))) {
            HttpApi.Response r = admin.post(USERS, c.body());
            assertThat(r.status()).as(c + " -> " + r).isEqualTo(400);
            assertThat(r.errorCode()).as(r.toString()).isEqualTo(c.code());
            assertThat(r.errorDetail()).as(r.toString()).contains(c.detail());
        }
        // Bodies of the wrong JSON shape are the framework's to refuse, as for connections.
        for (String wrongShape : List.of("[]", "{\"name\": \"n\", \"assignedRoles\": \"TenantAdmin\"}",
                "{\"name\": \"n\", \"assignedRoles\": [\"TenantAdmin\"]}")) {
            HttpApi.Response r = admin.raw("POST", USERS, "application/json", wrongShape);
            assertThat(r.status()).as(r.toString()).isEqualTo(400);
            assertThat(r.errorCode()).isEqualTo("INVALID-JSON");
            assertThat(r.text()).doesNotContain("io.autoconn").doesNotContain("REDACTED");
        }
        HttpApi.Response empty = admin.raw("POST", USERS, "application/json", "");
        assertThat(empty.status()).as(empty.toString()).isEqualTo(400);
        assertThat(empty.errorCode()).isEqualTo("INVALID-JSON");
    }

    @Test
    void aSecondUserWithTheSameEmailOrSubjectIs409() {
        String email = unique("dup") + "@example.com";
        Map<String, Object> first = created(admin, Map.of("name", "First", "email", email, "subject", email));
        HttpApi.Response sameEmail = admin.post(USERS, Map.of("name", "Second", "email", email.toUpperCase()));
        assertThat(sameEmail.status()).isEqualTo(409);
        assertThat(sameEmail.errorCode()).isEqualTo("USER-EXISTS");
        assertThat(sameEmail.errorDetail()).contains("email '" + email.toUpperCase() + "'");
        HttpApi.Response sameSubject = admin.post(USERS, Map.of("name", "Third", "subject", email));
        assertThat(sameSubject.status()).isEqualTo(409);
        assertThat(sameSubject.errorDetail()).contains("subject");
        // Another tenant may have a user with that email.
        Tenant other = IdentityFixtures.tenant(tenants, admin);
        assertThat(other.admin().post(USERS, Map.of("name", "Elsewhere", "email", email)).status()).isEqualTo(201);
        assertThat(admin.get(USERS + "/" + first.get("id")).status()).isEqualTo(200);
    }

    @Test
    void onlyATenantAdminChangesUsers() {
        Member target = IdentityFixtures.member(admin);
        for (Role[] roles : List.of(new Role[0], new Role[] {Role.ANALYTICS_ADMIN})) {
            HttpApi api = IdentityFixtures.member(admin, roles).api();
            String path = USERS + "/" + target.id();
            List<HttpApi.Response> refused = List.of(
                    api.post(USERS, Map.of("name", "nope")),
                    api.patch(path, List.of(Map.of("op", "replace", "path", "/name", "value", "x"))),
                    api.delete(path));
            for (HttpApi.Response r : refused) {
                assertThat(r.status()).as(r.toString()).isEqualTo(403);
                assertThat(r.errorCode()).isEqualTo("HTTP-403");
                assertThat(r.errorDetail()).startsWith("Only a TenantAdmin may");
            }
            // ... but may read them.
            assertThat(api.get(path).json()).containsEntry("name", "Member " + target.email());
            assertThat(api.get(USERS).status()).isEqualTo(200);
        }
        assertThat(admin.get(USERS + "/" + target.id()).json()).containsEntry("name", "Member " + target.email());
    }

    @Test
    void withoutAValidKeyEveryOperationIs401() {
        for (HttpApi api : List.of(admin.as(null), admin.as("ack_unknown"))) {
            for (HttpApi.Response r : List.of(api.get(USERS), api.get(USERS + "/me"), api.post(USERS, Map.of("name", "x")),
                    api.get(USERS + "/x"), api.patch(USERS + "/x", List.of()), api.delete(USERS + "/x"))) {
                assertThat(r.status()).as(r.toString()).isEqualTo(401);
                assertThat(r.errorCode()).isEqualTo("HTTP-401");
            }
        }
    }

    @Test
    void anUnknownUserIs404() {
        String path = USERS + "/" + UUID.randomUUID();
        for (HttpApi.Response r : List.of(admin.get(path), admin.delete(path),
                admin.patch(path, List.of(Map.of("op", "replace", "path", "/name", "value", "x"))))) {
            assertThat(r.status()).as(r.toString()).isEqualTo(404);
            assertThat(r.errorCode()).isEqualTo("USER-NOT-FOUND");
        }
    }

    @Test
    void meRedirectsToTheCallersOwnUser() {
        Member member = IdentityFixtures.member(admin);
        HttpApi.Response r = member.api().get(USERS + "/me");
        assertThat(r.status()).isEqualTo(301);
        assertThat(r.header("Location")).isEqualTo(admin.base() + USERS + "/" + member.id());
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
        assertThat(member.api().get(r.header("Location")).json()).containsEntry("id", member.id());
    }

    @Test
    void listPagesByNameWithSelfNextAndPrevLinks() {
        Tenant t = IdentityFixtures.tenant(tenants, admin);
        String prefix = unique("pager");
        List<String> names = IntStream.range(0, 5).mapToObj(i -> prefix + "-" + i).toList();
        for (String name : List.of(names.get(3), names.get(0), names.get(4), names.get(2), names.get(1))) {
            created(t.admin(), Map.of("name", name));
        }
        String first = USERS + "?limit=2&filter=" + enc("name sw \"" + prefix + "\"");
        HttpApi.Response page = t.admin().get(first);
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(links(page)).containsEntry("self", Map.of("href", admin.base() + first)).doesNotContainKey("prev");
        List<String> seen = new ArrayList<>(names(page));
        List<HttpApi.Response> pages = new ArrayList<>(List.of(page));
        while (links(page).containsKey("next")) {
            String next = href(page, "next");
            assertThat(next).startsWith(admin.base() + USERS + "?").contains("limit=2").contains("next=");
            page = t.admin().get(next);
            pages.add(page);
            seen.addAll(names(page));
        }
        assertThat(seen).containsExactlyElementsOf(names);
        assertThat(pages).hasSize(3);
        assertThat(names(t.admin().get(href(page, "prev")))).containsExactlyElementsOf(names(pages.get(1)));
        assertThat(names(t.admin().get(USERS + "?sort=-name&filter=" + enc("name sw \"" + prefix + "\""))))
                .containsExactlyElementsOf(IntStream.range(0, 5).mapToObj(i -> names.get(4 - i)).toList());
        // The tenant's admin sorts before the prefix: the default order is by name.
        assertThat(names(t.admin().get(USERS))).first().isEqualTo("admin");
    }

    @Test
    void listFiltersByNameEmailAndStatusAndCounts() {
        Tenant t = IdentityFixtures.tenant(tenants, admin);
        String tag = unique("f");
        Map<String, Object> ann = created(t.admin(), Map.of("name", "Ann " + tag, "email", "ann." + tag + "@corp.example"));
        created(t.admin(), Map.of("name", "Bob " + tag, "email", "bob." + tag + "@other.example"));
        assertThat(t.admin().patch(USERS + "/" + ann.get("id"),
                List.of(Map.of("op", "replace", "path", "/status", "value", "disabled"))).status()).isEqualTo(204);
        assertThat(names(t.admin().get(USERS + "?filter=" + enc("email co \"@CORP.\""))))
                .containsExactly("Ann " + tag);
        assertThat(names(t.admin().get(USERS + "?filter=" + enc("status eq \"disabled\""))))
                .containsExactly("Ann " + tag);
        assertThat(names(t.admin().get(USERS + "?filter=" + enc("status eq \"active\" and name co \"" + tag + "\""))))
                .containsExactly("Bob " + tag);
        HttpApi.Response counted = t.admin().get(USERS + "?totalResults=true&limit=1&filter="
                + enc("name co \"" + tag + "\""));
        assertThat(counted.json()).containsEntry("totalResults", 2);
        assertThat(counted.data()).hasSize(1);
        assertThat(t.admin().get(USERS).json()).doesNotContainKey("totalResults");
    }

    @Test
    void badListQueriesAre400WithTheReason() {
        Map<String, String> expected = Map.of(
                "limit=101", "INVALID-LIMIT",
                "limit=0", "INVALID-LIMIT",
                "sort=picture", "INVALID-SORT",
                "filter=" + enc("picture eq \"x\""), "INVALID-FILTER",
                "filter=" + enc("name eq"), "INVALID-FILTER",
                "next=abc", "INVALID-CURSOR",
                "next=a&prev=b", "INVALID-QUERY-PARAMETER",
                "totalResults=maybe", "INVALID-QUERY-PARAMETER");
        IdentityFixtures.assertBadQueries(admin, USERS, expected);
    }

    @Test
    void patchChangesRolesStatusAndNameAndAuditsWhatChanged() {
        Member member = IdentityFixtures.member(admin);
        String path = USERS + "/" + member.id();
        Map<String, Object> before = admin.get(path).json();
        assertThat(admin.patch(path, List.of(
                Map.of("op", "add", "path", "/assignedRoles/-", "value", Map.of("name", "TenantAdmin")),
                Map.of("op", "add", "path", "/assignedRoles", "value", List.of(Map.of("id", "AnalyticsAdmin"))),
                Map.of("op", "replace", "path", "/name", "value", "Renamed"))).status()).isEqualTo(204);
        Map<String, Object> after = admin.get(path).json();
        assertThat(roleNames(after)).containsExactly("AnalyticsAdmin", "TenantAdmin");
        assertThat(after).containsEntry("name", "Renamed");
        assertThat((String) after.get("lastUpdatedAt")).isGreaterThan((String) before.get("lastUpdatedAt"));
        // The member is a TenantAdmin at once: it may create users now.
        assertThat(member.api().post(USERS, Map.of("name", unique("by-member"))).status()).isEqualTo(201);

        assertThat(admin.patch(path, List.of(Map.of("op", "remove-value", "path", "/assignedRoles",
                "value", Map.of("name", "TenantAdmin")))).status()).isEqualTo(204);
        assertThat(roleNames(admin.get(path).json())).containsExactly("AnalyticsAdmin");
        assertThat(admin.patch(path, List.of(Map.of("op", "replace", "path", "/roles", "value", List.of())))
                .status()).isEqualTo(204);
        assertThat(roleNames(admin.get(path).json())).isEmpty();
        assertThat(member.api().post(USERS, Map.of("name", "x")).status()).isEqualTo(403);

        List<Event> updates = IdentityFixtures.events(database, member.id()).stream()
                .filter(e -> e.eventType().equals("com.qlik.v1.user.updated")).toList();
        assertThat(updates).hasSize(3).allSatisfy(e -> {
            assertThat(e.userId()).isEqualTo(adminCaller().userId());
            assertThat(e.resourceType()).isEqualTo("user");
        });
        assertThat(updates).extracting(e -> e.data().get("changedFields")).containsExactlyInAnyOrder(
                List.of("assignedRoles", "name"), List.of("assignedRoles"), List.of("assignedRoles"));
    }

    @Test
    void aDisabledUsersKeysAre401AtOnceAndWorkAgainWhenEnabled() {
        Member member = IdentityFixtures.member(admin);
        String path = USERS + "/" + member.id();
        assertThat(member.api().get(USERS).status()).isEqualTo(200);
        assertThat(admin.patch(path, List.of(Map.of("op", "replace", "path", "/status", "value", "disabled")))
                .status()).isEqualTo(204);
        assertThat(admin.get(path).json()).containsEntry("status", "disabled");
        HttpApi.Response refused = member.api().get(USERS);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.errorCode()).isEqualTo("HTTP-401");
        assertThat(admin.patch(path, List.of(Map.of("op", "set", "path", "/status", "value", "active")))
                .status()).isEqualTo(204);
        assertThat(member.api().get(USERS).status()).isEqualTo(200);
        assertThat(IdentityFixtures.events(database, member.id())).filteredOn(e -> e.eventType().endsWith(".updated"))
                .extracting(e -> e.data().get("status")).containsExactly("disabled", "active");
    }

    @Test
    void badPatchesAre400AndChangeNothing() {
        Member member = IdentityFixtures.member(admin);
        String path = USERS + "/" + member.id();
        Map<String, Object> before = admin.get(path).json();
        record Case(Object body, String code, String detail) {
        }
        for (Case c : List.of(
                new Case(List.of(), "INVALID-PATCH", "no operations"),
                new Case(List.of(Map.of("op", "move", "path", "/name", "value", "x")), "INVALID-PATCH", "op must be replace"),
                new Case(List.of(Map.of("op", "replace", "path", "/preferredLocale", "value", "en")), "INVALID-PATCH",
                        "cannot change /preferredLocale"),
                new Case(List.of(Map.of("path", "/name", "value", "x")), "INVALID-PATCH", "op and path are required"),
                new Case(List.of(Map.of("op", "replace", "path", "/status", "value", "deleted")), "INVALID-PATCH",
                        "status must be \"active\" or \"disabled\""),
                new Case(List.of(Map.of("op", "replace", "path", "/name", "value", 7)), "INVALID-PATCH",
                        "value must be a string"),
                new Case(List.of(Map.of("op", "replace", "path", "/assignedRoles", "value", Map.of("name", "TenantAdmin"))),
                        "INVALID-PATCH", "replace needs a list of roles"),
                new Case(List.of(Map.of("op", "replace", "path", "/name", "value", "ok"),
                        Map.of("op", "add", "path", "/assignedRoles/-", "value", Map.of("name", "Root"))),
                        "UNKNOWN-ROLE", "operation 2 (add /assignedRoles/-): there is no role 'Root'"),
                new Case(Map.of("op", "replace", "path", "/name", "value", "x"), "INVALID-JSON", "must be a JSON array"),
                new Case(List.of("replace"), "INVALID-JSON", "Each patch operation must be an object"))) {
            HttpApi.Response r = admin.patch(path, c.body());
            assertThat(r.status()).as(c + " -> " + r).isEqualTo(400);
            assertThat(r.errorCode()).as(r.toString()).isEqualTo(c.code());
            assertThat(r.errorDetail()).as(r.toString()).contains(c.detail());
        }
        assertThat(admin.get(path).json()).isEqualTo(before);
    }

    @Test
    void theLastActiveTenantAdminCannotBeDemotedDisabledOrDeleted() {
        Tenant t = IdentityFixtures.tenant(tenants, admin);
        String self = USERS + "/" + t.adminId();
        for (HttpApi.Response r : List.of(
                t.admin().patch(self, List.of(Map.of("op", "replace", "path", "/status", "value", "disabled"))),
                t.admin().patch(self, List.of(Map.of("op", "remove-value", "path", "/assignedRoles",
                        "value", Map.of("name", "TenantAdmin")))),
                t.admin().patch(self, List.of(Map.of("op", "replace", "path", "/roles", "value", List.of("AnalyticsAdmin")))),
                t.admin().delete(self))) {
            assertThat(r.status()).as(r.toString()).isEqualTo(400);
            assertThat(r.errorCode()).isEqualTo("LAST-TENANT-ADMIN");
            assertThat(r.errorDetail()).contains("last active TenantAdmin").contains("Make another user an active TenantAdmin first");
        }
        assertThat(t.admin().get(self).json()).containsEntry("status", "active");
        // A disabled TenantAdmin does not count; an active second one does.
        Member disabledAdmin = IdentityFixtures.member(t.admin(), Role.TENANT_ADMIN);
        t.admin().patch(USERS + "/" + disabledAdmin.id(), List.of(Map.of("op", "replace", "path", "/status", "value", "disabled")));
        assertThat(t.admin().delete(self).status()).isEqualTo(400);
        Member second = IdentityFixtures.member(t.admin(), Role.TENANT_ADMIN);
        assertThat(t.admin().patch(self, List.of(Map.of("op", "replace", "path", "/assignedRoles", "value", List.of())))
                .status()).isEqualTo(204);
        assertThat(second.api().delete(self).status()).isEqualTo(204);
        assertThat(second.api().get(self).status()).isEqualTo(404);
    }

    @Test
    void deletingAUserWhoOwnsConnectionsIsRefusedNamingThemUntilForced() {
        Member owner = IdentityFixtures.member(admin);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            HttpApi.Response c = owner.api().post(ConnectionsController.V1, Map.of("connectorId", HTTP_API,
                    "name", String.format("conn-%02d", i), "params", List.of(healthyHttpParams())));
            assertThat(c.status()).as(c.toString()).isEqualTo(201);
            ids.add((String) c.json().get("id"));
        }
        String path = USERS + "/" + owner.id();
        HttpApi.Response refused = admin.delete(path);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo("USER-HAS-CONNECTIONS");
        assertThat(refused.errorDetail()).contains("owns 12 connections: 'conn-00' (" + ids.get(0) + ")")
                .contains("'conn-09' (" + ids.get(9) + ") and 2 more").doesNotContain("conn-10")
                .contains("change-owner").contains("force=true");
        assertThat(admin.get(path).status()).isEqualTo(200);
        assertThat(owner.api().get(ConnectionsController.V1 + "/" + ids.get(0)).status()).isEqualTo(200);

        // Moving all but one away still refuses; forcing deletes the rest with the user.
        for (String id : ids.subList(1, ids.size())) {
            assertThat(admin.post(ConnectionsController.V1 + "/" + id + "/actions/change-owner",
                    Map.of("userId", adminCaller().userId())).status()).isEqualTo(204);
        }
        assertThat(admin.delete(path).errorDetail()).contains("owns 1 connection: 'conn-00'").doesNotContain("more");
        String space = newSpace();
        database.dsl().update(Spaces.TABLE).set(Spaces.OWNER_ID, owner.id()).where(Spaces.ID.eq(space)).execute();

        assertThat(admin.delete(path + "?force=true").status()).isEqualTo(204);
        assertThat(admin.get(path).status()).isEqualTo(404);
        assertThat(admin.get(ConnectionsController.V1 + "/" + ids.get(0)).status()).isEqualTo(404);
        assertThat(admin.get(ConnectionsController.V1 + "/" + ids.get(1)).status()).isEqualTo(200);
        assertThat(owner.api().get(USERS).status()).isEqualTo(401);
        assertThat(database.dsl().select(Spaces.OWNER_ID).from(Spaces.TABLE).where(Spaces.ID.eq(space)).fetchOne().value1())
                .as("the deleting admin inherits the space").isEqualTo(adminCaller().userId());

        assertThat(IdentityFixtures.events(database, owner.id())).extracting(Event::eventType)
                .contains("com.qlik.v1.user.deleted");
        assertThat(IdentityFixtures.events(database, ids.get(0))).extracting(Event::eventType)
                .contains("com.qlik.v1.automation-connection.deleted");
        assertThat(IdentityFixtures.events(database, ids.get(0)).get(IdentityFixtures.events(database, ids.get(0)).size() - 1)
                .data()).containsEntry("cause", "owner-deleted").containsEntry("name", "conn-00");
        assertThat(IdentityFixtures.events(database, space)).last().satisfies(e -> {
            assertThat(e.eventType()).isEqualTo("com.qlik.v1.space.owner-changed");
            assertThat(e.data()).containsEntry("previousOwnerId", owner.id())
                    .containsEntry("ownerId", adminCaller().userId());
        });
    }

    @Test
    void deletingAUserWhoOwnsAutomationsIsRefusedNamingThemUntilForced() {
        Member owner = IdentityFixtures.member(admin);
        HttpApi.Response automation = owner.api().post("/api/v1/automations", Map.of("name", "Nightly sync"));
        assertThat(automation.status()).as(automation.toString()).isEqualTo(201);
        String id = (String) automation.json().get("id");
        HttpApi.Response refused = admin.delete(USERS + "/" + owner.id());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo("USER-HAS-AUTOMATIONS");
        assertThat(refused.errorDetail()).contains("owns 1 automation: 'Nightly sync' (" + id + ")").contains("force=true");
        assertThat(admin.get("/api/v1/automations/" + id).status()).isEqualTo(200);
        assertThat(admin.delete(USERS + "/" + owner.id() + "?force=true").status()).isEqualTo(204);
        assertThat(admin.get("/api/v1/automations/" + id).status()).isEqualTo(404);
        assertThat(IdentityFixtures.events(database, id)).extracting(Event::eventType)
                .containsExactly("com.qlik.v1.automation.created", "com.qlik.v1.automation.deleted");
    }

    @Test
    void theServedDocumentDescribesUsersAndApiKeysAndTheirErrors() {
        Map<String, Object> doc = admin.as(null).get(OpenApiController.JSON).json();
        assertThat((Map<String, Object>) doc.get("paths")).containsKeys(USERS, USERS + "/me", USERS + "/{userId}",
                ApiKeysController.PATH, ApiKeysController.PATH + "/{id}");
        assertThat((List<Map<String, Object>>) doc.get("x-autoconn-error-codes")).extracting(c -> c.get("code"))
                .contains("USER-NOT-FOUND", "USER-EXISTS", "UNKNOWN-ROLE", "INVALID-PATCH", "LAST-TENANT-ADMIN",
                        "USER-HAS-CONNECTIONS", "USER-HAS-AUTOMATIONS", "API-KEY-NOT-FOUND");
    }

    @Test
    void badDeleteQueriesAre400() {
        Member member = IdentityFixtures.member(admin);
        HttpApi.Response r = admin.delete(USERS + "/" + member.id() + "?force=yes");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("INVALID-QUERY-PARAMETER");
        assertThat(admin.delete(USERS + "/" + member.id()).status()).isEqualTo(204);
    }

    @Test
    void anotherTenantsUsersDoNotExistForItsAdmin() {
        Tenant other = IdentityFixtures.tenant(tenants, admin);
        Member mine = IdentityFixtures.member(admin);
        String path = USERS + "/" + mine.id();
        for (HttpApi.Response r : List.of(other.admin().get(path), other.admin().delete(path + "?force=true"),
                other.admin().patch(path, List.of(Map.of("op", "replace", "path", "/status", "value", "disabled"))))) {
            assertThat(r.status()).as(r.toString()).isEqualTo(404);
            assertThat(r.errorCode()).isEqualTo("USER-NOT-FOUND");
        }
        assertThat(ids(other.admin().get(USERS + "?limit=100"))).containsExactly(other.adminId());
        assertThat(ids(admin.get(USERS + "?limit=100"))).contains(mine.id()).doesNotContain(other.adminId());
        assertThat(admin.get(USERS + "/" + other.adminId()).status()).isEqualTo(404);
        HttpApi.Response foreign = other.admin().post(USERS, Map.of("name", "x", "tenantId", adminCaller().tenantId()));
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(mine.api().get(USERS).status()).isEqualTo(200);
        assertThat(admin.get(path).json()).containsEntry("status", "active");
    }

    @Test
    void creationAndDeletionAreAuditedWithTheActor() {
        Map<String, Object> user = created(admin, Map.of("name", "Audited", "email", unique("audited") + "@example.com",
                "assignedRoles", List.of(Map.of("name", "TenantAdmin"))));
        String id = (String) user.get("id");
        assertThat(admin.delete(USERS + "/" + id).status()).isEqualTo(204);
        List<Event> events = IdentityFixtures.events(database, id);
        assertThat(events).extracting(Event::eventType).containsExactly("com.qlik.v1.user.created", "com.qlik.v1.user.deleted");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.userId()).isEqualTo(adminCaller().userId());
            assertThat(e.tenantId()).isEqualTo(adminCaller().tenantId());
        });
        assertThat(events.get(0).data()).containsEntry("name", "Audited").containsEntry("assignedRoles", List.of("TenantAdmin"))
                .containsEntry("status", "active");
    }



    private static List<String> names(HttpApi.Response page) {
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        return page.data().stream().map(u -> (String) u.get("name")).toList();
    }


    private static String enc(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
