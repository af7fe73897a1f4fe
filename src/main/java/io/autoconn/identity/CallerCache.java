package io.autoconn.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.autoconn.config.AutoconnConfig;
import io.autoconn.config.OperatorCommands;
import io.autoconn.storage.ChangeNotifications;
import io.autoconn.storage.DirectoryStore;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Authenticates API keys, remembering what each key hash authenticates as, so that a request costs no query
 * (authentication was about a quarter of a read's CPU). Correct across instances:
 * <ul>
 *   <li>Every change that affects a {@link Credential} (a key revoked, a user disabled, deleted or given other
 *       roles) is a {@link CredentialChange} that the store announces through {@link ChangeNotifications}:
 *       this instance forgets the entries it concerns before the change's request answers, the others as
 *       soon as PostgreSQL delivers the notification (milliseconds).</li>
 *   <li>While notifications may be missed (this instance is not listening), nothing is remembered and every
 *       request asks the database.</li>
 *   <li>A read that raced with a change is served but not remembered: each change moves {@link #generation},
 *       and an entry is stored only if no change came since its read began.</li>
 *   <li>A key's expiry is checked on every request, to the microsecond as in the database.</li>
 *   <li>Entries live at most {@code AUTOCONN_AUTH_CACHE_TTL} (30 s by default; 0 turns the cache off), a
 *       safety net only, and at most {@link #MAX_ENTRIES}. Unknown keys are not remembered.</li>
 * </ul>
 */
// Eager, so that a server listens for changes before it serves; command-line runs neither serve nor listen.
@Context
@Requires(notEnv = OperatorCommands.ENVIRONMENT)
public class CallerCache implements ChangeNotifications.Subscriber {
    private static final int MAX_ENTRIES = 10_000;

    private final DirectoryStore directory;
    private final ChangeNotifications notifications;
    private final Cache<String, Credential> credentials;
    private final boolean enabled;
    /** Guards storing and forgetting, so that no store slips in between a change's count and its removal. */
    private final Object lock = new Object();
    private volatile long generation;

    @Inject
    public CallerCache(DirectoryStore directory, ChangeNotifications notifications, AutoconnConfig config) {
        this(directory, notifications, config.getAuthCacheTtl());
    }

    public CallerCache(DirectoryStore directory, ChangeNotifications notifications, Duration ttl) {
        this.directory = directory;
        this.notifications = notifications;
        this.enabled = !ttl.isNegative() && !ttl.isZero();
        this.credentials = Caffeine.newBuilder().maximumSize(MAX_ENTRIES)
                .expireAfterWrite(enabled ? ttl : Duration.ZERO).build();
        if (enabled) {
            notifications.subscribe(this);
        }
    }

    /** The caller a live API key (given by its hash) belongs to at {@code now}; may read the database. */
    public Optional<Caller> authenticate(String keyHash, Instant now) {
        return remembered(keyHash).or(() -> load(keyHash)).flatMap(c -> c.callerAt(now));
    }

    /**
     * What this API key hash authenticates as, when that is in memory: never reads the database, so an
     * event loop may ask. Empty when only {@link #authenticate} can tell.
     */
    public Optional<Credential> remembered(String keyHash) {
        return enabled ? Optional.ofNullable(credentials.getIfPresent(keyHash)) : Optional.empty();
    }

    private Optional<Credential> load(String keyHash) {
        long readFrom = generation;
        boolean remember = enabled && notifications.listening();
        Optional<Credential> loaded = directory.credential(keyHash);
        if (remember && loaded.isPresent()) {
            synchronized (lock) {
                if (generation == readFrom && notifications.listening()) {
                    credentials.put(keyHash, loaded.get());
                }
            }
        }
        return loaded;
    }

    @Override
    public void changed(CredentialChange change) {
        synchronized (lock) {
            generation++;
            credentials.asMap().values().removeIf(change::concerns);
        }
    }

    @Override
    public void missed() {
        synchronized (lock) {
            generation++;
            credentials.invalidateAll();
        }
    }
}
