package io.autoconn.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoconn.identity.IdentityAudit;
import io.autoconn.identity.UserStatus;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * The cache contract on PostgreSQL, plus what only several instances have: another instance hears of a change
 * through LISTEN/NOTIFY, and an instance that stops listening stops remembering until it listens again.
 */
class PostgresCallerCacheTest extends CallerCacheContract {
    @Override
    protected Backend backend() {
        return Backend.POSTGRESQL;
    }

    @Test
    void anotherInstanceForgetsAChangedUserAsSoonAsPostgresqlDeliversTheChange() {
        Instance other = instance(db);
        await("the other instance listening", () -> other.notifications().listening());
        String[] ann = userWithKey();
        remembered(other.cache(), ann[1]);

        users.update(tenant, ann[0], u -> u.edited(u.name(), u.roles(), UserStatus.DISABLED, T0),
                (b, a) -> IdentityAudit.userUpdated(adminCaller, b, a));
        long committed = System.nanoTime();
        await("refused by the other instance", () -> authenticate(other.cache(), ann[1], T0).isEmpty());
        System.out.printf("[caller-cache] another instance refused a disabled user's key %.1f ms after the commit%n",
                (System.nanoTime() - committed) / 1e6);
    }

    @Test
    void anInstanceThatStopsListeningRemembersNothingUntilItListensAgain() throws Exception {
        List<Integer> sessions = new CopyOnWriteArrayList<>();
        boolean[] unreachable = {false};
        ChangeNotifications.ConnectionSource connections = ownConnections();
        Instance listening = instance(db, new ChangeNotifications(db, () -> {
            if (unreachable[0]) {
                throw new SQLException("the test keeps the database unreachable");
            }
            Connection c = connections.open();
            sessions.add(backendPid(c));
            return c;
        }));
        await("listening", () -> listening.notifications().listening());
        String[] ann = userWithKey();
        String[] bob = userWithKey();
        remembered(listening.cache(), ann[1]);

        unreachable[0] = true;
        db.dsl().select(DSL.field("pg_terminate_backend({0})", Boolean.class, sessions.get(sessions.size() - 1)))
                .fetch();
        await("not listening", () -> !listening.notifications().listening());
        // The listener stops trusting (listening() false) before it tells the cache to forget: await both.
        await("forgotten when the connection went", () -> !remembers(listening.cache(), ann[1]));
        assertThat(authenticate(listening.cache(), bob[1], T0)).isPresent();
        assertThat(remembers(listening.cache(), bob[1])).as("nothing remembered meanwhile").isFalse();
        revokeSilently();
        assertThat(authenticate(listening.cache(), ann[1], T0)).as("the database answers").isEmpty();

        unreachable[0] = false;
        await("listening again", () -> listening.notifications().listening());
        assertThat(sessions).hasSize(2);
        String[] cid = userWithKey();
        remembered(listening.cache(), cid[1]);
    }

    private static int backendPid(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT pg_backend_pid()")) {
            r.next();
            return r.getInt(1);
        }
    }
}
