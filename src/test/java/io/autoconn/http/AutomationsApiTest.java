package io.autoconn.http;

import static io.autoconn.http.ConnectionsApiTest.enc;
import static io.autoconn.http.ConnectionsApiTest.href;
import static io.autoconn.http.ConnectionsApiTest.nextHref;
import static org.assertj.core.api.Assertions.assertThat;

import io.autoconn.identity.ApiKeys;
import io.autoconn.identity.Role;
import io.autoconn.storage.Database;
import io.autoconn.storage.DirectoryStore;
import io.autoconn.storage.TestAuditEvents;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every automation operation over HTTP, in both path flavours, as a client sees it. */
@MicronautTest
class AutomationsApiTest extends ApiTestBase {
    private static final String V1 = AutomationsController.V1;
    private static final String WF = AutomationsController.WORKFLOWS;

    @Inject
    Database database;

    private Map<String, Object> create(HttpApi api, String base, Map<String, Object> body) {
        HttpApi.Response r = api.post(base, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    private Map<String, Object> create(HttpApi api, String name) {
        return create(api, WF, Map.of("name", name));
    }

    /** A workspace as the automation editor might produce it: blocks using these connections, among other data. */
    private static Map<String, Object> workspaceUsing(String... connectionIds) {
        List<Object> blocks = new ArrayList<>();
        for (String id : connectionIds) {
            blocks.add(Map.of("type", "EndpointBlock", "x", 120.5, "inputs",
                    List.of(Map.of("id", "in-1", "value", Map.of("connectionId", id)))));
        }
        return Map.of("blocks", blocks, "variables", List.of(), "start", Map.of("connectionId", 7));
    }

    private String newConnection(HttpApi api, String name) {
        HttpApi.Response r = api.post(ConnectionsController.V1, Map.of("connectorId", HTTP_API, "name", name,
                "params", List.of(healthyHttpParams())));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return (String) r.json().get("id");
    }

    /** An admin API client of a new tenant of its own. */
    private HttpApi otherTenantAdmin() {
        String key = ApiKeys.generate();
        directory.createTenantIfAbsent(new DirectoryStore.NewTenant(UUID.randomUUID().toString(),
                "tenant-" + UUID.randomUUID(), UUID.randomUUID().toString(), "admin", UUID.randomUUID().toString(),
                ApiKeys.hash(key), Instant.now()));
        return admin.as(key);
    }

    private List<TestAuditEvents.Row> audit(String automationId) {
        return TestAuditEvents.of(database.dsl(), adminCaller().tenantId(), automationId);
    }

    @ParameterizedTest
    @ValueSource(strings = {V1, WF})
    void createReturnsTheDetailWithLocationAndEtag(String base) {
        String space = newSpace();
        Map<String, Object> workspace = workspaceUsing("not-a-connection");
        HttpApi.Response r = admin.post(base, Map.of("name", "Nightly sync", "description", "Copies CRM rows",
                "spaceId", space, "workspace", workspace, "maxConcurrentRuns", 3, "schedules", List.of()));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        Map<String, Object> body = r.json();
        String id = (String) body.get("id");
        assertThat(id).matches("[0-9a-f-]{36}");
        assertThat(r.header("Location")).isEqualTo(admin.base() + base + "/" + id);
        assertThat(r.header("ETag")).isEqualTo("\"1\"");
        assertThat(body).containsEntry("name", "Nightly sync").containsEntry("description", "Copies CRM rows")
                .containsEntry("state", "available").containsEntry("runMode", "manual")
                .containsEntry("ownerId", adminCaller().userId()).containsEntry("spaceId", space)
                .containsEntry("maxConcurrentRuns", 3).containsEntry("schedules", List.of())
                .containsEntry("workspace", workspace)
                .doesNotContainKeys("lastRun", "lastRunAt", "lastRunStatus", "executionToken");
        assertThat((String) body.get("createdAt")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
        assertThat(body.get("updatedAt")).isEqualTo(body.get("createdAt"));
        HttpApi.Response read = admin.get(base + "/" + id);
        assertThat(read.json()).isEqualTo(body);
        assertThat(read.header("ETag")).isEqualTo("\"1\"");
        // Both flavours serve the same automations.
        assertThat(admin.get((base.equals(V1) ? WF : V1) + "/" + id).json()).isEqualTo(body);
    }

    @Test
    void createNeedsOnlyAName() {
        Map<String, Object> body = create(admin, V1, Map.of("name", "bare"));
        assertThat(body).containsEntry("description", "").containsEntry("workspace", Map.of())
                .containsEntry("maxConcurrentRuns", 1).doesNotContainKey("spaceId");
        Map<String, Object> explicitNulls = new LinkedHashMap<>();
        explicitNulls.put("name", "nulls");
        explicitNulls.put("workspace", null);
        explicitNulls.put("spaceId", null);
        assertThat(create(admin, V1, explicitNulls)).containsEntry("workspace", Map.of()).doesNotContainKey("spaceId");
    }

    @Test
    void theWorkspaceComesBackAsItWasSent() {
        String text = "{\"name\":\"x\",\"workspace\":{\"z\":1,\"a\":[1.25,-3,1e-7,12345678901234567890,\"é\\u00e9\"],"
                + "\"nested\":{\"empty\":{},\"list\":[],\"nothing\":null,\"yes\":true}}}";
        HttpApi.Response r = admin.raw("POST", V1, "application/json", text);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        String detail = admin.get(V1 + "/" + r.json().get("id")).text();
        assertThat(detail).contains("\"workspace\":{\"z\":1,\"a\":[1.25,-3,1.0E-7,12345678901234567890,\"éé\"],"
                + "\"nested\":{\"empty\":{},\"list\":[],\"nothing\":null,\"yes\":true}}");
    }

    @Test
    void createRejectsBadBodies() {
        record Case(Object body, String code, String mentions) {
        }
        String otherTenantSpace = newSpace(newTenantAdmin().api(), "shared");
        List<Case> cases = List.of(
                new Case(Map.of("description", "no name"), "INVALID-FIELD", "name is required"),
                new Case(Map.of("name", "  "), "INVALID-FIELD", "name must not be blank"),
                new Case(Map.of("name", "n".repeat(256)), "INVALID-FIELD", "255"),
                new Case(Map.of("name", "x", "description", "d".repeat(4097)), "INVALID-FIELD", "description"),
                new Case(Map.of("name", "x", "workspace", List.of(1, 2)), "INVALID-FIELD", "workspace must be a JSON object"),
                new Case(Map.of("name", "x", "workspace", "{}"), "INVALID-FIELD", "not a string"),
                new Case(Map.of("name", "x", "workspace", 12), "INVALID-FIELD", "not a number"),
                new Case(Map.of("name", "x", "spaceId", "nowhere"), "UNKNOWN-SPACE", "nowhere"),
                new Case(Map.of("name", "x", "spaceId", otherTenantSpace), "UNKNOWN-SPACE", otherTenantSpace),
                new Case(Map.of("name", "x", "maxConcurrentRuns", 0), "INVALID-FIELD", "maxConcurrentRuns"),
                new Case(Map.of("name", "x", "maxConcurrentRuns", 101), "INVALID-FIELD", "from 1 to 100"),
                new Case(Map.of("name", "x", "schedules", List.of(Map.of("interval", 60))), "INVALID-FIELD", "schedules"));
        for (Case c : cases) {
            HttpApi.Response r = admin.post(WF, c.body());
            assertThat(r.status()).as(r.toString()).isEqualTo(400);
            assertThat(r.errorCode()).as(r.toString()).isEqualTo(c.code());
            assertThat(r.errorDetail()).as(r.toString()).contains(c.mentions());
        }
        HttpApi.Response malformed = admin.raw("POST", V1, "application/json", "{\"name\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.errorCode()).isEqualTo("INVALID-JSON");
        // Well-formed JSON of the wrong shape: the framework's 400 (its code is the framework error processor's).
        for (String wrongShape : List.of("[{\"name\":\"x\"}]", "", "{\"name\":\"x\",\"maxConcurrentRuns\":\"many\"}",
                "{\"name\":\"x\",\"schedules\":{}}")) {
            HttpApi.Response r = admin.raw("POST", V1, "application/json", wrongShape);
            assertThat(r.status()).as(r.toString()).isEqualTo(400);
            assertThat(r.errorCode()).isNotBlank();
        }
        assertThat(admin.raw("POST", V1, "text/plain", "name=x").errorCode()).isEqualTo("HTTP-415");
    }

    @ParameterizedTest
    @ValueSource(strings = {V1, WF})
    void updateChangesWhatItIsGivenAndHonoursIfMatch(String base) {
        Map<String, Object> a = create(admin, base, Map.of("name", "before", "description", "kept",
                "workspace", Map.of("v", 1)));
        String path = base + "/" + a.get("id");

        HttpApi.Response renamed = admin.put(path, Map.of("name", "after", "workspace", Map.of("v", 2)), "If-Match", "\"1\"");
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(renamed.json()).containsEntry("name", "after").containsEntry("description", "kept")
                .containsEntry("workspace", Map.of("v", 2)).containsEntry("maxConcurrentRuns", 1);
        assertThat((String) renamed.json().get("updatedAt")).isGreaterThan((String) a.get("updatedAt"));
        assertThat(renamed.header("ETag")).isEqualTo("\"2\"");
        assertThat(admin.get(path).json()).isEqualTo(renamed.json());

        HttpApi.Response stale = admin.put(path, Map.of("name", "lost"), "If-Match", "\"1\"");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.errorCode()).isEqualTo("PRECONDITION-FAILED");
        assertThat(stale.errorDetail()).contains("\"2\"");
        assertThat(admin.get(path).json()).containsEntry("name", "after");

        HttpApi.Response same = admin.put(path, Map.of("name", "after"));
        assertThat(same.status()).isEqualTo(200);
        assertThat(same.header("ETag")).as("a change that changes nothing is not written").isEqualTo("\"2\"");

        assertThat(admin.put(path, Map.of("workspace", List.of())).errorCode()).isEqualTo("INVALID-FIELD");
        assertThat(admin.put(path, Map.of("name", "")).errorCode()).isEqualTo("INVALID-FIELD");
        assertThat(admin.put(path, Map.of("maxConcurrentRuns", -1)).errorCode()).isEqualTo("INVALID-FIELD");
        assertThat(admin.put(path, Map.of("schedules", List.of(Map.of("interval", 60)))).errorCode())
                .isEqualTo("INVALID-FIELD");
        assertThat(admin.raw("PUT", path, "application/json", "{\"name\":").errorCode()).isEqualTo("INVALID-JSON");
        HttpApi.Response missing = admin.put(base + "/no-such-id", Map.of("name", "x"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.errorCode()).isEqualTo("AUTOMATION-NOT-FOUND");
        assertThat(admin.get(path).json()).containsEntry("name", "after").containsEntry("workspace", Map.of("v", 2));
    }

    @ParameterizedTest
    @ValueSource(strings = {V1, WF})
    void deleteRemovesTheAutomation(String base) {
        String path = base + "/" + create(admin, base, Map.of("name", "doomed")).get("id");
        assertThat(admin.delete(path).status()).isEqualTo(204);
        HttpApi.Response gone = admin.get(path);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.errorCode()).isEqualTo("AUTOMATION-NOT-FOUND");
        assertThat(admin.delete(path).status()).isEqualTo(404);
    }

    @Test
    void otherUsersAndOtherTenantsAutomationsAreInvisible() {
        User alice = newUser();
        User bob = newUser();
        String id = (String) create(alice.api(), "alice's").get("id");
        String path = WF + "/" + id;
        HttpApi otherTenant = otherTenantAdmin();
        for (HttpApi outsider : List.of(bob.api(), otherTenant)) {
            HttpApi.Response get = outsider.get(path);
            assertThat(get.status()).isEqualTo(404);
            assertThat(get.errorCode()).isEqualTo("AUTOMATION-NOT-FOUND");
            assertThat(outsider.get(V1 + "/" + id).status()).isEqualTo(404);
            assertThat(outsider.put(path, Map.of("name", "mine now")).status()).isEqualTo(404);
            assertThat(outsider.delete(path).status()).isEqualTo(404);
            assertThat(outsider.post(path + "/actions/change-owner", Map.of("userId", bob.id())).status()).isEqualTo(404);
            assertThat(outsider.post(path + "/actions/change-space", Map.of("spaceId", "")).status()).isEqualTo(404);
            assertThat(outsider.postEmpty(path + "/actions/disable").status()).isEqualTo(404);
            assertThat(outsider.postEmpty(path + "/actions/enable").status()).isEqualTo(404);
            assertThat(outsider.get(WF + "?limit=200").data()).extracting(m -> m.get("id")).doesNotContain(id);
        }
        assertThat(otherTenant.get(WF + "?listAll=true&limit=200").data()).extracting(m -> m.get("id"))
                .doesNotContain(id);
        assertThat(alice.api().get(path).json()).containsEntry("name", "alice's");
        // Tenant and analytics admins see every automation of their tenant, and may delete it or give it to
        // someone else, but not edit another user's personal automation (the connections' matrix).
        User analyst = newUser(Role.ANALYTICS_ADMIN);
        assertThat(analyst.api().get(path).json()).containsEntry("name", "alice's");
        HttpApi.Response edit = analyst.api().put(path, Map.of("name", "renamed by an admin"));
        assertThat(edit.status()).isEqualTo(403);
        assertThat(edit.errorCode()).isEqualTo("AUTOMATION-FORBIDDEN");
        assertThat(edit.errorDetail()).contains("a personal automation is its owner's alone to update");
        assertThat(analyst.api().postEmpty(path + "/actions/disable").errorCode()).isEqualTo("AUTOMATION-FORBIDDEN");
        assertThat(analyst.api().post(path + "/actions/change-owner", Map.of("userId", analyst.id())).status())
                .isEqualTo(204);
        assertThat(admin.get(path).json()).containsEntry("name", "alice's").containsEntry("ownerId", analyst.id());
    }

    /** Automations follow the connections' permission matrix (ContentAccess): space roles decide. */
    @Test
    void inASpaceMembersSeeContributorsCreateAndManagersEdit() {
        User producer = newUser();
        User consumer = newUser();
        User outsider = newUser();
        String space = newSpace();
        assign(space, producer.id(), "producer");
        assign(space, consumer.id(), "consumer");

        HttpApi.Response refused = consumer.api().post(WF, Map.of("name", "not mine to add", "spaceId", space));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.errorCode()).isEqualTo("AUTOMATION-FORBIDDEN");
        assertThat(refused.errorDetail()).contains("To put an automation in shared space");
        assertThat(outsider.api().post(WF, Map.of("name", "x", "spaceId", space)).errorCode())
                .as("a space the caller cannot see is unknown").isEqualTo("UNKNOWN-SPACE");

        String id = (String) create(producer.api(), WF, Map.of("name", "team sync", "spaceId", space)).get("id");
        String path = WF + "/" + id;
        assertThat(consumer.api().get(path).status()).isEqualTo(200);
        assertThat(consumer.api().get(WF + "?limit=200").data()).extracting(m -> m.get("id")).contains(id);
        assertThat(consumer.api().put(path, Map.of("name", "consumer's")).errorCode()).isEqualTo("AUTOMATION-FORBIDDEN");
        assertThat(consumer.api().delete(path).errorCode()).isEqualTo("AUTOMATION-FORBIDDEN");
        assertThat(outsider.api().get(path).status()).isEqualTo(404);
        assertThat(outsider.api().get(WF + "?limit=200").data()).extracting(m -> m.get("id")).doesNotContain(id);
        assertThat(producer.api().put(path, Map.of("name", "renamed by its owner")).status()).isEqualTo(200);
        assertThat(admin.put(path, Map.of("name", "renamed by the space owner")).status()).isEqualTo(200);
        assertThat(producer.api().post(path + "/actions/change-space", Map.of("spaceId", "")).status())
                .as("back to the owner's personal space").isEqualTo(204);
        assertThat(consumer.api().get(path).status()).isEqualTo(404);
    }

    @Test
    void administratorsListTheWholeTenantByDefaultOthersTheirOwn() {
        User plain = newUser();
        User analyst = newUser(Role.ANALYTICS_ADMIN);
        String plainsId = (String) create(plain.api(), "plain's").get("id");
        String analystsId = (String) create(analyst.api(), "analyst's").get("id");
        String byId = "&filter=" + enc("id eq \"" + plainsId + "\" or id eq \"" + analystsId + "\"");

        assertThat(ids(plain.api().get(WF + "?limit=200" + byId))).containsExactly(plainsId);
        assertThat(ids(plain.api().get(WF + "?listAll=false&limit=200" + byId))).containsExactly(plainsId);
        HttpApi.Response refused = plain.api().get(V1 + "?listAll=true");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.errorCode()).isEqualTo("LIST-ALL-FORBIDDEN");

        assertThat(ids(analyst.api().get(WF + "?limit=200" + byId))).containsExactlyInAnyOrder(plainsId, analystsId);
        assertThat(ids(admin.get(V1 + "?listAll=true&limit=200" + byId))).containsExactlyInAnyOrder(plainsId, analystsId);
        assertThat(ids(analyst.api().get(WF + "?listAll=false&limit=200" + byId))).containsExactly(analystsId);
    }

    private static List<Object> ids(HttpApi.Response page) {
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        return page.data().stream().map(m -> m.get("id")).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {V1, WF})
    void listPagesThroughFilteredSortedItems(String base) {
        User user = newUser();
        List<Object> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(create(user.api(), base, Map.of("name", "Flow-" + i, "description", "d" + i,
                    "workspace", Map.of("big", "x".repeat(100)))).get("id"));
        }
        create(user.api(), base, Map.of("name", "unrelated"));
        String next = base + "?limit=3&sort=-name&filter=" + enc("name sw \"flow-\" and runMode eq \"manual\"");
        List<Object> seen = new ArrayList<>();
        List<String> names = new ArrayList<>();
        HttpApi.Response page = null;
        while (next != null) {
            page = user.api().get(next);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.data().forEach(m -> {
                seen.add(m.get("id"));
                names.add((String) m.get("name"));
                assertThat(m).containsKeys("id", "name", "description", "state", "ownerId", "runMode", "createdAt",
                        "updatedAt", "maxConcurrentRuns").doesNotContainKey("workspace");
            });
            next = nextHref(page);
            if (next != null) {
                assertThat(next).startsWith(admin.base() + base + "?").contains("limit=3", "sort=-name", "cursor=");
            }
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(created);
        assertThat(names).containsExactly("Flow-6", "Flow-5", "Flow-4", "Flow-3", "Flow-2", "Flow-1", "Flow-0");
        assertThat(user.api().get(href(page, "prev")).data()).hasSize(3);
        for (String sort : List.of("+state", "-runMode", "lastRunAt", "-lastRunStatus", "maxConcurrentRuns",
                "-createdAt", "updatedAt", "id")) {
            assertThat(user.api().get(base + "?sort=" + enc(sort)).data()).as(sort).hasSize(8);
        }
        assertThat(user.api().get(base + "?filter=" + enc("lastRunStatus eq \"failed\"")).data()).isEmpty();
    }

    @Test
    void badListQueriesAreExplained() {
        assertThat(admin.get(V1 + "?limit=0").errorCode()).isEqualTo("INVALID-LIMIT");
        assertThat(admin.get(WF + "?limit=201").errorCode()).isEqualTo("INVALID-LIMIT");
        assertThat(admin.get(WF + "?limit=lots").errorCode()).isEqualTo("INVALID-LIMIT");
        HttpApi.Response sort = admin.get(WF + "?sort=colour");
        assertThat(sort.errorCode()).isEqualTo("INVALID-SORT");
        assertThat(sort.errorDetail()).contains("lastRunAt", "maxConcurrentRuns");
        HttpApi.Response filter = admin.get(WF + "?filter=" + enc("colour eq \"red\""));
        assertThat(filter.status()).isEqualTo(400);
        assertThat(filter.errorCode()).isEqualTo("INVALID-FILTER");
        assertThat(filter.errorDetail()).contains("colour");
        assertThat(admin.get(WF + "?filter=" + enc("name eq")).errorCode()).isEqualTo("INVALID-FILTER");
        assertThat(admin.get(WF + "?cursor=garbage").errorCode()).isEqualTo("INVALID-CURSOR");
        assertThat(admin.get(WF + "?listAll=maybe").errorCode()).isEqualTo("INVALID-QUERY-PARAMETER");
        // A cursor of another query, or of the connections list, does not continue this one.
        create(admin, "c1");
        create(admin, "c2");
        String next = nextHref(admin.get(WF + "?limit=1&sort=name"));
        String cursor = next.substring(next.indexOf("cursor=") + "cursor=".length());
        assertThat(admin.get(WF + "?limit=1&sort=-name&cursor=" + cursor).errorCode()).isEqualTo("INVALID-CURSOR");
        assertThat(admin.get(ConnectionsController.V1 + "?limit=1&sort=name&cursor=" + cursor).errorCode())
                .isEqualTo("INVALID-CURSOR");
    }

    @ParameterizedTest
    @ValueSource(strings = {V1, WF})
    void changeOwnerHandsTheAutomationOver(String base) {
        User bob = newUser();
        String path = base + "/" + create(admin, base, Map.of("name", "handed over")).get("id");
        HttpApi.Response unknown = admin.post(path + "/actions/change-owner", Map.of("userId", "no-such-user"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.errorCode()).isEqualTo("UNKNOWN-USER");
        assertThat(admin.post(path + "/actions/change-owner", Map.of()).errorCode()).isEqualTo("INVALID-FIELD");
        assertThat(admin.postEmpty(path + "/actions/change-owner").errorCode()).isEqualTo("INVALID-JSON");
        assertThat(bob.api().get(path).status()).isEqualTo(404);
        assertThat(admin.post(path + "/actions/change-owner", Map.of("userId", bob.id())).status()).isEqualTo(204);
        assertThat(bob.api().get(path).json()).containsEntry("ownerId", bob.id());
        assertThat(admin.post(V1 + "/nope/actions/change-owner", Map.of("userId", bob.id())).errorCode())
                .isEqualTo("AUTOMATION-NOT-FOUND");
    }

    @ParameterizedTest
    @ValueSource(strings = {V1, WF})
    void changeSpaceMovesTheAutomation(String base) {
        String space = newSpace();
        String path = base + "/" + create(admin, base, Map.of("name", "mover")).get("id");
        assertThat(admin.post(path + "/actions/change-space", Map.of("spaceId", space)).status()).isEqualTo(204);
        assertThat(admin.get(path).json()).containsEntry("spaceId", space);
        HttpApi.Response unknown = admin.post(path + "/actions/change-space", Map.of("spaceId", "nowhere"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.errorCode()).isEqualTo("UNKNOWN-SPACE");
        assertThat(admin.get(path).json()).containsEntry("spaceId", space);
        assertThat(admin.post(path + "/actions/change-space", Map.of("spaceId", "")).status()).isEqualTo(204);
        assertThat(admin.get(path).json()).doesNotContainKey("spaceId");
        assertThat(admin.get(base + "?filter=" + enc("spaceId eq \"" + space + "\"")).data()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {V1, WF})
    void disableAndEnableChangeTheState(String base) {
        String id = (String) create(admin, base, Map.of("name", "switch")).get("id");
        String path = base + "/" + id;
        String disabledFilter = base + "?filter=" + enc("state eq \"disabled\" and id eq \"" + id + "\"");
        assertThat(admin.postEmpty(path + "/actions/disable").status()).isEqualTo(204);
        assertThat(admin.get(path).json()).containsEntry("state", "disabled");
        assertThat(admin.get(disabledFilter).data()).hasSize(1);
        assertThat(admin.postEmpty(path + "/actions/disable").status()).isEqualTo(204);
        assertThat(admin.postEmpty(path + "/actions/enable").status()).isEqualTo(204);
        assertThat(admin.get(path).json()).containsEntry("state", "available");
        assertThat(admin.get(disabledFilter).data()).isEmpty();
    }

    @Test
    void everyChangeIsAuditedWithoutTheWorkspace() {
        User bob = newUser();
        String space = newSpace();
        String id = (String) create(admin, V1, Map.of("name", "audited",
                "workspace", Map.of("secretish", "Canary-Workspace-1"))).get("id");
        String path = V1 + "/" + id;
        admin.put(path, Map.of("description", "new", "workspace", Map.of("secretish", "Canary-Workspace-2")));
        admin.put(path, Map.of("description", "new")); // no change: no event
        admin.postEmpty(path + "/actions/disable");
        admin.postEmpty(path + "/actions/enable");
        admin.post(path + "/actions/change-space", Map.of("spaceId", space));
        admin.post(path + "/actions/change-owner", Map.of("userId", bob.id()));
        // Bob owns it now but holds no role in the admin's space: he may see it, not delete it; an admin may.
        assertThat(bob.api().delete(path).errorCode()).isEqualTo("AUTOMATION-FORBIDDEN");
        assertThat(admin.delete(path).status()).isEqualTo(204);

        List<TestAuditEvents.Row> events = audit(id);
        assertThat(events).extracting(TestAuditEvents.Row::eventType).containsExactly(
                "com.qlik.v1.automation.created", "com.qlik.v1.automation.updated",
                "com.qlik.v1.automation.disabled", "com.qlik.v1.automation.enabled",
                "com.qlik.v1.automation.space-changed", "com.qlik.v1.automation.owner-changed",
                "com.qlik.v1.automation.deleted");
        assertThat(events).extracting(TestAuditEvents.Row::resourceType).containsOnly("automation");
        assertThat(events).extracting(TestAuditEvents.Row::userId).containsExactly(adminCaller().userId(),
                adminCaller().userId(), adminCaller().userId(), adminCaller().userId(), adminCaller().userId(),
                adminCaller().userId(), adminCaller().userId());
        assertThat(events.get(1).data()).contains("\"changedFields\":[\"description\",\"workspace\"]");
        assertThat(events.get(2).data()).contains("\"changedFields\":[\"state\"]");
        assertThat(events.get(4).data()).contains("\"changedFields\":[\"spaceId\"]").contains(space);
        assertThat(events.get(5).data()).contains("\"changedFields\":[\"ownerId\"]").contains(bob.id());
        assertThat(events.get(6).data()).contains("\"name\":\"audited\"");
        assertThat(events).extracting(TestAuditEvents.Row::data).noneMatch(d -> d.contains("Canary-Workspace"));
    }

    @Test
    void runsAreNotServed() {
        String id = (String) create(admin, "no runs").get("id");
        for (String path : List.of(WF + "/" + id + "/runs", V1 + "/" + id + "/runs")) {
            HttpApi.Response runs = admin.get(path);
            assertThat(runs.status()).isEqualTo(404);
            assertThat(runs.errorCode()).isEqualTo("HTTP-404");
        }
        assertThat(admin.post(WF + "/" + id + "/runs", Map.of("context", "api")).status()).isEqualTo(404);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Connections used by automations.

    @ParameterizedTest
    @ValueSource(strings = {ConnectionsController.V1, ConnectionsController.WORKFLOWS})
    void aUsedConnectionIsDeletedOnlyWhenForced(String connections) {
        User user = newUser();
        String used = newConnection(user.api(), "crm");
        String unused = newConnection(user.api(), "spare");
        Map<String, Object> workspace = workspaceUsing(used);
        String a1 = (String) create(user.api(), WF, Map.of("name", "Zeta sync", "workspace", workspace)).get("id");
        String a2 = (String) create(admin, V1, Map.of("name", "alpha report", "workspace", workspaceUsing(used, unused)))
                .get("id");

        HttpApi.Response refused = user.api().delete(connections + "/" + used);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo("CONNECTION-IN-USE");
        // The user learns how many automations use it, and the names of those they may see only.
        assertThat(refused.errorDetail()).contains("used by 2 automations: 'Zeta sync' (" + a1 + ") and 1 more",
                "forced=true").doesNotContain("alpha report").doesNotContain(a2);
        HttpApi.Response toAnAdmin = admin.delete(connections + "/" + used);
        assertThat(toAnAdmin.errorDetail()).contains("'alpha report' (" + a2 + ")", "'Zeta sync' (" + a1 + ")");
        assertThat(toAnAdmin.errorDetail().indexOf("alpha report")).isLessThan(toAnAdmin.errorDetail().indexOf("Zeta sync"));
        assertThat(user.api().get(connections + "/" + used).status()).isEqualTo(200);
        assertThat(user.api().delete(connections + "/" + used + "?forced=false").errorCode()).isEqualTo("CONNECTION-IN-USE");

        assertThat(user.api().delete(connections + "/" + used + "?forced=true").status()).isEqualTo(204);
        assertThat(user.api().get(connections + "/" + used).status()).isEqualTo(404);
        // The automations keep their workspaces as they were.
        assertThat(user.api().get(WF + "/" + a1).json()).containsEntry("workspace", workspace);
        // The other connection is still in use by one automation.
        HttpApi.Response stillUsed = user.api().delete(connections + "/" + unused);
        assertThat(stillUsed.errorDetail()).contains("used by 1 automation.").doesNotContain(a2).doesNotContain(a1);
        assertThat(admin.delete(connections + "/" + unused).errorDetail()).contains("used by 1 automation:", a2);
        // Removing it from the workspace frees it.
        assertThat(admin.put(V1 + "/" + a2, Map.of("workspace", Map.of())).status()).isEqualTo(200);
        assertThat(user.api().delete(connections + "/" + unused).status()).isEqualTo(204);
    }

    @Test
    void aRefusalNamesTheFirstTenAndCountsTheRest() {
        String used = newConnection(admin, "popular");
        for (int i = 0; i < 12; i++) {
            create(admin, WF, Map.of("name", String.format("user-%02d", i), "workspace", workspaceUsing(used)));
        }
        HttpApi.Response refused = admin.delete(ConnectionsController.V1 + "/" + used);
        assertThat(refused.errorDetail()).contains("used by 12 automations", "'user-00'", "'user-09'", "and 2 more")
                .doesNotContain("'user-10'");
    }

    @Test
    void onlyTheConnectionsOwnTenantsAutomationsCount() {
        String mine = newConnection(admin, "mine");
        HttpApi otherTenant = otherTenantAdmin();
        String foreign = (String) create(otherTenant, WF, Map.of("name", "foreign", "workspace", workspaceUsing(mine)))
                .get("id");
        HttpApi.Response usage = admin.get(ConnectionsController.V1 + "/" + mine + "/usage");
        assertThat(usage.data()).isEmpty();
        assertThat(otherTenant.get(ConnectionsController.V1 + "/" + mine + "/usage").status()).isEqualTo(404);
        assertThat(admin.delete(ConnectionsController.V1 + "/" + mine).status()).isEqualTo(204);
        assertThat(otherTenant.get(WF + "/" + foreign).status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {ConnectionsController.V1, ConnectionsController.WORKFLOWS})
    void theUsageEndpointListsTheAutomationsUsingAConnection(String connections) {
        User owner = newUser();
        User stranger = newUser();
        String used = newConnection(owner.api(), "shared creds");
        List<Object> users = new ArrayList<>();
        List<Object> hiddenFromOwner = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            // Some automations are the admin's, in the admin's personal space: the connection's owner may not see them.
            HttpApi api = i % 2 == 0 ? owner.api() : admin;
            Object id = create(api, WF, Map.of("name", "uses-" + i, "workspace", workspaceUsing(used))).get("id");
            if (api == owner.api()) {
                users.add(id);
            } else {
                hiddenFromOwner.add(id);
            }
        }
        create(owner.api(), WF, Map.of("name", "uses nothing"));
        String path = connections + "/" + used + "/usage";

        List<Object> seen = new ArrayList<>();
        String next = path + "?limit=2&sort=name";
        while (next != null) {
            HttpApi.Response page = owner.api().get(next);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.data().forEach(m -> seen.add(m.get("id")));
            next = nextHref(page);
            if (next != null) {
                assertThat(next).startsWith(admin.base() + path + "?");
            }
        }
        assertThat(seen).containsExactlyElementsOf(users);
        assertThat(owner.api().get(path + "?filter=" + enc("name eq \"uses-2\"")).data())
                .extracting(m -> m.get("id")).containsExactly(users.get(1));
        assertThat(owner.api().get(path + "?filter=" + enc("name eq \"uses-3\"")).data()).isEmpty();
        assertThat(admin.get(path + "?limit=10").data()).extracting(m -> m.get("id"))
                .containsAll(users).containsAll(hiddenFromOwner).hasSize(5);

        HttpApi.Response hidden = stranger.api().get(path);
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.errorCode()).isEqualTo("CONNECTION-NOT-FOUND");
        assertThat(owner.api().get(connections + "/no-such-connection/usage").status()).isEqualTo(404);
        assertThat(owner.api().get(path + "?limit=0").errorCode()).isEqualTo("INVALID-LIMIT");
        assertThat(owner.api().get(path + "?sort=colour").errorCode()).isEqualTo("INVALID-SORT");
        String cursorOfAnotherList = nextHref(owner.api().get(WF + "?limit=1"));
        assertThat(owner.api().get(path + cursorOfAnotherList.substring(cursorOfAnotherList.indexOf('?')))
                .errorCode()).isEqualTo("INVALID-CURSOR");

        assertThat(admin.delete(WF + "/" + users.get(0)).status()).isEqualTo(204);
        assertThat(admin.get(path).data()).hasSize(4);
    }
}
