package io.autoconn.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoconn.identity.Role;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The spaces API over HTTP, as a client sees it: every operation, its happy path and each 4xx cause. */
@MicronautTest
class SpacesApiTest extends ApiTestBase {
    static final String SPACES = SpaceWire.SPACES;

    private static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    private Map<String, Object> create(HttpApi api, String name, String type) {
        HttpApi.Response r = api.post(SPACES, Map.of("name", name, "type", type, "description", "about " + name));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    @Test
    void createAnswersTheSpaceWithTheCallersMetaLinksAndLocation() {
        User alice = newUser();
        String name = unique("Finance (dev)");
        HttpApi.Response r = alice.api().post(SPACES, Map.of("name", name, "type", "shared", "description", "d"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        Map<String, Object> body = r.json();
        String id = (String) body.get("id");
        assertThat(body).containsEntry("name", name).containsEntry("type", "shared").containsEntry("description", "d")
                .containsEntry("ownerId", alice.id()).containsEntry("createdBy", alice.id())
                .containsEntry("tenantId", adminCaller().tenantId());
        assertThat((String) body.get("createdAt")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
        assertThat(body.get("updatedAt")).isEqualTo(body.get("createdAt"));
        assertThat(r.header("Location")).isEqualTo(admin.base() + SPACES + "/" + id);
        assertThat(body.get("links")).isEqualTo(Map.of("self", Map.of("href", admin.base() + SPACES + "/" + id),
                "assignments", Map.of("href", admin.base() + SPACES + "/" + id + "/assignments")));
        // The owner holds every role of the type, and may do all but give the space away (admins do that).
        assertThat(body.get("meta")).isEqualTo(Map.of(
                "roles", List.of("codeveloper", "consumer", "dataconsumer", "facilitator", "producer"),
                "assignableRoles", List.of("codeveloper", "consumer", "dataconsumer", "facilitator", "producer"),
                "actions", List.of("create", "delete", "read", "update")));
        assertThat(alice.api().get(SPACES + "/" + id).json()).isEqualTo(body);
        assertThat(auditOf(id)).singleElement().satisfies(e -> assertThat(e)
                .containsEntry("eventType", "com.qlik.v1.space.created").containsEntry("userId", alice.id())
                .extracting("data").isEqualTo(Map.of("name", name, "type", "shared", "ownerId", alice.id())));
    }

    @Test
    void spaceTypesAreListed() {
        HttpApi.Response r = newUser().api().get(SPACES + "/types");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json()).isEqualTo(Map.of("data", List.of("shared", "managed", "data")));
        assertThat(admin.as(null).get(SPACES + "/types").status()).isEqualTo(401);
    }

    @Test
    void createRejectsBadBodiesNamingTheProblem() {
        User plain = newUser();
        record Case(Object body, int status, String code, String mentions) {
        }
        String taken = unique("Taken");
        create(admin, taken, "shared");
        List<Case> cases = List.of(
                new Case(Map.of("type", "shared"), 400, "INVALID-FIELD", "name is required"),
                new Case(Map.of("name", " ", "type", "shared"), 400, "INVALID-FIELD", "name"),
                new Case(Map.of("name", "a/b", "type", "shared"), 400, "INVALID-FIELD", "contains '/'"),
                new Case(Map.of("name", "x".repeat(256), "type", "shared"), 400, "INVALID-FIELD", "255"),
                new Case(Map.of("name", "n"), 400, "INVALID-FIELD", "type is required"),
                new Case(Map.of("name", "n", "type", "personal"), 400, "INVALID-FIELD", "'personal'"),
                new Case(Map.of("name", "n", "type", "shared", "description", "d".repeat(1025)), 400, "INVALID-FIELD",
                        "description"),
                new Case(Map.of("name", taken.toUpperCase(), "type", "shared"), 409, "SPACE-NAME-TAKEN", taken.toUpperCase()),
                new Case(Map.of("name", unique("Gov"), "type", "managed"), 403, "SPACE-FORBIDDEN", "managed space"),
                new Case(Map.of("name", unique("Lake"), "type", "data"), 403, "SPACE-FORBIDDEN", "data space"));
        for (Case c : cases) {
            HttpApi.Response r = plain.api().post(SPACES, c.body());
            assertThat(r.status()).as(c + " -> " + r).isEqualTo(c.status());
            assertThat(r.errorCode()).as(r.toString()).isEqualTo(c.code());
            assertThat(r.errorDetail()).contains(c.mentions());
        }
        assertThat(plain.api().raw("POST", SPACES, "application/json", "").status()).isEqualTo(400);
        assertThat(plain.api().raw("POST", SPACES, "application/json", "{\"name\":").errorCode()).isEqualTo("INVALID-JSON");
        assertThat(admin.as(null).post(SPACES, Map.of("name", "n", "type", "shared")).status()).isEqualTo(401);
        // Admins create every type.
        for (String type : List.of("managed", "data")) {
            assertThat(create(newUser(Role.ANALYTICS_ADMIN).api(), unique(type), type)).containsEntry("type", type);
        }
    }

    @Test
    void membersSeeTheirRolesAndActionsOthersSeeNothing() {
        User owner = newUser();
        User consumer = newUser();
        User stranger = newUser();
        User analyst = newUser(Role.ANALYTICS_ADMIN);
        String id = (String) create(owner.api(), unique("Team"), "shared").get("id");
        assign(id, consumer.id(), "consumer", "dataconsumer");

        Map<String, Object> asConsumer = consumer.api().get(SPACES + "/" + id).json();
        assertThat(asConsumer.get("meta")).isEqualTo(Map.of("roles", List.of("consumer", "dataconsumer"),
                "actions", List.of("read"),
                "assignableRoles", List.of("codeveloper", "consumer", "dataconsumer", "facilitator", "producer")));
        Map<String, Object> asAdmin = analyst.api().get(SPACES + "/" + id).json();
        assertThat(asAdmin.get("meta")).extracting("roles", "actions")
                .containsExactly(List.of(), List.of("change_owner", "delete", "read", "update"));
        for (HttpApi outsider : List.of(stranger.api(), newTenantAdmin().api())) {
            HttpApi.Response r = outsider.get(SPACES + "/" + id);
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.errorCode()).isEqualTo("SPACE-NOT-FOUND");
        }
        assertThat(admin.get(SPACES + "/no-such-space").errorCode()).isEqualTo("SPACE-NOT-FOUND");
    }

    @Test
    void listShowsTheSpacesTheCallerMaySeeFilteredSortedAndPaged() {
        User alice = newUser();
        User bob = newUser();
        String tag = UUID.randomUUID().toString().substring(0, 6);
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            mine.add((String) create(alice.api(), "Alpha-" + tag + "-" + i, "shared").get("id"));
        }
        String bobs = (String) create(bob.api(), "Beta-" + tag, "shared").get("id");
        String managed = (String) create(admin, "Gamma-" + tag, "managed").get("id");
        assign(managed, alice.id(), "publisher");
        String q = "?name=" + tag.toUpperCase();

        Map<String, Object> all = alice.api().get(SPACES + q + "&limit=50").json();
        assertThat(ids(all)).containsExactlyInAnyOrderElementsOf(concat(mine, managed));
        assertThat(all.get("meta")).isEqualTo(Map.of("count", 6));
        assertThat(((Map<String, Object>) all.get("links")).get("self"))
                .isEqualTo(Map.of("href", admin.base() + SPACES + q + "&limit=50"));
        assertThat(ids(admin.get(SPACES + q + "&limit=50").json())).contains(bobs, managed).containsAll(mine);
        assertThat(ids(bob.api().get(SPACES + q).json())).containsExactly(bobs);

        assertThat(ids(alice.api().get(SPACES + q + "&type=managed").json())).containsExactly(managed);
        assertThat(ids(alice.api().get(SPACES + q + "&type=managed,shared&limit=50").json())).hasSize(6);
        assertThat(ids(alice.api().get(SPACES + q + "&roles=publisher").json())).containsExactly(managed);
        assertThat(ids(alice.api().get(SPACES + q + "&roles=publisher&roles=facilitator&limit=50").json())).hasSize(6);
        assertThat(ids(alice.api().get(SPACES + q + "&roles=publisher,facilitator&limit=50").json())).hasSize(6);
        assertThat(ids(alice.api().get(SPACES + q + "&roles=producer&limit=50").json()))
                .containsExactlyInAnyOrderElementsOf(mine);
        assertThat(ids(alice.api().get(SPACES + q + "&ownerId=" + alice.id() + "&limit=50").json())).hasSize(5);
        assertThat(names(alice.api().get(SPACES + q + "&sort=-name&limit=50").json()))
                .startsWith("Gamma-" + tag, "Alpha-" + tag + "-4");
        assertThat(names(alice.api().get(SPACES + q + "&sort=%2Bname&limit=1").json())).containsExactly("Alpha-" + tag + "-0");
        assertThat(names(alice.api().get(SPACES + q + "&sort=type&limit=50").json())).first().isEqualTo("Gamma-" + tag);
        assertThat(names(alice.api().get(SPACES + q + "&sort=-type&limit=50").json())).last().isEqualTo("Gamma-" + tag);

        // Pages of 2, walked with links.next and back with links.prev; the count is the whole list's.
        List<Object> walked = new ArrayList<>();
        String next = SPACES + q + "&sort=createdAt&limit=2";
        Map<String, Object> page = null;
        while (next != null) {
            page = alice.api().get(next).json();
            assertThat(page.get("meta")).isEqualTo(Map.of("count", 6));
            walked.addAll(ids(page));
            next = href(page, "next");
            if (next != null) {
                assertThat(next).startsWith(admin.base() + SPACES + "?").contains("next=").contains("limit=2")
                        .doesNotContain("prev=");
            }
        }
        assertThat(walked).containsExactlyElementsOf(concat(mine, managed));
        assertThat(ids(alice.api().get(href(page, "prev")).json())).containsExactlyElementsOf(walked.subList(2, 4));
    }

    @Test
    void badListQueriesAreExplained() {
        record Case(String query, String code, String mentions) {
        }
        HttpApi.Response first = admin.get(SPACES + "?limit=1");
        for (Case c : List.of(
                new Case("?limit=0", "INVALID-LIMIT", "limit"),
                new Case("?limit=many", "INVALID-LIMIT", "many"),
                new Case("?sort=owner", "INVALID-SORT", "owner"),
                new Case("?type=personal", "INVALID-QUERY-PARAMETER", "personal"),
                new Case("?roles=king", "INVALID-QUERY-PARAMETER", "king"),
                new Case("?next=a&prev=b", "INVALID-QUERY-PARAMETER", "not both"),
                new Case("?next=garbage", "INVALID-CURSOR", ""),
                new Case("?action=publish", "INVALID-QUERY-PARAMETER", "action"))) {
            HttpApi.Response r = admin.get(SPACES + c.query());
            assertThat(r.status()).as(c + " -> " + r).isEqualTo(400);
            assertThat(r.errorCode()).as(r.toString()).isEqualTo(c.code());
            assertThat(r.errorDetail()).contains(c.mentions());
        }
        create(admin, unique("one"), "shared");
        create(admin, unique("two"), "shared");
        String next = href(admin.get(SPACES + "?limit=1").json(), "next");
        assertThat(first.status()).isEqualTo(200);
        // A cursor is bound to its query: reused with another filter it is refused.
        String cursor = next.substring(next.indexOf("next=") + 5);
        assertThat(admin.get(SPACES + "?limit=1&type=managed&next=" + cursor).errorCode()).isEqualTo("INVALID-CURSOR");
        assertThat(admin.as(null).get(SPACES).status()).isEqualTo(401);
    }

    @Test
    void patchAndPutChangeWhatTheyName() {
        User owner = newUser();
        User facilitator = newUser();
        User consumer = newUser();
        String id = (String) create(owner.api(), unique("Ops"), "shared").get("id");
        assign(id, facilitator.id(), "facilitator");
        assign(id, consumer.id(), "consumer");
        String path = SPACES + "/" + id;
        String renamed = unique("Ops renamed");

        HttpApi.Response patched = facilitator.api().raw("PATCH", path, "application/json",
                "[{\"op\":\"replace\",\"path\":\"/name\",\"value\":\"" + renamed + "\"},"
                        + "{\"op\":\"replace\",\"path\":\"/description\",\"value\":\"new words\"}]");
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.json()).containsEntry("name", renamed).containsEntry("description", "new words")
                .containsEntry("ownerId", owner.id());
        assertThat((String) patched.json().get("updatedAt")).isGreaterThan((String) patched.json().get("createdAt"));
        assertThat(auditOf(id)).last().satisfies(e -> assertThat(e)
                .containsEntry("eventType", "com.qlik.v1.space.updated").containsEntry("userId", facilitator.id())
                .extracting("data").isEqualTo(Map.of("changedFields", List.of("description", "name"), "name", renamed,
                        "type", "shared")));

        HttpApi.Response put = owner.api().put(path, Map.of("name", renamed + " 2"));
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(put.json()).containsEntry("name", renamed + " 2").containsEntry("description", "new words");

        record Case(HttpApi as, String body, int status, String code, String mentions) {
        }
        String taken = (String) create(admin, unique("Taken"), "shared").get("name");
        for (Case c : List.of(
                new Case(owner.api(), "[]", 400, "INVALID-FIELD", "non-empty"),
                new Case(owner.api(), "{\"op\":\"replace\"}", 400, "INVALID-FIELD", "JSON Patch array"),
                new Case(owner.api(), "[{\"op\":\"add\",\"path\":\"/name\",\"value\":\"x\"}]", 400, "INVALID-FIELD", "[0].op"),
                new Case(owner.api(), "[{\"op\":\"replace\",\"path\":\"/type\",\"value\":\"managed\"}]", 400, "INVALID-FIELD",
                        "[0].path"),
                new Case(owner.api(), "[{\"op\":\"replace\",\"path\":\"/name\"}]", 400, "INVALID-FIELD", "[0].value"),
                new Case(owner.api(), "[{\"op\":\"replace\",\"path\":\"/name\",\"value\":\"a:b\"}]", 400, "INVALID-FIELD", "':'"),
                new Case(owner.api(), "[{\"op\":\"replace\",\"path\":\"/name\",\"value\":\"" + taken + "\"}]", 409,
                        "SPACE-NAME-TAKEN", taken),
                new Case(owner.api(), "[{\"op\":\"replace\",\"path\":\"/ownerId\",\"value\":\"" + consumer.id() + "\"}]", 403,
                        "SPACE-FORBIDDEN", "another owner"),
                new Case(consumer.api(), "[{\"op\":\"replace\",\"path\":\"/name\",\"value\":\"mine\"}]", 403,
                        "SPACE-FORBIDDEN", "you hold consumer"),
                new Case(newUser().api(), "[{\"op\":\"replace\",\"path\":\"/name\",\"value\":\"mine\"}]", 404,
                        "SPACE-NOT-FOUND", id),
                new Case(admin, "[{\"op\":\"replace\",\"path\":\"/ownerId\",\"value\":\"nobody\"}]", 400, "UNKNOWN-USER",
                        "nobody"))) {
            HttpApi.Response r = c.as().raw("PATCH", path, "application/json", c.body());
            assertThat(r.status()).as(c.body() + " -> " + r).isEqualTo(c.status());
            assertThat(r.errorCode()).as(r.toString()).isEqualTo(c.code());
            assertThat(r.errorDetail()).contains(c.mentions());
        }
        assertThat(consumer.api().put(path, Map.of("description", "x")).errorCode()).isEqualTo("SPACE-FORBIDDEN");
        assertThat(newTenantAdmin().api().put(path, Map.of("description", "x")).status()).isEqualTo(404);
        assertThat(owner.api().put(path, Map.of("name", "")).errorCode()).isEqualTo("INVALID-FIELD");
    }

