package io.autoconn.storage;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Tells every instance sharing the database about committed changes, by {@link Topic}, so that what they
 * cache (what an API key authenticates as, connections) never outlives the data.
 * <ul>
 *   <li>This instance hears of a change right after its transaction commits, on the committing thread
 *       ({@link Database#afterCommit}): its next request sees it.</li>
 *   <li>On PostgreSQL the change also goes out as {@code pg_notify} inside the same transaction, which
 *       PostgreSQL delivers to every listening session on commit, and never on rollback. Each instance
 *       listens on one dedicated connection ({@link PostgresListener}), opened when the first subscriber
 *       comes (the server's caches; command-line runs never listen). While that connection is
 *       down, {@link #listening()} is false and subscribers are told they {@link Subscriber#missed} changes,
 *       both when it goes and when it is back.</li>
 *   <li>On SQLite there is one instance, so the first point is all it takes.</li>
 * </ul>
 */
@Singleton
public class ChangeNotifications {
    /**
     * What changed; each topic is a PostgreSQL channel (channels are per database: every instance on the
     * database hears every change), and its announcer and subscribers agree on the kinds of its changes.
     */
    public enum Topic {
        /** What API keys authenticate as: {@code io.autoconn.identity.CredentialChange}. */
        CREDENTIALS("autoconn_credentials"),
        /** Stored connections: {@code io.autoconn.connections.ConnectionChange}. */
        CONNECTIONS("autoconn_connections");

        final String channel;

        Topic(String channel) {
            this.channel = channel;
        }
    }

    /** Who hears of the changes of one topic. */
    public interface Subscriber {
        void changed(Change change);

        /** Changes may have gone unheard: forget whatever came from the database before now. */
        void missed();
    }

    /** Opens a new connection of its own (not from the pool) to the database, for listening. */
    @FunctionalInterface
    public interface ConnectionSource {
        Connection open() throws SQLException;
    }

    private final Database database;
    private final ConnectionSource listenConnections;
    private final Map<Topic, List<Subscriber>> subscribers = new EnumMap<>(Topic.class);
    private volatile boolean listening;
    private PostgresListener listener;

    @Inject
    public ChangeNotifications(Database database, DatasourceConfiguration datasource) {
        this(database, () -> DriverManager.getConnection(datasource.getUrl(), credentials(datasource)));
    }

    public ChangeNotifications(Database database, ConnectionSource listenConnections) {
        this.database = database;
        this.listenConnections = listenConnections;
        this.listening = database.backend() == Backend.SQLITE;
        for (Topic topic : Topic.values()) {
            subscribers.put(topic, new CopyOnWriteArrayList<>());
        }
    }

    private static Properties credentials(DatasourceConfiguration datasource) {
        Properties properties = new Properties();
        if (datasource.getUsername() != null && !datasource.getUsername().isBlank()) {
            properties.setProperty("user", datasource.getUsername());
        }
        if (datasource.getPassword() != null && !datasource.getPassword().isBlank()) {
            properties.setProperty("password", datasource.getPassword());
        }
        return properties;
    }

    /**
     * Announces {@code change} of {@code topic}, made in the transaction {@code tx}: every instance hears of it
     * once the transaction commits, none if it rolls back.
     */
    public void announce(DSLContext tx, Topic topic, Change change) {
        if (database.backend() == Backend.POSTGRESQL) {
            tx.resultQuery("SELECT pg_notify({0}, {1})", DSL.val(topic.channel), DSL.val(change.encode())).fetch();
        }
        database.afterCommit(() -> deliver(topic, change));
    }

    /** Whether every instance's changes reach this one now (on PostgreSQL: whether it is listening). */
    public boolean listening() {
        return listening;
    }

    /** Tells {@code subscriber} of every change of {@code topic} from now on; on PostgreSQL, starts listening. */
    public synchronized void subscribe(Topic topic, Subscriber subscriber) {
        subscribers.get(topic).add(subscriber);
        if (database.backend() == Backend.POSTGRESQL && listener == null) {
            listener = new PostgresListener(listenConnections, this);
            listener.start();
        }
    }

    /**
     * A notification heard on {@code channel}: text this version did not write (another version's?) clears what
     * its topic's subscribers hold; a channel of no topic of this version is nobody's business here.
     */
    void deliver(String channel, String text) {
        for (Topic topic : Topic.values()) {
            if (topic.channel.equals(channel)) {
                Change.decode(text).ifPresentOrElse(change -> deliver(topic, change),
                        () -> subscribers.get(topic).forEach(Subscriber::missed));
            }
        }
    }

    private void deliver(Topic topic, Change change) {
        subscribers.get(topic).forEach(s -> s.changed(change));
    }

    private void everyone(Consumer<Subscriber> action) {
        subscribers.values().forEach(list -> list.forEach(action));
    }

    /** The listening connection went down: stop trusting what was learnt. */
    void lost() {
        listening = false;
        everyone(Subscriber::missed);
    }

    /** Listening again (or for the first time): changes made meanwhile went unheard. */
    void resumed() {
        everyone(Subscriber::missed);
        listening = true;
    }

    @PreDestroy
    public synchronized void close() {
        if (listener != null) {
            listener.stop();
            listener = null;
        }
    }
}
