package io.autoconn.identity;

import io.autoconn.config.AutoconnConfig;
import io.autoconn.config.OperatorCommands;
import io.autoconn.storage.DirectoryStore;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * First start: creates the default tenant and its admin user, whose API key is
 * {@code AUTOCONN_ADMIN_API_KEY} or, when that is unset, a generated key printed once to stdout
 * (only its hash is stored, so it cannot be shown again). Later starts with
 * {@code AUTOCONN_ADMIN_API_KEY} set make sure that key works. The operator command
 * ({@link TenantsCommand}) creates its own tenant and does not run this.
 */
@Singleton
@Requires(notEnv = OperatorCommands.ENVIRONMENT)
public class Bootstrap implements ApplicationEventListener<StartupEvent> {
    public static final String DEFAULT_TENANT = "default";

    private final DirectoryStore directory;
    private final AutoconnConfig config;
    private final Clock clock;

    public Bootstrap(DirectoryStore directory, AutoconnConfig config, Clock clock) {
        this.directory = directory;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        Instant now = clock.instant();
        String configuredKey = config.getAdminApiKey();
        String key = configuredKey.isEmpty() ? ApiKeys.generate() : configuredKey;
        boolean created = directory.createTenantIfAbsent(new DirectoryStore.NewTenant(
                UUID.randomUUID().toString(), DEFAULT_TENANT, UUID.randomUUID().toString(), "admin",
                UUID.randomUUID().toString(), ApiKeys.hash(key), now));
        if (created && configuredKey.isEmpty()) {
            // stdout on purpose: the operator must see it once, and logs may be shipped elsewhere.
            System.out.println("autoconn: created the default tenant; its admin API key (shown only now): " + key);
        } else if (!created && !configuredKey.isEmpty()) {
            directory.ensureAdminKey(DEFAULT_TENANT, ApiKeys.hash(configuredKey), now);
        }
    }
}
