package io.autoconn.identity;

import io.autoconn.config.AutoconnConfig;
import io.autoconn.config.OperatorCommands;
import io.autoconn.storage.Change;
import io.autoconn.storage.ChangeNotifications;
import io.autoconn.storage.CoherentCache;
import io.autoconn.storage.DirectoryStore;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Authenticates API keys, remembering what each key hash authenticates as, so that a request costs no query
 * (authentication was about a quarter of a read's CPU). Correct across instances: every change that affects a
 * {@link Credential} (a key revoked, a user disabled, deleted or given other roles) is a {@link CredentialChange}
 * that the store announces through {@link ChangeNotifications}, and the {@link CoherentCache} forgets the entries
 * it concerns. A key's expiry is checked on every request, to the microsecond as in the database. Entries live at
 * most {@code AUTOCONN_AUTH_CACHE_TTL} (30 s by default; 0 turns the cache off); unknown keys are not remembered.
 */
// Eager, so that a server listens for changes before it serves; command-line runs neither serve nor listen.
@Context
@Requires(notEnv = OperatorCommands.ENVIRONMENT)
public class CallerCache implements ChangeNotifications.Subscriber {
    private static final int MAX_ENTRIES = 10_000;

    private final DirectoryStore directory;
    private final CoherentCache<String, Credential> credentials;

    @Inject
    public CallerCache(DirectoryStore directory, ChangeNotifications notifications, AutoconnConfig config) {
        this(directory, notifications, config.getAuthCacheTtl());
    }

    public CallerCache(DirectoryStore directory, ChangeNotifications notifications, Duration ttl) {
        this.directory = directory;
        this.credentials = new CoherentCache<>(notifications, MAX_ENTRIES, ttl);
        if (credentials.enabled()) {
            notifications.subscribe(ChangeNotifications.Topic.CREDENTIALS, this);
        }
    }

    /** The caller a live API key (given by its hash) belongs to at {@code now}; may read the database. */
    public Optional<Caller> authenticate(String keyHash, Instant now) {
        return credentials.find(keyHash, () -> directory.credential(keyHash)).flatMap(c -> c.callerAt(now));
    }

    /**
     * What this API key hash authenticates as, when that is in memory: never reads the database, so an
     * event loop may ask. Empty when only {@link #authenticate} can tell.
     */
    public Optional<Credential> remembered(String keyHash) {
        return credentials.remembered(keyHash);
    }

    @Override
    public void changed(Change change) {
        credentials.forgetIf(credential -> CredentialChange.concerns(change, credential));
    }

    @Override
    public void missed() {
        credentials.forgetAll();
    }
}
