package io.autoconn.http;

import io.autoconn.identity.TenantService;
import io.autoconn.storage.Database;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link ApiTestBase} on a random port (several builds share this machine), with what the identity tests
 * need besides: new tenants and the database, to read the audit trail.
 */
abstract class IdentityApiTestBase extends ApiTestBase {
    @Inject
    TenantService tenants;
    @Inject
    Database database;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("micronaut.server.port", "-1");
        return properties;
    }
}
