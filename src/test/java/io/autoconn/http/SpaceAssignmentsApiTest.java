package io.autoconn.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The assignments of a space over HTTP: every operation, its happy path and each 4xx cause; and tenant isolation. */
@MicronautTest
class SpaceAssignmentsApiTest extends ApiTestBase {
    private static final String SPACES = SpaceWire.SPACES;

    private String space(HttpApi owner, String type) {
        return newSpace(owner, type);
    }

    private static Map<String, Object> body(String assigneeId, String... roles) {
        return Map.of("type", "user", "assigneeId", assigneeId, "roles", List.of(roles));
    }

    @Test
    void aFacilitatorAssignsReadsChangesAndRemovesMembers() {
        User owner = newUser();
        User facilitator = newUser();
        User member = newUser();
        String space = space(owner.api(), "shared");
        assign(space, facilitator.id(), "facilitator");
        String base = SPACES + "/" + space + "/assignments";

        HttpApi.Response created = facilitator.api().post(base, body(member.id(), "producer", "consumer", "producer"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        Map<String, Object> a = created.json();
        String id = (String) a.get("id");
        assertThat(a).containsEntry("type", "user").containsEntry("assigneeId", member.id())
                .containsEntry("roles", List.of("consumer", "producer")).containsEntry("spaceId", space)
                .containsEntry("tenantId", adminCaller().tenantId()).containsEntry("createdBy", facilitator.id())
                .containsEntry("updatedBy", facilitator.id()).containsKeys("createdAt", "updatedAt");
        assertThat(a.get("links")).isEqualTo(Map.of("self", Map.of("href", admin.base() + base + "/" + id),
                "space", Map.of("href", admin.base() + SPACES + "/" + space)));
        assertThat(created.header("Location")).isEqualTo(admin.base() + base + "/" + id);
        assertThat(facilitator.api().get(base + "/" + id).json()).isEqualTo(a);
        assertThat(member.api().get(SPACES + "/" + space).json().get("meta")).extracting("roles")
                .isEqualTo(List.of("consumer", "producer"));

        HttpApi.Response changed = owner.api().put(base + "/" + id, Map.of("roles", List.of("codeveloper")));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json()).containsEntry("roles", List.of("codeveloper")).containsEntry("updatedBy", owner.id())
                .containsEntry("createdBy", facilitator.id());
        assertThat(admin.delete(base + "/" + id).status()).isEqualTo(204);
        assertThat(admin.get(base + "/" + id).errorCode()).isEqualTo("ASSIGNMENT-NOT-FOUND");
        assertThat(admin.delete(base + "/" + id).status()).isEqualTo(404);
        assertThat(member.api().get(SPACES + "/" + space).status()).isEqualTo(404);

        assertThat(auditOf(id)).extracting(e -> e.get("eventType")).containsExactly(
                "com.qlik.v1.space-assignment.created", "com.qlik.v1.space-assignment.updated",
                "com.qlik.v1.space-assignment.deleted");
        assertThat(auditOf(id).get(1).get("data")).isEqualTo(Map.of("changedFields", List.of("roles"), "spaceId", space,
                "assigneeId", member.id(), "roles", List.of("codeveloper")));
    }

    @Test
    void createExplainsEachRefusal() {
        User owner = newUser();
        User member = newUser();
        String shared = space(owner.api(), "shared");
        String base = SPACES + "/" + shared + "/assignments";
        assign(shared, member.id(), "consumer");
        User otherTenantsUser = newTenantAdmin();
        record Case(Object body, int status, String code, String mentions) {
        }
        String someone = newUser().id();
        for (Case c : List.of(
                new Case(Map.of("type", "group", "assigneeId", someone, "roles", List.of("consumer")), 400,
                        "UNSUPPORTED-ASSIGNMENT-TYPE", "group"),
                new Case(Map.of("type", "robot", "assigneeId", someone, "roles", List.of("consumer")), 400,
                        "INVALID-FIELD", "'robot'"),
                new Case(Map.of("assigneeId", someone, "roles", List.of("consumer")), 400, "INVALID-FIELD", "type"),
                new Case(Map.of("type", "user", "roles", List.of("consumer")), 400, "INVALID-FIELD", "assigneeId"),
                new Case(body(someone), 400, "INVALID-FIELD", "non-empty"),
                new Case(body(someone, "publisher"), 400, "INVALID-FIELD", "'publisher' cannot be assigned in a shared space"),
                new Case(body(someone, "admin"), 400, "INVALID-FIELD", "'admin'"),
                new Case(body("no-such-user", "consumer"), 400, "UNKNOWN-USER", "no-such-user"),
                new Case(body(otherTenantsUser.id(), "consumer"), 400, "UNKNOWN-USER", otherTenantsUser.id()),
                new Case(body(member.id(), "producer"), 409, "ASSIGNMENT-EXISTS", "already assigned"),
                new Case(body(owner.id(), "consumer"), 409, "ASSIGNMENT-EXISTS", "owns space"))) {
            HttpApi.Response r = owner.api().post(base, c.body());
            assertThat(r.status()).as(c + " -> " + r).isEqualTo(c.status());
            assertThat(r.errorCode()).as(r.toString()).isEqualTo(c.code());
            assertThat(r.errorDetail()).contains(c.mentions());
        }
        assertThat(owner.api().raw("POST", base, "application/json", "").errorCode()).isEqualTo("INVALID-JSON");
        // Managed spaces assign their own roles.
        String managed = space(admin, "managed");
        assertThat(admin.post(SPACES + "/" + managed + "/assignments", body(someone, "basicconsumer", "operator"))
                .status()).isEqualTo(201);
        assertThat(admin.post(SPACES + "/" + managed + "/assignments", body(member.id(), "producer")).errorDetail())
                .contains("managed space").contains("basicconsumer, consumer, contributor");
    }

    @Test
    void onlyTheOwnerFacilitatorsAndAdminsManageMembers() {
        User owner = newUser();
        User producer = newUser();
        User stranger = newUser();
        String space = space(owner.api(), "shared");
        String producerAssignment = assign(space, producer.id(), "producer");
        String base = SPACES + "/" + space + "/assignments";
        String someone = newUser().id();
        List<HttpApi.Response> forbidden = List.of(
                producer.api().get(base),
                producer.api().get(base + "/" + producerAssignment),
                producer.api().post(base, body(someone, "consumer")),
                producer.api().put(base + "/" + producerAssignment, Map.of("roles", List.of("facilitator"))),
                producer.api().delete(base + "/" + producerAssignment));
        for (HttpApi.Response r : forbidden) {
            assertThat(r.status()).as(r.toString()).isEqualTo(403);
            assertThat(r.errorCode()).isEqualTo("SPACE-FORBIDDEN");
            assertThat(r.errorDetail()).contains("facilitator").contains("you hold producer");
        }
        List<HttpApi.Response> hidden = List.of(
                stranger.api().get(base),
                stranger.api().get(base + "/" + producerAssignment),
                stranger.api().post(base, body(someone, "consumer")),
                stranger.api().put(base + "/" + producerAssignment, Map.of("roles", List.of("facilitator"))),
                stranger.api().delete(base + "/" + producerAssignment),
                admin.get(SPACES + "/no-such-space/assignments"));
        for (HttpApi.Response r : hidden) {
            assertThat(r.status()).as(r.toString()).isEqualTo(404);
            assertThat(r.errorCode()).isEqualTo("SPACE-NOT-FOUND");
        }
        assertThat(admin.as(null).get(base).status()).isEqualTo(401);
        // An assignment is found only under its own space.
        String other = space(owner.api(), "shared");
        assertThat(owner.api().get(SPACES + "/" + other + "/assignments/" + producerAssignment).errorCode())
                .isEqualTo("ASSIGNMENT-NOT-FOUND");
        HttpApi.Response badRoles = owner.api().put(base + "/" + producerAssignment, Map.of("roles", List.of()));
        assertThat(badRoles.errorCode()).isEqualTo("INVALID-FIELD");
        assertThat(owner.api().put(base + "/" + producerAssignment, Map.of("roles", List.of("operator"))).errorDetail())
                .contains("'operator' cannot be assigned in a shared space");
    }

    @Test
    void listPagesFiltersAndCounts() {
        User owner = newUser();
        String space = space(owner.api(), "shared");
        String base = SPACES + "/" + space + "/assignments";
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            User u = newUser();
            members.add(u.id());
            assign(space, u.id(), "consumer");
        }
        Map<String, Object> all = owner.api().get(base).json();
        assertThat(all.get("meta")).isEqualTo(Map.of("count", 5));
        assertThat(((List<Map<String, Object>>) all.get("data")).stream().map(m -> m.get("assigneeId")).toList())
                .containsExactlyElementsOf(members);
        List<Object> walked = new ArrayList<>();
        String next = base + "?limit=2";
        while (next != null) {
            Map<String, Object> page = owner.api().get(next).json();
            walked.addAll(SpacesApiTest.ids(page));
            next = SpacesApiTest.href(page, "next");
        }
        assertThat(walked).hasSize(5).doesNotHaveDuplicates();
        Map<String, Object> one = owner.api().get(base + "?assigneeId=" + members.get(3)).json();
        assertThat(one.get("meta")).isEqualTo(Map.of("count", 1));
        assertThat(owner.api().get(base + "?type=group").json()).containsEntry("data", List.of());
        assertThat(owner.api().get(base + "?type=user&limit=1").json().get("meta")).isEqualTo(Map.of("count", 5));
        assertThat(owner.api().get(base + "?type=team").errorCode()).isEqualTo("INVALID-QUERY-PARAMETER");
        assertThat(owner.api().get(base + "?limit=500").errorCode()).isEqualTo("INVALID-LIMIT");
        assertThat(owner.api().get(base + "?next=nonsense").errorCode()).isEqualTo("INVALID-CURSOR");
    }

