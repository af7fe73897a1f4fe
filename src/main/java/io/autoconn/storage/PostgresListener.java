package io.autoconn.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance's ear on the channels of every {@link ChangeNotifications.Topic}: a daemon thread holding a
 * dedicated connection that LISTENs and hands every notification to {@link ChangeNotifications}. A connection that fails (the
 * database restarted, the network broke, the session was terminated) is reported lost at once and opened
 * again, with a growing pause, until LISTEN works again. A connection that goes silent without failing
 * (a dead peer) is found by a ping every {@link #PING} that may take at most {@link #NETWORK_TIMEOUT}.
 */
final class PostgresListener {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresListener.class);
    static final Duration PING = Duration.ofSeconds(5);
    static final Duration NETWORK_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration FIRST_RETRY = Duration.ofMillis(200);
    private static final Duration LAST_RETRY = Duration.ofSeconds(5);
    /** How long one wait for notifications lasts; notifications that come end it at once. */
    private static final int POLL_MILLIS = 1000;

    private final ChangeNotifications.ConnectionSource connections;
    private final ChangeNotifications notifications;
    private final Thread thread;
    private volatile boolean stopped;
    private volatile Connection current;

    PostgresListener(ChangeNotifications.ConnectionSource connections, ChangeNotifications notifications) {
        this.connections = connections;
        this.notifications = notifications;
        this.thread = new Thread(this::run, "autoconn-change-listener");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void stop() {
        stopped = true;
        thread.interrupt();
        Connection c = current;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing is all we wanted; the thread ends either way
            }
        }
    }

    private void run() {
        Duration pause = FIRST_RETRY;
        boolean everListened = false;
        while (!stopped) {
            try (Connection c = connections.open()) {
                current = c;
                // pgjdbc applies the timeout to its socket itself; the executor is for drivers that need one.
                c.setNetworkTimeout(Runnable::run, (int) NETWORK_TIMEOUT.toMillis());
                try (Statement s = c.createStatement()) {
                    for (ChangeNotifications.Topic topic : ChangeNotifications.Topic.values()) {
                        s.execute("LISTEN " + topic.channel);
                    }
                }
                notifications.resumed();
                LOG.info(everListened ? "Listening for changes again" : "Listening for changes");
                everListened = true;
                pause = FIRST_RETRY;
                listen(c);
            } catch (SQLException | RuntimeException e) {
                if (stopped) {
                    return;
                }
                notifications.lost();
                LOG.warn("Not listening for changes ({}); the authentication and connection caches are off until "
                        + "listening again, retrying in {} ms", e.getMessage(), pause.toMillis());
                if (!sleep(pause)) {
                    return;
                }
                pause = pause.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : pause.multipliedBy(2);
            } finally {
                current = null;
            }
        }
    }

    private void listen(Connection c) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        long nextPing = System.nanoTime() + PING.toNanos();
        while (!stopped) {
            PGNotification[] received = pg.getNotifications(POLL_MILLIS);
            if (received != null) {
                for (PGNotification n : received) {
                    notifications.deliver(n.getName(), n.getParameter());
                }
            }
            if (System.nanoTime() - nextPing >= 0) {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT 1");
                }
                nextPing = System.nanoTime() + PING.toNanos();
            }
        }
    }

    private static boolean sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
