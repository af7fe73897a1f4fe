package io.autoconn.identity;

import io.autoconn.storage.DirectoryStore;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/** Creates tenants, each with its first TenantAdmin and that admin's API key (the operator command's work). */
@Singleton
public class TenantService {
    public static final String DEFAULT_ADMIN_NAME = "admin";

    private final DirectoryStore directory;
    private final Clock clock;

    public TenantService(DirectoryStore directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    /**
     * @param request checked already ({@link NewTenant#checked})
     * @return the tenant, its admin and the admin's API key; empty when a tenant of that name exists
     */
    public Optional<Created> create(NewTenant request) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String key = ApiKeys.generate();
        DirectoryStore.NewTenant tenant = new DirectoryStore.NewTenant(UUID.randomUUID().toString(), request.name(),
                UUID.randomUUID().toString(), request.adminName(), UUID.randomUUID().toString(), ApiKeys.hash(key), now);
        if (!directory.createTenant(tenant, request.adminEmail(), IdentityAudit.tenantCreated(tenant, request.adminEmail()))) {
            return Optional.empty();
        }
        return Optional.of(new Created(tenant.tenantId(), tenant.adminUserId(), key));
    }

    /** What the operator asked for; build it with {@link #checked}. */
    public record NewTenant(String name, String adminName, @Nullable String adminEmail) {
        /**
         * @throws io.autoconn.error.ApiException INVALID_FIELD naming the bad value
         */
        public static NewTenant checked(String name, @Nullable String adminName, @Nullable String adminEmail) {
            return new NewTenant(UserFields.text("name", name, UserFields.MAX_NAME_LENGTH),
                    adminName == null ? DEFAULT_ADMIN_NAME : UserFields.text("admin name", adminName, UserFields.MAX_NAME_LENGTH),
                    UserFields.email(adminEmail));
        }
    }

    /** The API key exists only here: only its hash was stored. */
    public record Created(String tenantId, String adminUserId, String apiKey) {
    }
}
