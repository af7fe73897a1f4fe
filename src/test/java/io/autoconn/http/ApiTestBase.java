package io.autoconn.http;

import io.autoconn.identity.ApiKeys;
import io.autoconn.identity.Role;
import io.autoconn.storage.Database;
import io.autoconn.storage.DirectoryStore;
import io.autoconn.storage.Tables.AuditEvents;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * A real server (embedded SQLite in a fresh data directory) driven over HTTP, with the bootstrap
 * admin's key, a helper to seed users (who have no API yet), and helpers to make spaces and members.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ApiTestBase implements TestPropertyProvider {
    static final String ADMIN_KEY = ApiKeys.generate();
    static final String HTTP_API = "67031468-9f41-4068-9de8-95d3dd29dfb4";
    static final String POSTGRESQL = "b7366065-7207-4799-ae80-99b8f0c2f987";

    @Inject
    EmbeddedServer server;
    @Inject
    DirectoryStore directory;
    @Inject
    Database database;

    HttpApi admin;

    @Override
    public Map<String, String> getProperties() {
        try {
            Path dir = Files.createTempDirectory("autoconn-test");
            return Map.of("autoconn.data-dir", dir.toString(),
                    "autoconn.admin-api-key", ADMIN_KEY,
                    "autoconn.create-check-timeout", "2s",
                    "autoconn.check-timeout", "2s");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeEach
    void connectAsAdmin() {
        admin = new HttpApi(server.getURL().toString(), ADMIN_KEY);
    }

    io.autoconn.identity.Caller adminCaller() {
        return directory.authenticate(ApiKeys.hash(ADMIN_KEY), Instant.now()).orElseThrow();
    }

    /** A new user of the admin's tenant, and an API client authenticated as that user. */
    record User(String id, HttpApi api) {
    }

    User newUser(Role... roles) {
        String userId = UUID.randomUUID().toString();
        String tenant = adminCaller().tenantId();
        directory.createUser(tenant, userId, "user", Set.of(roles), Instant.now());
        String key = ApiKeys.generate();
        directory.createApiKey(tenant, userId, UUID.randomUUID().toString(), ApiKeys.hash(key), Instant.now());
        return new User(userId, admin.as(key));
    }

    /** The admin of a new tenant, and a client authenticated as them: someone who must see nothing of ours. */
    User newTenantAdmin() {
        String key = ApiKeys.generate();
        String userId = UUID.randomUUID().toString();
        directory.createTenantIfAbsent(new DirectoryStore.NewTenant(UUID.randomUUID().toString(),
                "tenant " + UUID.randomUUID(), userId, "other admin", UUID.randomUUID().toString(), ApiKeys.hash(key),
                Instant.now()));
        return new User(userId, admin.as(key));
    }

    /** A new shared space owned by the admin. */
    String newSpace() {
        return newSpace(admin, "shared");
    }

    /** A new space of this type, created (and so owned) by {@code owner}. */
    String newSpace(HttpApi owner, String type) {
        HttpApi.Response r = owner.post("/api/v1/spaces", Map.of("name", "space " + UUID.randomUUID(), "type", type));
        if (r.status() != 201) {
            throw new AssertionError("Creating a " + type + " space: " + r);
        }
        return (String) r.json().get("id");
    }

    /** Assigns the user to the space with these roles, as the admin. */
    String assign(String spaceId, String userId, String... roles) {
        HttpApi.Response r = admin.post("/api/v1/spaces/" + spaceId + "/assignments",
                Map.of("type", "user", "assigneeId", userId, "roles", List.of(roles)));
        if (r.status() != 201) {
            throw new AssertionError("Assigning " + userId + " to " + spaceId + ": " + r);
        }
        return (String) r.json().get("id");
    }

    /** Params of an HTTP API connection whose check requests this server's health endpoint. */
    Object[] healthyHttpParams() {
        return new Object[] {
                Map.of("name", "baseUrl", "value", admin.base()),
                Map.of("name", "healthPath", "value", "/health")};
    }

    /** The audit events of one resource, oldest first: event type and data. */
    List<Map<String, Object>> auditOf(String resourceId) {
        List<Map<String, Object>> events = new ArrayList<>();
        database.dsl().select(AuditEvents.EVENT_TYPE, AuditEvents.USER_ID, AuditEvents.DATA).from(AuditEvents.TABLE)
                .where(AuditEvents.RESOURCE_ID.eq(resourceId))
                .orderBy(AuditEvents.EVENT_TIME, AuditEvents.ID)
                .forEach(r -> {
                    try {
                        events.add(Map.of("eventType", r.value1(), "userId", r.value2(),
                                "data", JsonMapper.createDefault().readValue(r.value3(), Map.class)));
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                });
        return events;
    }

}
