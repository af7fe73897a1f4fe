package io.autoconn.http;

import io.autoconn.identity.ApiKeys;
import io.autoconn.identity.Role;
import io.autoconn.storage.DirectoryStore;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * A real server (embedded SQLite in a fresh data directory) driven over HTTP, with the bootstrap
 * admin's key and helpers to seed users and spaces, which have no API yet.
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

    String newSpace() {
        String id = UUID.randomUUID().toString();
        directory.createSpace(adminCaller().tenantId(), id, "Shared", "shared", adminCaller().userId(), Instant.now());
        return id;
    }

    /** Params of an HTTP API connection whose check requests this server's health endpoint. */
    Object[] healthyHttpParams() {
        return new Object[] {
                Map.of("name", "baseUrl", "value", admin.base()),
                Map.of("name", "healthPath", "value", "/health")};
    }
}
