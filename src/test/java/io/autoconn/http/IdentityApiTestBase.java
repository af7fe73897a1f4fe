package io.autoconn.http;

import io.autoconn.identity.TenantService;
import io.autoconn.storage.Database;
import jakarta.inject.Inject;

/**
 * {@link ApiTestBase} with what the identity tests need besides: new tenants and the database, to read the
 * audit trail.
 */
abstract class IdentityApiTestBase extends ApiTestBase {
    @Inject
    TenantService tenants;
    @Inject
    Database database;
}
