package io.autoconn.storage;

import io.autoconn.identity.ApiKeys;
import java.time.Instant;
import java.util.UUID;

/** A new tenant with its first admin, for storage tests that need rows a tenant and a user own. */
public record TestTenants(String id, String admin) {
    public static TestTenants create(DirectoryStore directory) {
        String id = UUID.randomUUID().toString();
        String admin = UUID.randomUUID().toString();
        directory.createTenantIfAbsent(new DirectoryStore.NewTenant(id, "t-" + id, admin, "admin",
                UUID.randomUUID().toString(), ApiKeys.hash(ApiKeys.generate()), Instant.now()));
        return new TestTenants(id, admin);
    }
}
