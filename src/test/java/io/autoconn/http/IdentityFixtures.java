package io.autoconn.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoconn.identity.Role;
import io.autoconn.identity.TenantService;
import io.autoconn.storage.Database;
import io.autoconn.storage.Tables.AuditEvents;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Users, keys and tenants made the way clients and operators make them, and the audit trail they leave. */
final class IdentityFixtures {
    private static final JsonMapper JSON = JsonMapper.createDefault();

    private IdentityFixtures() {
    }

    /** A user made through the API by {@code admin}, and a client authenticated with a key made for it. */
    record Member(String id, String email, HttpApi api) {
    }

    static Member member(HttpApi admin, Role... roles) {
        String email = "u-" + UUID.randomUUID() + "@example.com";
        HttpApi.Response user = admin.post(UsersController.PATH, Map.of("name", "Member " + email, "email", email,
                "assignedRoles", Arrays.stream(roles).map(r -> Map.of("name", r.qlikName())).toList()));
        assertThat(user.status()).as(user.toString()).isEqualTo(201);
        String id = (String) user.json().get("id");
        HttpApi.Response key = admin.post(ApiKeysController.PATH, Map.of("description", "key of " + email, "sub", id));
        assertThat(key.status()).as(key.toString()).isEqualTo(201);
        return new Member(id, email, admin.as((String) key.json().get("token")));
    }

    /** A new tenant, as the operator command makes it; the client is its first TenantAdmin. */
    record Tenant(String id, String adminId, HttpApi admin) {
    }

    static Tenant tenant(TenantService tenants, HttpApi anyClient) {
        TenantService.Created created = tenants.create(TenantService.NewTenant.checked(
                "tenant-" + UUID.randomUUID(), null, null)).orElseThrow();
        return new Tenant(created.tenantId(), created.adminUserId(), anyClient.as(created.apiKey()));
    }

    /** Each query of {@code path} is answered 400 with its error code. */
    static void assertBadQueries(HttpApi api, String path, Map<String, String> codeByQuery) {
        codeByQuery.forEach((query, code) -> {
            HttpApi.Response r = api.get(path + "?" + query);
            assertThat(r.status()).as(query + " -> " + r).isEqualTo(400);
            assertThat(r.errorCode()).as(query + " -> " + r).isEqualTo(code);
        });
    }

    /** A list answer's links. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> links(HttpApi.Response page) {
        return (Map<String, Object>) page.json().get("links");
    }

    /** The href of a list answer's link {@code rel} (self, next or prev). */
    @SuppressWarnings("unchecked")
    static String href(HttpApi.Response page, String rel) {
        return (String) ((Map<String, Object>) links(page).get(rel)).get("href");
    }

    /** The ids of a list answer's items, asserting it is a 200. */
    static List<String> ids(HttpApi.Response page) {
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        return page.data().stream().map(item -> (String) item.get("id")).toList();
    }

    /** One row of audit_events, its data parsed. */
    record Event(String tenantId, String userId, String eventType, String resourceType, Map<String, Object> data,
                 String rawData) {
    }

    /** The audit events of one resource, oldest first. */
    static List<Event> events(Database database, String resourceId) {
        return database.dsl().select(AuditEvents.TENANT_ID, AuditEvents.USER_ID, AuditEvents.EVENT_TYPE,
                        AuditEvents.RESOURCE_TYPE, AuditEvents.DATA)
                .from(AuditEvents.TABLE)
                .where(AuditEvents.RESOURCE_ID.eq(resourceId))
                .orderBy(AuditEvents.EVENT_TIME, AuditEvents.ID)
                .fetch(r -> new Event(r.value1(), r.value2(), r.value3(), r.value4(), parse(r.value5()), r.value5()));
    }

    private static Map<String, Object> parse(String json) {
        try {
            return new HashMap<>(JSON.readValue(json, Argument.mapOf(String.class, Object.class)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
