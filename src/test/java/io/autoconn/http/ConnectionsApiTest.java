package io.autoconn.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoconn.identity.Role;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every connection operation over HTTP, in both path flavours, as a client sees it. */
@MicronautTest
class ConnectionsApiTest extends ApiTestBase {

    private Map<String, Object> create(HttpApi api, String base, Map<String, Object> body) {
        HttpApi.Response r = api.post(base, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    private Map<String, Object> healthyHttp(String name) {
        return Map.of("connectorId", HTTP_API, "name", name, "params", List.of(healthyHttpParams()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> param(Map<String, Object> detail, String name) {
        return ((List<Map<String, Object>>) detail.get("params")).stream()
                .filter(p -> p.get("name").equals(name)).findFirst().orElseThrow();
    }

    private static int refusedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {ConnectionsController.V1, ConnectionsController.WORKFLOWS})
    void createReturnsTheDetailWithLocationEtagAndACheckedStatus(String base) {
        HttpApi.Response r = admin.post(base, Map.of("connectorId", HTTP_API, "params", List.of(
                Map.of("name", "baseUrl", "value", admin.base()),
                Map.of("name", "healthPath", "value", "/health"),
                Map.of("name", "authType", "value", "bearer"),
                Map.of("name", "token", "value", "tok-Canary-4711"))));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        Map<String, Object> body = r.json();
        String id = (String) body.get("id");
        assertThat(r.header("Location")).isEqualTo(admin.base() + base + "/" + id);
        assertThat(r.header("ETag")).isNotBlank();
        assertThat(body).containsEntry("name", "HTTP API").containsEntry("connectorId", HTTP_API)
                .containsEntry("isConnected", true).containsEntry("ownerId", adminCaller().userId())
                .doesNotContainKey("error").doesNotContainKey("spaceId");
        assertThat((String) body.get("createdAt")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
        assertThat(body.get("updatedAt")).isEqualTo(body.get("createdAt"));
        assertThat(r.text()).doesNotContain("tok-Canary-4711");
        assertThat(param(body, "token")).containsEntry("value", "********").containsEntry("fieldType", "password")
                .containsEntry("isOptional", true).containsEntry("order", 5)
                .containsKeys("id", "meta", "paramOptions", "documentation");
        assertThat(param(body, "password")).doesNotContainKey("value");
        assertThat(param(body, "authType").get("paramOptions")).asList().hasSize(4);
        assertThat(admin.get(base + "/" + id).json()).isEqualTo(body);
    }

    @Test
    void aFailingTargetIsSavedDisconnectedWithTheReason() throws Exception {
        int port = refusedPort();
        Map<String, Object> body = create(admin, ConnectionsController.V1, Map.of("connectorId", HTTP_API,
                "params", List.of(Map.of("name", "baseUrl", "value", "http://127.0.0.1:" + port))));
        assertThat(body).containsEntry("isConnected", false);
        assertThat((Map<String, Object>) body.get("error")).containsEntry("code", "CHECK-CONNECTION-REFUSED")
                .containsKeys("title", "detail");
        HttpApi.Response check = admin.postEmpty(ConnectionsController.V1 + "/" + body.get("id") + "/actions/check");
        assertThat(check.status()).isEqualTo(200);
        assertThat(check.json()).isEqualTo(Map.of("connected", false, "is_connected", false));
    }

    @ParameterizedTest
    @ValueSource(strings = {ConnectionsController.V1, ConnectionsController.WORKFLOWS})
    void checkAnswersTheLiveStatusAndStoresIt(String base) {
        Map<String, Object> created = create(admin, base, healthyHttp("to check"));
        HttpApi.Response r = admin.postEmpty(base + "/" + created.get("id") + "/actions/check");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json()).isEqualTo(Map.of("connected", true, "is_connected", true));
        assertThat(admin.get(base + "/" + created.get("id")).json()).containsEntry("isConnected", true);
    }

    @Test
    void postgresConnectionsAreReallyChecked() {
        Map<String, Object> ok = create(admin, ConnectionsController.V1, Map.of("connectorId", POSTGRESQL,
                "params", List.of(Map.of("name", "host", "value", "127.0.0.1"), Map.of("name", "port", "value", "5432"),
                        Map.of("name", "database", "value", "test"), Map.of("name", "user", "value", "postgres"),
                        Map.of("name", "password", "value", "irrelevant-under-trust"),
                        Map.of("name", "sslmode", "value", "disable"))));
        assertThat(ok).containsEntry("isConnected", true);
        Map<String, Object> missingDb = create(admin, ConnectionsController.V1, Map.of("connectorId", POSTGRESQL,
                "params", List.of(Map.of("name", "host", "value", "127.0.0.1"),
                        Map.of("name", "database", "value", "no_such_db_autoconn"), Map.of("name", "user", "value", "postgres"))));
        assertThat(missingDb).containsEntry("isConnected", false);
        assertThat((Map<String, Object>) missingDb.get("error")).containsEntry("code", "CHECK-DATABASE-NOT-FOUND");
    }

    @Test
    void paramsAreValidatedAgainstTheConnector() {
        String base = ConnectionsController.V1;
        Map<String, Object> baseUrl = Map.of("name", "baseUrl", "value", "https://example.com");
        record Case(Object params, String code, String mentions) {
        }
        List<Case> cases = List.of(
                new Case(List.of(baseUrl, Map.of("name", "colour", "value", "red")), "UNKNOWN-PARAM", "colour"),
                new Case(List.of(baseUrl, baseUrl), "DUPLICATE-PARAM", "baseUrl"),
                new Case(List.of(), "MISSING-PARAM", "baseUrl"),
                new Case(List.of(Map.of("name", "baseUrl", "value", "not a url")), "INVALID-PARAM-VALUE", "baseUrl"),
                new Case(List.of(baseUrl, Map.of("name", "authType", "value", "kerberos")), "INVALID-PARAM-VALUE", "authType"),
                new Case(List.of(Map.of("value", "x")), "INVALID-FIELD", "params[0].name"));
        for (Case c : cases) {
            HttpApi.Response r = admin.post(base, Map.of("connectorId", HTTP_API, "params", c.params()));
            assertThat(r.status()).as(r.toString()).isEqualTo(400);
            assertThat(r.errorCode()).as(r.toString()).isEqualTo(c.code());
            assertThat(r.errorDetail()).contains(c.mentions());
        }
        HttpApi.Response port = admin.post(base, Map.of("connectorId", POSTGRESQL, "params", List.of(
                Map.of("name", "host", "value", "h"), Map.of("name", "database", "value", "d"),
                Map.of("name", "user", "value", "u"), Map.of("name", "port", "value", "five"))));
        assertThat(port.errorCode()).isEqualTo("INVALID-PARAM-VALUE");
        assertThat(port.errorDetail()).contains("port");
    }

    @Test
    void createRejectsBadReferencesAndBodies() {
        String base = ConnectionsController.WORKFLOWS;
        assertThat(admin.post(base, Map.of("name", "x")).errorCode()).isEqualTo("INVALID-FIELD");
        assertThat(admin.post(base, Map.of("connectorId", "00000000-0000-0000-0000-000000000000")).errorCode())
                .isEqualTo("UNKNOWN-CONNECTOR");
        HttpApi.Response space = admin.post(base, Map.of("connectorId", HTTP_API, "spaceId", "nowhere",
                "params", List.of(healthyHttpParams())));
        assertThat(space.status()).isEqualTo(400);
        assertThat(space.errorCode()).isEqualTo("UNKNOWN-SPACE");
        assertThat(admin.post(base, Map.of("connectorId", HTTP_API, "name", " ")).errorCode()).isEqualTo("INVALID-FIELD");
        HttpApi.Response malformed = admin.raw("POST", base, "application/json", "{\"connectorId\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.errorCode()).isEqualTo("INVALID-JSON");
        assertThat(malformed.errorDetail()).contains("line 1").doesNotContainIgnoringCase("jackson")
                .doesNotContain("REDACTED");
        HttpApi.Response notObject = admin.raw("POST", base, "application/json", "[1,2]");
        assertThat(notObject.status()).isEqualTo(400);
        assertThat(notObject.text()).doesNotContain("io.autoconn");
        HttpApi.Response wrongType = admin.raw("POST", base, "text/plain", "hello");
        assertThat(wrongType.status()).isEqualTo(415);
        assertThat(wrongType.errorCode()).isEqualTo("HTTP-415");
        HttpApi.Response huge = admin.raw("POST", base, "application/json",
                "{\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}");
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.errorCode()).isEqualTo("HTTP-413");
    }

    @Test
    void createInASpaceAndMoveBetweenSpaces() {
        String space = newSpace();
        Map<String, Object> c = create(admin, ConnectionsController.V1, Map.of("connectorId", HTTP_API, "spaceId", space,
                "params", List.of(healthyHttpParams())));
        assertThat(c).containsEntry("spaceId", space);
        String path = ConnectionsController.V1 + "/" + c.get("id");
        assertThat(admin.post(path + "/actions/change-space", Map.of("spaceId", "")).status()).isEqualTo(204);
        assertThat(admin.get(path).json()).doesNotContainKey("spaceId");
        assertThat(admin.post(path + "/actions/change-space", Map.of("spaceId", space)).status()).isEqualTo(204);
        assertThat(admin.get(path).json()).containsEntry("spaceId", space);
        assertThat(admin.postEmpty(path + "/actions/change-space").status()).isEqualTo(204);
        assertThat(admin.get(path).json()).doesNotContainKey("spaceId");
        HttpApi.Response unknown = admin.post(path + "/actions/change-space", Map.of("spaceId", "nowhere"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.errorCode()).isEqualTo("UNKNOWN-SPACE");
    }

    @ParameterizedTest
    @ValueSource(strings = {ConnectionsController.V1, ConnectionsController.WORKFLOWS})
    void changeOwnerHandsTheConnectionOver(String base) {
        User bob = newUser();
        Map<String, Object> c = create(admin, base, healthyHttp("handed over"));
        String path = base + "/" + c.get("id");
        HttpApi.Response unknown = admin.post(path + "/actions/change-owner", Map.of("userId", "no-such-user"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.errorCode()).isEqualTo("UNKNOWN-USER");
        assertThat(admin.post(path + "/actions/change-owner", Map.of()).errorCode()).isEqualTo("INVALID-FIELD");
        assertThat(admin.postEmpty(path + "/actions/change-owner").status()).isEqualTo(400);
        assertThat(bob.api().get(path).status()).isEqualTo(404);
        assertThat(admin.post(path + "/actions/change-owner", Map.of("userId", bob.id())).status()).isEqualTo(204);
        Map<String, Object> now = bob.api().get(path).json();
        assertThat(now).containsEntry("ownerId", bob.id());
        assertThat((String) now.get("updatedAt")).isGreaterThan((String) c.get("updatedAt"));
    }

    @ParameterizedTest
    @ValueSource(strings = {ConnectionsController.V1, ConnectionsController.WORKFLOWS})
    void updateRenamesChangesParamsAndKeepsMaskedSecrets(String base) {
        // The check of this connection only passes with the right bearer token: the admin's own key.
        Map<String, Object> c = create(admin, base, Map.of("connectorId", HTTP_API, "params", List.of(
                Map.of("name", "baseUrl", "value", admin.base()),
                Map.of("name", "healthPath", "value", ConnectionsController.V1),
                Map.of("name", "authType", "value", "bearer"),
                Map.of("name", "token", "value", ADMIN_KEY))));
        assertThat(c).containsEntry("isConnected", true);
        String path = base + "/" + c.get("id");
        String tokenId = (String) param(c, "token").get("id");
        String etag = admin.get(path).header("ETag");

        HttpApi.Response renamed = admin.put(path, Map.of("name", "renamed",
                "params", List.of(Map.of("id", tokenId, "value", "********"))), "If-Match", etag);
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(renamed.json()).containsEntry("name", "renamed").containsEntry("isConnected", true);
        assertThat((String) renamed.json().get("updatedAt")).isGreaterThan((String) c.get("updatedAt"));
        assertThat(renamed.header("ETag")).isNotEqualTo(etag);

        HttpApi.Response stale = admin.put(path, Map.of("name", "lost"), "If-Match", etag);
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.errorCode()).isEqualTo("PRECONDITION-FAILED");
        assertThat(admin.get(path).json()).containsEntry("name", "renamed");

        HttpApi.Response wrongToken = admin.put(path, Map.of("params", List.of(Map.of("id", tokenId, "value", "wrong"))));
        assertThat(wrongToken.status()).isEqualTo(200);
        assertThat(wrongToken.json()).containsEntry("isConnected", false);
        assertThat(param(wrongToken.json(), "token")).containsEntry("value", "********");

        HttpApi.Response unknownParam = admin.put(path, Map.of("params", List.of(Map.of("id", "nope", "value", "1"))));
        assertThat(unknownParam.errorCode()).isEqualTo("UNKNOWN-PARAM");
        HttpApi.Response required = admin.put(path, Map.of("params", List.of(
                Map.of("id", param(c, "baseUrl").get("id"), "value", ""))));
        assertThat(required.errorCode()).isEqualTo("MISSING-PARAM");
        assertThat(admin.put(base + "/no-such-id", Map.of("name", "x")).status()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {ConnectionsController.V1, ConnectionsController.WORKFLOWS})
    void deleteRemovesTheConnection(String base) {
        Map<String, Object> c = create(admin, base, healthyHttp("doomed"));
        String path = base + "/" + c.get("id");
        assertThat(admin.delete(path + "?forced=true").status()).isEqualTo(204);
        HttpApi.Response gone = admin.get(path);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.errorCode()).isEqualTo("CONNECTION-NOT-FOUND");
        assertThat(admin.delete(path).status()).isEqualTo(404);
        assertThat(admin.delete(base + "/x?forced=maybe").errorCode()).isEqualTo("INVALID-QUERY-PARAMETER");
    }

    /** GET by id answers from memory once it has read a connection (ConnectionCache); no change may be missed. */
    @Test
    void aConnectionReadAgainAfterEveryKindOfChangeShowsTheChange() {
        User alice = newUser();
        User stranger = newUser();
        Map<String, Object> c = create(alice.api(), ConnectionsController.V1, healthyHttp("read often"));
        String path = ConnectionsController.V1 + "/" + c.get("id");
        HttpApi.Response first = alice.api().get(path);
        HttpApi.Response fromMemory = alice.api().get(path);
        assertThat(fromMemory.text()).as("the same JSON from memory").isEqualTo(first.text());
        assertThat(fromMemory.header("Content-Type")).isEqualTo(first.header("Content-Type"));
        assertThat(fromMemory.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(stranger.api().get(path).status()).as("remembered, still not the stranger's to see").isEqualTo(404);

        assertThat(alice.api().postEmpty(path + "/actions/check").status()).isEqualTo(200);
        String checked = alice.api().get(path).header("ETag");
        assertThat(checked).as("a check moves the version").isNotEqualTo(first.header("ETag"));

        assertThat(alice.api().put(path, Map.of("name", "renamed")).status()).isEqualTo(200);
        HttpApi.Response renamed = alice.api().get(path);
        assertThat(renamed.json()).containsEntry("name", "renamed");
        assertThat(renamed.header("ETag")).isNotEqualTo(checked);

        assertThat(alice.api().post(path + "/actions/change-owner", Map.of("userId", stranger.id())).status())
                .isEqualTo(204);
        assertThat(admin.get(path).json()).containsEntry("ownerId", stranger.id());
        assertThat(stranger.api().get(path).status()).as("now the stranger's").isEqualTo(200);
        assertThat(alice.api().get(path).status()).as("no longer alice's").isEqualTo(404);

        assertThat(admin.delete(path + "?forced=true").status()).isEqualTo(204);
        assertThat(stranger.api().get(path).status()).isEqualTo(404);
        assertThat(admin.get(path).errorCode()).isEqualTo("CONNECTION-NOT-FOUND");
    }

    @Test
    void otherUsersConnectionsAreInvisible() {
        User alice = newUser();
        User bob = newUser();
        Map<String, Object> c = create(alice.api(), ConnectionsController.V1, healthyHttp("alice's"));
        String path = ConnectionsController.V1 + "/" + c.get("id");
        assertThat(bob.api().get(path).status()).isEqualTo(404);
        assertThat(bob.api().put(path, Map.of("name", "mine now")).status()).isEqualTo(404);
        assertThat(bob.api().delete(path).status()).isEqualTo(404);
        assertThat(bob.api().postEmpty(path + "/actions/check").status()).isEqualTo(404);
        assertThat(bob.api().post(path + "/actions/change-owner", Map.of("userId", bob.id())).status()).isEqualTo(404);
        assertThat(bob.api().get(ConnectionsController.V1).data()).extracting(m -> m.get("id")).doesNotContain(c.get("id"));
        assertThat(alice.api().get(path).status()).isEqualTo(200);
    }

    @Test
    void listAllIsForAdminsOnly() {
        User plain = newUser();
        User analyst = newUser(Role.ANALYTICS_ADMIN);
        Map<String, Object> c = create(plain.api(), ConnectionsController.V1, healthyHttp("plain's"));
        HttpApi.Response refused = plain.api().get(ConnectionsController.V1 + "?listAll=true");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.errorCode()).isEqualTo("LIST-ALL-FORBIDDEN");
        for (HttpApi adminApi : List.of(admin, analyst.api())) {
            List<Object> ids = new ArrayList<>();
            String next = ConnectionsController.V1 + "?listAll=true&limit=200";
            while (next != null) {
                HttpApi.Response page = adminApi.get(next);
                page.data().forEach(m -> ids.add(m.get("id")));
                next = nextHref(page);
            }
            assertThat(ids).contains(c.get("id"));
        }
        assertThat(admin.get(ConnectionsController.V1 + "?limit=200&filter=" + enc("id eq \"" + c.get("id") + "\""))
                .data()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {ConnectionsController.V1, ConnectionsController.WORKFLOWS})
    void listPagesWithAbsoluteLinksThatRepeatTheQuery(String base) {
        User user = newUser();
        Set<Object> created = new HashSet<>();
        for (int i = 0; i < 12; i++) {
            created.add(create(user.api(), base, healthyHttp("page-" + (i % 4))).get("id"));
        }
        create(user.api(), base, healthyHttp("other"));
        String first = base + "?limit=5&sort=-name&filter=" + enc("name sw \"PAGE-\"");
        List<Object> seen = new ArrayList<>();
        List<String> names = new ArrayList<>();
        String next = first;
        HttpApi.Response page = null;
        int pages = 0;
        while (next != null) {
            page = user.api().get(next);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.data().forEach(m -> {
                seen.add(m.get("id"));
                names.add((String) m.get("name"));
            });
            next = nextHref(page);
            if (next != null) {
                assertThat(next).startsWith(admin.base() + base + "?").contains("limit=5").contains("sort=-name")
                        .contains("filter=").contains("cursor=");
            }
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(12).containsExactlyInAnyOrderElementsOf(created);
        assertThat(names).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        String prev = href(page, "prev");
        assertThat(prev).isNotNull();
        assertThat(user.api().get(prev).data()).hasSize(5);
    }

    @Test
    void badListQueriesAreExplained() {
        String base = ConnectionsController.V1;
        assertThat(admin.get(base + "?limit=0").errorCode()).isEqualTo("INVALID-LIMIT");
        assertThat(admin.get(base + "?limit=201").errorCode()).isEqualTo("INVALID-LIMIT");
        assertThat(admin.get(base + "?limit=ten").errorCode()).isEqualTo("INVALID-LIMIT");
        assertThat(admin.get(base + "?sort=color").errorCode()).isEqualTo("INVALID-SORT");
        HttpApi.Response filter = admin.get(base + "?filter=" + enc("name eq"));
        assertThat(filter.status()).isEqualTo(400);
        assertThat(filter.errorCode()).isEqualTo("INVALID-FILTER");
        assertThat(admin.get(base + "?filter=" + enc("color eq \"red\"")).errorDetail()).contains("color");
        assertThat(admin.get(base + "?cursor=garbage").errorCode()).isEqualTo("INVALID-CURSOR");
        assertThat(admin.get(base + "?listAll=yes").errorCode()).isEqualTo("INVALID-QUERY-PARAMETER");
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    static String nextHref(HttpApi.Response page) {
        return href(page, "next");
    }

    @SuppressWarnings("unchecked")
    static String href(HttpApi.Response page, String rel) {
        Map<String, Object> links = (Map<String, Object>) page.json().get("links");
        Map<String, Object> link = links == null ? null : (Map<String, Object>) links.get(rel);
        return link == null ? null : (String) link.get("href");
    }
}
