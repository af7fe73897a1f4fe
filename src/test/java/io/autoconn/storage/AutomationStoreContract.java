package io.autoconn.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoconn.audit.AuditEvent;
import io.autoconn.automations.Automation;
import io.autoconn.automations.AutomationState;
import io.autoconn.automations.AutomationSummary;
import io.autoconn.automations.ConnectionUsage;
import io.autoconn.automations.RunMode;
import io.autoconn.automations.Workspace;
import io.autoconn.connections.Connection;
import io.autoconn.identity.ApiKeys;
import io.autoconn.query.ListRequest;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every storage backend must do with automations and their connection usages; run against real databases
 * by {@link SqliteAutomationStoreTest} and {@link PostgresAutomationStoreTest}.
 */
abstract class AutomationStoreContract extends BackendSuite {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00.123456Z");
    private static final JsonMapper JSON = JsonMapper.createDefault();

    private Database db;
    private AutomationStore automations;
    private ConnectionStore connections;
    private DirectoryStore directory;
    private String tenant;
    private String owner;
    private String otherTenant;

    @BeforeEach
    void setUp() {
        db = database();
        automations = new JooqAutomationStore(db, JSON);
        connections = new JooqConnectionStore(db, JSON, notifications(db));
        directory = new JooqDirectoryStore(db);
        tenant = newTenant("acme");
        owner = userIn(tenant);
        otherTenant = newTenant("globex");
    }

    private String newTenant(String name) {
        String tenantId = UUID.randomUUID().toString();
        directory.createTenantIfAbsent(new DirectoryStore.NewTenant(tenantId, name, UUID.randomUUID().toString(),
                "admin", UUID.randomUUID().toString(), ApiKeys.hash(ApiKeys.generate()), T0));
        return tenantId;
    }

    private String userIn(String tenantId) {
        String id = UUID.randomUUID().toString();
        directory.createUser(tenantId, id, "user", Set.of(), T0);
        return id;
    }

    private String connectionIn(String tenantId) {
        String id = UUID.randomUUID().toString();
        connections.insert(new Connection(id, tenantId, tenantId.equals(tenant) ? owner : userIn(tenantId), null,
                "67031468-9f41-4068-9de8-95d3dd29dfb4", "c", Map.of(), Map.of(), false, null, 1, T0, T0),
                AuditEvent.bySystem(tenantId, "automation-connection", "created", id, T0, Map.of()));
        return id;
    }

