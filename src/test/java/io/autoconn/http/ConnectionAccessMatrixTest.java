package io.autoconn.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoconn.identity.Role;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The permission matrix of automation connections, walked over HTTP: every operation, by every kind of
 * caller, on a personal connection, one in a shared space and one in a managed space, in both path
 * flavours. The tables below are the expectations, written out by hand (not derived from the rules under
 * test); every mismatching cell is reported at once.
 *
 * <p>The connection under test is owned by {@code owner}, who is a producer of the shared space and an
 * operator of the managed space. Columns:
 * <ul>
 *   <li>list: whether the connection is in the caller's own list; listAll: in {@code ?listAll=true}</li>
 *   <li>get, check, update (rename), delete, chown (change-owner to another user)</li>
 *   <li>chspace: a personal connection is moved into the shared space; a space connection to its
 *       owner's personal space</li>
 *   <li>create: a new connection in the same place (the caller's own personal space for the personal table)</li>
 * </ul>
 * Statuses: 404 = not visible (CONNECTION-NOT-FOUND), 403 = visible but not allowed (CONNECTION-FORBIDDEN;
 * LIST-ALL-FORBIDDEN for listAll), 400 = a space the caller cannot see (UNKNOWN-SPACE), 401 = no key.
 */
@MicronautTest
class ConnectionAccessMatrixTest extends ApiTestBase {
    private static final String COLUMNS = "actor list listAll get check update delete chown chspace create";

    private static final String PERSONAL = """
            owner                 yes 403 200 200 200 204 204 204 201
            shared:owner          no  403 404 404 404 404 404 404 201
            shared:facilitator    no  403 404 404 404 404 404 404 201
            shared:producer       no  403 404 404 404 404 404 404 201
            shared:codeveloper    no  403 404 404 404 404 404 404 201
            shared:consumer       no  403 404 404 404 404 404 404 201
            shared:dataconsumer   no  403 404 404 404 404 404 404 201
            managed:owner         no  403 404 404 404 404 404 404 201
            managed:facilitator   no  403 404 404 404 404 404 404 201
            managed:operator      no  403 404 404 404 404 404 404 201
            managed:publisher     no  403 404 404 404 404 404 404 201
            managed:contributor   no  403 404 404 404 404 404 404 201
            managed:consumer      no  403 404 404 404 404 404 404 201
            managed:dataconsumer  no  403 404 404 404 404 404 404 201
            managed:basicconsumer no  403 404 404 404 404 404 404 201
            otherSpaceMember      no  403 404 404 404 404 404 404 201
            stranger              no  403 404 404 404 404 404 404 201
            tenantAdmin           no  yes 200 200 403 204 204 403 201
            analyticsAdmin        no  yes 200 200 403 204 204 403 201
            otherTenantAdmin      no  no  404 404 404 404 404 404 201
            anonymous             401 401 401 401 401 401 401 401 401
            """;

    private static final String SHARED = """
            owner                 yes 403 200 200 200 204 204 204 201
            shared:owner          yes 403 200 200 200 204 403 204 201
            shared:facilitator    yes 403 200 200 200 204 403 204 201
            shared:producer       yes 403 200 200 403 403 403 403 201
            shared:codeveloper    yes 403 200 200 403 403 403 403 201
            shared:consumer       yes 403 200 200 403 403 403 403 403
            shared:dataconsumer   yes 403 200 200 403 403 403 403 403
            managed:owner         no  403 404 404 404 404 404 404 400
            managed:facilitator   no  403 404 404 404 404 404 404 400
            managed:operator      no  403 404 404 404 404 404 404 400
            managed:publisher     no  403 404 404 404 404 404 404 400
            managed:contributor   no  403 404 404 404 404 404 404 400
            managed:consumer      no  403 404 404 404 404 404 404 400
            managed:dataconsumer  no  403 404 404 404 404 404 404 400
            managed:basicconsumer no  403 404 404 404 404 404 404 400
            otherSpaceMember      no  403 404 404 404 404 404 404 400
            stranger              no  403 404 404 404 404 404 404 400
            tenantAdmin           no  yes 200 200 403 204 204 403 403
            analyticsAdmin        no  yes 200 200 403 204 204 403 403
            otherTenantAdmin      no  no  404 404 404 404 404 404 400
            anonymous             401 401 401 401 401 401 401 401 401
            """;

    private static final String MANAGED = """
            owner                 yes 403 200 200 200 204 204 204 201
            shared:owner          no  403 404 404 404 404 404 404 400
            shared:facilitator    no  403 404 404 404 404 404 404 400
            shared:producer       no  403 404 404 404 404 404 404 400
            shared:codeveloper    no  403 404 404 404 404 404 404 400
            shared:consumer       no  403 404 404 404 404 404 404 400
            shared:dataconsumer   no  403 404 404 404 404 404 404 400
            managed:owner         yes 403 200 200 200 204 403 204 201
            managed:facilitator   yes 403 200 200 200 204 403 204 201
            managed:operator      yes 403 200 200 403 403 403 403 201
            managed:publisher     yes 403 200 200 403 403 403 403 403
            managed:contributor   yes 403 200 200 403 403 403 403 403
            managed:consumer      yes 403 200 200 403 403 403 403 403
            managed:dataconsumer  yes 403 200 200 403 403 403 403 403
            managed:basicconsumer yes 403 200 200 403 403 403 403 403
            otherSpaceMember      no  403 404 404 404 404 404 404 400
            stranger              no  403 404 404 404 404 404 404 400
            tenantAdmin           no  yes 200 200 403 204 204 403 403
            analyticsAdmin        no  yes 200 200 403 204 204 403 403
            otherTenantAdmin      no  no  404 404 404 404 404 404 400
            anonymous             401 401 401 401 401 401 401 401 401
            """;

    /** The world the tables talk about, made once for the class. */
    private World world;

    private record World(Map<String, User> actors, String sharedSpace, String managedSpace, String heir) {
        User actor(String name) {
            return actors.get(name);
        }
    }

    private World world() {
        if (world != null) {
            return world;
        }
        Map<String, User> actors = new LinkedHashMap<>();
        User owner = newUser();
        actors.put("owner", owner);
        User sharedOwner = newUser();
        actors.put("shared:owner", sharedOwner);
        String shared = newSpace(sharedOwner.api(), "shared");
        assign(shared, owner.id(), "producer");
        for (String role : List.of("facilitator", "producer", "codeveloper", "consumer", "dataconsumer")) {
            User u = newUser();
            assign(shared, u.id(), role);
            actors.put("shared:" + role, u);
        }
        User managedOwner = newUser();
        actors.put("managed:owner", managedOwner);
        String managed = newSpace(admin, "managed");
        HttpApi.Response handOver = admin.put(SpaceWire.SPACES + "/" + managed, Map.of("ownerId", managedOwner.id()));
        assertThat(handOver.status()).as(handOver.toString()).isEqualTo(200);
        assign(managed, owner.id(), "operator");
        for (String role : List.of("facilitator", "operator", "publisher", "contributor", "consumer", "dataconsumer",
                "basicconsumer")) {
            User u = newUser();
            assign(managed, u.id(), role);
            actors.put("managed:" + role, u);
        }
        User otherMember = newUser();
        assign(newSpace(), otherMember.id(), "producer");
        actors.put("otherSpaceMember", otherMember);
        actors.put("stranger", newUser());
        actors.put("tenantAdmin", newUser(Role.TENANT_ADMIN));
        actors.put("analyticsAdmin", newUser(Role.ANALYTICS_ADMIN));
        actors.put("otherTenantAdmin", newTenantAdmin());
        actors.put("anonymous", new User("anonymous", admin.as(null)));
        world = new World(actors, shared, managed, newUser().id());
        return world;
    }

    static Stream<Arguments> placementsAndFlavours() {
        List<Arguments> all = new ArrayList<>();
        for (String base : List.of(ConnectionsController.V1, ConnectionsController.WORKFLOWS)) {
            all.add(Arguments.of("personal", PERSONAL, base));
            all.add(Arguments.of("shared", SHARED, base));
            all.add(Arguments.of("managed", MANAGED, base));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} connection via {2}")
    @MethodSource("placementsAndFlavours")
    void everyOperationByEveryCallerGetsTheExpectedAnswer(String placement, String table, String base) {
        World w = world();
        List<String> columns = List.of(COLUMNS.split(" "));
        List<String> mismatches = new ArrayList<>();
        Set<String> actorsInTable = new HashSet<>();
        String readable = newConnection(w, placement, base);
        for (String line : table.strip().split("\n")) {
            String[] cells = line.strip().split("\\s+");
            assertThat(cells).as("row '%s' has one cell per column of: %s", line, COLUMNS).hasSize(columns.size());
            String actorName = cells[0];
            User actor = w.actor(actorName);
            assertThat(actor).as("actor '%s' of the table", actorName).isNotNull();
            actorsInTable.add(actorName);
            for (int c = 1; c < cells.length; c++) {
                String expected = cells[c];
                String operation = columns.get(c);
                String actual = perform(w, placement, base, operation, actor, readable);
                if (!actual.equals(expected)) {
                    mismatches.add(String.format("%-22s %-8s expected %s, got %s", actorName, operation, expected, actual));
                }
            }
        }
        assertThat(actorsInTable).as("the table covers every actor").containsExactlyInAnyOrderElementsOf(w.actors().keySet());
        assertThat(mismatches).as("cells of the %s table (via %s) that differ", placement, base).isEmpty();
    }

    /** Does {@code operation} as {@code actor}; the answer as the tables write it ("yes"/"no" for lists, else the status). */
    private String perform(World w, String placement, String base, String operation, User actor, String readable) {
        HttpApi api = actor.api();
        if (operation.equals("list") || operation.equals("listAll")) {
            String query = "?filter=" + ConnectionsApiTest.enc("id eq \"" + readable + "\"")
                    + (operation.equals("listAll") ? "&listAll=true" : "");
            HttpApi.Response r = api.get(base + query);
            if (r.status() != 200) {
                return expectCode(r, operation.equals("listAll") ? "LIST-ALL-FORBIDDEN" : null);
            }
            return r.data().stream().anyMatch(c -> readable.equals(c.get("id"))) ? "yes" : "no";
        }
        if (operation.equals("create")) {
            Map<String, Object> body = new LinkedHashMap<>(connectionBody("created by matrix"));
            String space = spaceOf(w, placement);
            if (space != null) {
                body.put("spaceId", space);
            }
            return expectCode(api.post(base, body), null);
        }
        // Reads share one connection; every change gets a fresh one, so cells never depend on each other.
        String id = operation.equals("get") || operation.equals("check") ? readable : newConnection(w, placement, base);
        String path = base + "/" + id;
        HttpApi.Response r = switch (operation) {
            case "get" -> api.get(path);
            case "check" -> api.postEmpty(path + "/actions/check");
            case "update" -> api.put(path, Map.of("name", "renamed by " + actor.id()));
            case "delete" -> api.delete(path);
            case "chown" -> api.post(path + "/actions/change-owner", Map.of("userId", w.heir()));
            case "chspace" -> api.post(path + "/actions/change-space",
                    Map.of("spaceId", placement.equals("personal") ? w.sharedSpace() : ""));
            default -> throw new IllegalArgumentException("No column " + operation);
        };
        return expectCode(r, null);
    }

    /** The status, after checking that an error carries the code that status stands for in the matrix. */
    private static String expectCode(HttpApi.Response r, String forbiddenCode) {
        String code = switch (r.status()) {
            case 400 -> "UNKNOWN-SPACE";
            case 401 -> "HTTP-401";
            case 403 -> forbiddenCode == null ? "CONNECTION-FORBIDDEN" : forbiddenCode;
            case 404 -> "CONNECTION-NOT-FOUND";
            default -> null;
        };
        if (code != null && !code.equals(r.errorCode())) {
            return r.status() + " with code " + r.errorCode() + " (" + r.errorDetail() + ")";
        }
        return String.valueOf(r.status());
    }

    private static String spaceOf(World w, String placement) {
        return switch (placement) {
            case "shared" -> w.sharedSpace();
            case "managed" -> w.managedSpace();
            default -> null;
        };
    }

    private String newConnection(World w, String placement, String base) {
        Map<String, Object> body = new LinkedHashMap<>(connectionBody(placement + " connection"));
        String space = spaceOf(w, placement);
        if (space != null) {
            body.put("spaceId", space);
        }
        HttpApi.Response r = w.actor("owner").api().post(base, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return (String) r.json().get("id");
    }

    private Map<String, Object> connectionBody(String name) {
        return Map.of("connectorId", HTTP_API, "name", name, "params", List.of(healthyHttpParams()));
    }

    /**
     * Whatever else is in the tenant, no list shows a caller a connection they may not see: every item of
     * every page of their own list is theirs or in a space they are a member of, and listAll shows only
     * their own tenant's connections.
     */
    @Test
    void noListLeaksAcrossSpacesOrTenants() {
        World w = world();
        Set<String> ours = new HashSet<>();
        for (String placement : List.of("personal", "shared", "managed")) {
            ours.add(newConnection(w, placement, ConnectionsController.V1));
        }
        // Connections of space members themselves, in their spaces and personal.
        for (String name : List.of("shared:consumer", "managed:facilitator", "otherSpaceMember", "stranger")) {
            HttpApi.Response r = w.actor(name).api().post(ConnectionsController.V1,
                    connectionBody("own of " + name));
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
            ours.add((String) r.json().get("id"));
        }
        Map<String, Set<String>> spacesOf = Map.of(
                "owner", Set.of(w.sharedSpace(), w.managedSpace()),
                "shared:consumer", Set.of(w.sharedSpace()),
                "managed:facilitator", Set.of(w.managedSpace()),
                "stranger", Set.of(),
                "otherSpaceMember", Set.of());
        for (Map.Entry<String, Set<String>> e : spacesOf.entrySet()) {
            User actor = w.actor(e.getKey());
            for (Map<String, Object> item : allPages(actor.api(), ConnectionsController.WORKFLOWS + "?limit=7")) {
                boolean own = actor.id().equals(item.get("ownerId"));
                boolean inMySpace = item.get("spaceId") != null && e.getValue().contains(item.get("spaceId"));
                assertThat(own || inMySpace).as("%s lists %s", e.getKey(), item).isTrue();
            }
        }
        List<Map<String, Object>> others = allPages(w.actor("otherTenantAdmin").api(),
                ConnectionsController.V1 + "?listAll=true&limit=50");
        assertThat(others).extracting(m -> m.get("id")).doesNotContainAnyElementsOf(ours);
        assertThat(allPages(w.actor("tenantAdmin").api(), ConnectionsController.V1 + "?listAll=true&limit=50"))
                .extracting(m -> m.get("id")).containsAll(ours);
        assertThat(allPages(w.actor("shared:consumer").api(), ConnectionsController.V1 + "?limit=50"))
                .extracting(m -> m.get("spaceId")).contains(w.sharedSpace()).doesNotContain(w.managedSpace());
    }

    private static List<Map<String, Object>> allPages(HttpApi api, String first) {
        List<Map<String, Object>> items = new ArrayList<>();
        String next = first;
        while (next != null) {
            HttpApi.Response page = api.get(next);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            items.addAll(page.data());
            next = ConnectionsApiTest.nextHref(page);
        }
        return items;
    }

    @Test
    void movingNeedsRightsInTheTargetSpaceToo() {
        World w = world();
        User owner = w.actor("owner");
        String base = ConnectionsController.V1;
        String personal = newConnection(w, "personal", base);
        // owner is a consumer only of this space: visible, not a place to put connections.
        HttpApi host = newUser().api();
        String viewOnly = newSpace(host, "shared");
        assign(viewOnly, owner.id(), "consumer");
        HttpApi.Response r = owner.api().post(base + "/" + personal + "/actions/change-space", Map.of("spaceId", viewOnly));
        assertThat(r.status()).as(r.toString()).isEqualTo(403);
        assertThat(r.errorCode()).isEqualTo("CONNECTION-FORBIDDEN");
        assertThat(r.errorDetail()).contains("codeveloper, facilitator, producer").contains("you hold consumer");
        // A space owner cannot see is unknown to them, whether or not it exists.
        String hidden = newSpace(host, "shared");
        HttpApi.Response unknown = owner.api().post(base + "/" + personal + "/actions/change-space", Map.of("spaceId", hidden));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.errorCode()).isEqualTo("UNKNOWN-SPACE");
        // From the shared space (producer) straight into the managed one (operator): rights in both.
        String shared = newConnection(w, "shared", base);
        assertThat(owner.api().post(base + "/" + shared + "/actions/change-space", Map.of("spaceId", w.managedSpace()))
                .status()).isEqualTo(204);
        assertThat(owner.api().get(base + "/" + shared).json()).containsEntry("spaceId", w.managedSpace());
        // A facilitator of the source space who is nothing in the target may not move it there.
        String another = newConnection(w, "shared", base);
        HttpApi.Response notThere = w.actor("shared:facilitator").api().post(
                base + "/" + another + "/actions/change-space", Map.of("spaceId", w.managedSpace()));
        assertThat(notThere.status()).as(notThere.toString()).isEqualTo(400);
        assertThat(notThere.errorCode()).isEqualTo("UNKNOWN-SPACE");
    }

    @Test
    void losingTheSpaceRoleLosesTheAccess() {
        World w = world();
        User member = newUser();
        HttpApi host = newUser().api();
        String space = newSpace(host, "shared");
        String assignment = assign(space, member.id(), "consumer");
        String id = newConnectionIn(host, space);
        assertThat(member.api().get(ConnectionsController.V1 + "/" + id).status()).isEqualTo(200);
        assertThat(admin.delete(SpaceWire.SPACES + "/" + space + "/assignments/" + assignment).status()).isEqualTo(204);
        assertThat(member.api().get(ConnectionsController.V1 + "/" + id).status()).isEqualTo(404);
        assertThat(member.api().get(ConnectionsController.V1 + "?filter=" + ConnectionsApiTest.enc("id eq \"" + id + "\""))
                .data()).isEmpty();
    }

    private String newConnectionIn(HttpApi api, String space) {
        Map<String, Object> body = new LinkedHashMap<>(connectionBody("in " + space));
        body.put("spaceId", space);
        HttpApi.Response r = api.post(ConnectionsController.V1, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return (String) r.json().get("id");
    }
}
