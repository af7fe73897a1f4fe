package io.autoconn.connections;

import io.autoconn.config.AutoconnConfig;
import io.autoconn.storage.Change;
import io.autoconn.storage.ChangeNotifications;
import io.autoconn.storage.CoherentCache;
import io.autoconn.storage.ConnectionStore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;

/**
 * The connections GET by id has read lately, so that reading one again costs no query and no thread switch
 * (automations read the same few connections over and over). Every write of a stored connection announces a
 * {@link ConnectionChange}: this instance forgets the connection before the write's request answers, the
 * others within milliseconds ({@link CoherentCache}). Only reads go through here; edits read the row itself.
 * Entries live at most {@code AUTOCONN_CONNECTION_CACHE_TTL} (30 s by default; 0 turns the cache off).
 */
@Singleton
public class ConnectionCache implements ChangeNotifications.Subscriber {
    private static final int MAX_ENTRIES = 10_000;

    private final ConnectionStore store;
    private final CoherentCache<Key, Connection> connections;

    private record Key(String tenantId, String id) {
    }

    @Inject
    public ConnectionCache(ConnectionStore store, ChangeNotifications notifications, AutoconnConfig config) {
        this(store, notifications, config.getConnectionCacheTtl());
    }

    public ConnectionCache(ConnectionStore store, ChangeNotifications notifications, Duration ttl) {
        this.store = store;
        this.connections = new CoherentCache<>(notifications, MAX_ENTRIES, ttl);
        if (connections.enabled()) {
            notifications.subscribe(ChangeNotifications.Topic.CONNECTIONS, this);
        }
    }

    /** The connection, if it is in memory: never reads the database, so an event loop may ask. */
    public Optional<Connection> remembered(String tenantId, String id) {
        return connections.remembered(new Key(tenantId, id));
    }

    /** The connection, from memory or else from the store (then remembered). */
    public Optional<Connection> find(String tenantId, String id) {
        return connections.find(new Key(tenantId, id), () -> store.find(tenantId, id));
    }

    @Override
    public void changed(Change change) {
        if (ConnectionChange.namesOne(change)) {
            connections.forget(new Key(change.tenantId(), change.id()));
        } else {
            connections.forgetAll();
        }
    }

    @Override
    public void missed() {
        connections.forgetAll();
    }
}