    @Test
    void adminsGiveASpaceAnotherOwnerWhoseAssignmentFolds() {
        User owner = newUser();
        User heir = newUser();
        String id = (String) create(owner.api(), unique("Legacy"), "shared").get("id");
        String heirsAssignment = assign(id, heir.id(), "consumer");
        HttpApi.Response r = admin.raw("PATCH", SPACES + "/" + id, "application/json",
                "[{\"op\":\"replace\",\"path\":\"/ownerId\",\"value\":\"" + heir.id() + "\"}]");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json()).containsEntry("ownerId", heir.id());
        // The new owner holds every role; the former owner holds nothing any more.
        assertThat(heir.api().get(SPACES + "/" + id).json().get("meta")).extracting("roles").asList().hasSize(5);
        assertThat(owner.api().get(SPACES + "/" + id).status()).isEqualTo(404);
        assertThat(admin.get(SPACES + "/" + id + "/assignments/" + heirsAssignment).status()).isEqualTo(404);
        assertThat(auditOf(heirsAssignment)).extracting(e -> e.get("eventType"))
                .containsExactly("com.qlik.v1.space-assignment.created", "com.qlik.v1.space-assignment.deleted");
        assertThat(auditOf(id)).last().extracting("data").extracting("changedFields").isEqualTo(List.of("ownerId"));
    }

    @Test
    void deleteRefusesASpaceThatStillHoldsConnectionsNamingThem() {
        User owner = newUser();
        User consumer = newUser();
        String id = (String) create(owner.api(), unique("Doomed"), "shared").get("id");
        String member = assign(id, consumer.id(), "consumer");
        HttpApi.Response c = owner.api().post(ConnectionsController.V1, Map.of("connectorId", HTTP_API,
                "name", "still here", "spaceId", id, "params", List.of(healthyHttpParams())));
        assertThat(c.status()).as(c.toString()).isEqualTo(201);
        String path = SPACES + "/" + id;

        assertThat(consumer.api().delete(path).errorCode()).isEqualTo("SPACE-FORBIDDEN");
        assertThat(newUser().api().delete(path).status()).isEqualTo(404);
        HttpApi.Response refused = owner.api().delete(path);
        assertThat(refused.status()).isEqualTo(412);
        assertThat(refused.errorCode()).isEqualTo("SPACE-NOT-EMPTY");
        assertThat(refused.errorDetail()).contains("1 automation connection:").contains("'still here' (" + c.json().get("id") + ")");

        assertThat(owner.api().post(ConnectionsController.V1 + "/" + c.json().get("id") + "/actions/change-space",
                Map.of("spaceId", "")).status()).isEqualTo(204);
        assertThat(owner.api().delete(path).status()).isEqualTo(204);
        assertThat(owner.api().get(path).status()).isEqualTo(404);
        assertThat(owner.api().delete(path).status()).isEqualTo(404);
        assertThat(auditOf(id)).last().satisfies(e -> assertThat(e).containsEntry("eventType", "com.qlik.v1.space.deleted"));
        assertThat(auditOf(member)).last().satisfies(e -> assertThat(e)
                .containsEntry("eventType", "com.qlik.v1.space-assignment.deleted").containsEntry("userId", owner.id()));
    }

    @SuppressWarnings("unchecked")
    static List<Object> ids(Map<String, Object> list) {
        return ((List<Map<String, Object>>) list.get("data")).stream().map(m -> m.get("id")).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> names(Map<String, Object> list) {
        return ((List<Map<String, Object>>) list.get("data")).stream().map(m -> m.get("name")).toList();
    }

    @SuppressWarnings("unchecked")
    static String href(Map<String, Object> list, String rel) {
        Map<String, Object> link = (Map<String, Object>) ((Map<String, Object>) list.get("links")).get(rel);
        return link == null ? null : (String) link.get("href");
    }

    private static List<Object> concat(List<String> first, String last) {
        List<Object> all = new ArrayList<>(first);
        all.add(last);
        return all;
    }
}