    private static Workspace workspace(String json) {
        try {
            return new Workspace(JSON.readValue(json, JsonNode.class));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A workspace whose blocks use these connections. */
    private static Workspace using(String... connectionIds) {
        StringBuilder blocks = new StringBuilder();
        for (String id : connectionIds) {
            blocks.append(blocks.isEmpty() ? "" : ",").append("{\"type\":\"endpoint\",\"connectionId\":\"").append(id).append("\"}");
        }
        return workspace("{\"blocks\":[" + blocks + "]}");
    }

    private Automation automation(String tenantId, String ownerId, String name, Workspace workspace) {
        return new Automation(UUID.randomUUID().toString(), tenantId, ownerId, null, name, "about " + name,
                AutomationState.AVAILABLE, RunMode.MANUAL, 1, workspace, 1, T0, T0);
    }

    private static AuditEvent event(Automation a, String action) {
        return AuditEvent.bySystem(a.tenantId(), "automation", action, a.id(), T0,
                Map.of(AuditEvent.CHANGED_FIELDS, List.of("workspace")));
    }

    private void insert(Automation a) {
        automations.insert(a, event(a, "created"));
    }

    private static ListRequest firstPage(String sort) {
        return new ListRequest(null, sort, null, 100, "test");
    }

    private static List<String> names(AutomationStore.Page page) {
        return page.automations().stream().map(AutomationSummary::name).toList();
    }

    @Test
    void storedAutomationReadsBackExactlyWithItsAuditEvent() {
        Automation a = new Automation(UUID.randomUUID().toString(), tenant, owner, null, "Ünïcødé ✓", "d",
                AutomationState.DISABLED, RunMode.MANUAL, 7,
                workspace("{\"blocks\":[{\"x\":1.5,\"big\":12345678901234567890,\"deep\":{\"a\":[true,null]}}]}"),
                3, T0, T0.plusMillis(5));
        insert(a);
        assertThat(automations.find(tenant, a.id())).contains(a);
        assertThat(TestAuditEvents.of(db.dsl(), tenant, a.id())).extracting(TestAuditEvents.Row::eventType)
                .containsExactly("com.qlik.v1.automation.created");
    }

    @Test
    void usagesAreTheTenantsConnectionsTheWorkspaceNames() {
        String used = connectionIn(tenant);
        String unused = connectionIn(tenant);
        String foreign = connectionIn(otherTenant);
        Automation a = automation(tenant, owner, "uses", using(used, foreign, "no-such-connection"));
        insert(a);
        assertThat(automations.usage(tenant, used, null, 10)).isEqualTo(
                new ConnectionUsage(1, List.of(new ConnectionUsage.UsingAutomation(a.id(), "uses"))));
        assertThat(automations.usage(tenant, unused, null, 10).inUse()).isFalse();
        // Another tenant's connection id in a workspace marks nothing, on either side.
        assertThat(automations.usage(otherTenant, foreign, null, 10).inUse()).isFalse();
        assertThat(automations.usage(tenant, foreign, null, 10).inUse()).isFalse();
    }

    @Test
    void aReaderLearnsTheNamesOfTheUsingAutomationsTheyMaySeeAndTheCountOfAll() {
        String c = connectionIn(tenant);
        String other = userIn(tenant);
        Automation mine = automation(tenant, owner, "mine", using(c));
        Automation theirs = automation(tenant, other, "theirs", using(c));
        insert(mine);
        insert(theirs);
        Reader ownersView = new Reader(owner, List.of());
        assertThat(automations.usage(tenant, c, ownersView, 10)).isEqualTo(
                new ConnectionUsage(2, List.of(new ConnectionUsage.UsingAutomation(mine.id(), "mine"))));
        assertThat(names(automations.usingConnection(tenant, c, ownersView, firstPage(null)))).containsExactly("mine");
        assertThat(names(automations.usingConnection(tenant, c, null, firstPage("name"))))
                .containsExactly("mine", "theirs");
    }

    @Test
    void replaceRewritesTheUsagesOnlyOnTheExpectedVersion() {
        String first = connectionIn(tenant);
        String second = connectionIn(tenant);
        Automation a = automation(tenant, owner, "a", using(first));
        insert(a);
        Automation moved = a.edited("a", "", 1, using(second), T0.plusSeconds(1));
        assertThat(automations.replace(moved, 1, event(moved, "updated"))).isTrue();
        assertThat(automations.usage(tenant, first, null, 10).inUse()).isFalse();
        assertThat(automations.usage(tenant, second, null, 10).count()).isEqualTo(1);

        Automation stale = a.edited("stale", "", 1, using(first), T0.plusSeconds(2));
        assertThat(automations.replace(stale, 1, event(stale, "updated"))).isFalse();
        assertThat(automations.usage(tenant, first, null, 10).inUse()).isFalse();
        assertThat(automations.find(tenant, a.id())).contains(moved);
        assertThat(TestAuditEvents.of(db.dsl(), tenant, a.id())).hasSize(2);
    }

    @Test
    void deletingAnAutomationOrAConnectionDeletesTheirUsages() {
        String c1 = connectionIn(tenant);
        String c2 = connectionIn(tenant);
        Automation a = automation(tenant, owner, "a", using(c1, c2));
        Automation b = automation(tenant, owner, "b", using(c2));
        insert(a);
        insert(b);
        assertThat(automations.delete(tenant, a.id(), event(a, "deleted"))).isTrue();
        assertThat(automations.delete(tenant, a.id(), event(a, "deleted"))).isFalse();
        assertThat(automations.usage(tenant, c1, null, 10).inUse()).isFalse();
        assertThat(automations.usage(tenant, c2, null, 10).count()).isEqualTo(1);

        assertThat(connections.delete(tenant, c2, AuditEvent.bySystem(tenant, "automation-connection", "deleted", c2,
                T0, Map.of()))).isTrue();
        assertThat(automations.usage(tenant, c2, null, 10).inUse()).isFalse();
        assertThat(automations.find(tenant, b.id()).orElseThrow().workspace()).isEqualTo(using(c2));
        // Both events carry the same time here (T0), so their order is not defined.
        assertThat(TestAuditEvents.of(db.dsl(), tenant, a.id())).extracting(TestAuditEvents.Row::eventType)
                .containsExactlyInAnyOrder("com.qlik.v1.automation.created", "com.qlik.v1.automation.deleted");
    }

    @Test
    void usageCountsEveryUserButNamesTheFirstByName() {
        String c = connectionIn(tenant);
        List<String> names = List.of("delta", "Alpha", "charlie", "bravo");
        for (String name : names) {
            insert(automation(tenant, userIn(tenant), name, using(c)));
        }
        ConnectionUsage usage = automations.usage(tenant, c, null, 3);
        assertThat(usage.count()).isEqualTo(4);
        assertThat(usage.first()).extracting(ConnectionUsage.UsingAutomation::name)
                .containsExactly("Alpha", "bravo", "charlie");
        assertThat(names(automations.usingConnection(tenant, c, null, firstPage("-name"))))
                .containsExactly("delta", "charlie", "bravo", "Alpha");
        assertThat(automations.usingConnection(otherTenant, c, null, firstPage(null)).automations()).isEmpty();
    }

    @Test
    void anotherTenantNeverFindsListsChangesOrDeletesAnAutomation() {
        Automation a = automation(tenant, owner, "mine", Workspace.EMPTY);
        insert(a);
        assertThat(automations.find(otherTenant, a.id())).isEmpty();
        assertThat(automations.list(otherTenant, null, firstPage(null)).automations()).isEmpty();
        Automation hijack = new Automation(a.id(), otherTenant, owner, null, "stolen", "", AutomationState.AVAILABLE,
                RunMode.MANUAL, 1, Workspace.EMPTY, 2, T0, T0);
        assertThat(automations.replace(hijack, 1, event(hijack, "updated"))).isFalse();
        assertThat(automations.delete(otherTenant, a.id(), event(hijack, "deleted"))).isFalse();
        assertThat(automations.find(tenant, a.id())).contains(a);
        assertThat(TestAuditEvents.of(db.dsl(), otherTenant, a.id())).isEmpty();
    }

    @Test
    void listShowsTheOwnersOrTheTenantsAutomationsInEverySort() {
        String other = userIn(tenant);
        insert(automation(tenant, owner, "b-mine", Workspace.EMPTY));
        insert(automation(tenant, owner, "A-mine", Workspace.EMPTY));
        insert(automation(tenant, other, "c-theirs", Workspace.EMPTY));
        insert(automation(otherTenant, userIn(otherTenant), "foreign", Workspace.EMPTY));
        assertThat(names(automations.list(tenant, new Reader(owner, List.of()), firstPage("name")))).containsExactly("A-mine", "b-mine");
        assertThat(names(automations.list(tenant, null, firstPage("-name"))))
                .containsExactly("c-theirs", "b-mine", "A-mine");
        for (String sort : List.of("id", "runMode", "state", "createdAt", "updatedAt", "lastRunAt", "-lastRunStatus",
                "maxConcurrentRuns")) {
            assertThat(automations.list(tenant, null, firstPage(sort)).automations()).as(sort).hasSize(3);
        }
    }

    @Test
    void filtersOnEveryAttribute() {
        Automation a = automation(tenant, owner, "nightly sync", Workspace.EMPTY);
        insert(a);
        insert(automation(tenant, owner, "other", Workspace.EMPTY).inState(AutomationState.DISABLED, T0));
        List<String> matches = new ArrayList<>();
        for (String filter : List.of("name co \"SYNC\"", "runMode eq \"manual\" and state eq \"available\"",
                "ownerId eq \"" + owner + "\" and not (spaceId pr) and name sw \"n\"", "lastRunStatus eq null and id eq \""
                        + a.id() + "\"", "createdAt ge \"2024-05-01T10:00:00.123456Z\" and name ew \"sync\"")) {
            matches.addAll(names(automations.list(tenant, null, new ListRequest(filter, null, null, 100, "test"))));
        }
        assertThat(matches).containsOnly("nightly sync").hasSize(5);
        assertThat(automations.list(tenant, null, new ListRequest("lastRunStatus eq \"failed\"", null, null, 100, "t"))
                .automations()).isEmpty();
    }
}