    @Test
    void anotherTenantSeesNothingOfOurSpaces() {
        User owner = newUser();
        String space = space(owner.api(), "shared");
        String assignment = assign(space, newUser().id(), "consumer");
        User them = newTenantAdmin();
        HttpApi api = them.api();
        String path = SPACES + "/" + space;
        assertThat(api.get(path).status()).isEqualTo(404);
        assertThat(api.put(path, Map.of("name", "taken over")).status()).isEqualTo(404);
        assertThat(api.raw("PATCH", path, "application/json",
                "[{\"op\":\"replace\",\"path\":\"/ownerId\",\"value\":\"" + them.id() + "\"}]").status()).isEqualTo(404);
        assertThat(api.delete(path).status()).isEqualTo(404);
        assertThat(api.get(path + "/assignments").status()).isEqualTo(404);
        assertThat(api.get(path + "/assignments/" + assignment).status()).isEqualTo(404);
        assertThat(api.post(path + "/assignments", body(them.id(), "consumer")).status()).isEqualTo(404);
        assertThat(SpacesApiTest.ids(api.get(SPACES + "?limit=100").json())).doesNotContain(space);
        // Names are unique per tenant only, and their spaces are theirs alone.
        String name = (String) owner.api().get(path).json().get("name");
        HttpApi.Response same = api.post(SPACES, Map.of("name", name, "type", "shared"));
        assertThat(same.status()).as(same.toString()).isEqualTo(201);
        assertThat(admin.get(SPACES + "/" + same.json().get("id")).status()).isEqualTo(404);
        // Nor can our users be put in their spaces, or their spaces hold our connections.
        assertThat(api.post(SPACES + "/" + same.json().get("id") + "/assignments", body(owner.id(), "consumer")).errorCode())
                .isEqualTo("UNKNOWN-USER");
        assertThat(owner.api().post(ConnectionsController.V1, Map.of("connectorId", HTTP_API,
                "spaceId", same.json().get("id"), "params", List.of(healthyHttpParams()))).errorCode())
                .isEqualTo("UNKNOWN-SPACE");
    }
}
