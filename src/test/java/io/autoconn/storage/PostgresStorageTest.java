package io.autoconn.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoconn.connections.Connection;
import io.autoconn.connections.ConnectionCache;
import io.micronaut.json.JsonMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class PostgresStorageTest extends StorageContract {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Override
    protected Backend backend() {
        return Backend.POSTGRESQL;
    }

    @Test
    void anotherInstanceForgetsAConnectionThisOneChanged() throws InterruptedException {
        // Another server: its own notifier, listening on its own connection, and its own cache.
        ChangeNotifications theirs = notifications(db);
        ConnectionCache theirCache = new ConnectionCache(new JooqConnectionStore(db, JsonMapper.createDefault(), theirs),
                theirs, Duration.ofMinutes(5));
        try {
            awaitTrue("listening", theirs::listening);
            Connection c = connection(tenant, owner, "shared", Instant.EPOCH);
            insert(c);
            assertThat(theirCache.find(tenant, c.id())).contains(c);
            assertThat(theirCache.remembered(tenant, c.id())).isPresent();

            assertThat(connections.recordCheck(tenant, c.id(), true, null)).isTrue();
            long start = System.nanoTime();
            awaitTrue("forgotten by the other instance", () -> theirCache.remembered(tenant, c.id()).isEmpty());
            System.out.printf("[connection-cache] another instance forgot a checked connection %.1f ms after the commit%n",
                    (System.nanoTime() - start) / 1e6);
            assertThat(theirCache.find(tenant, c.id()).orElseThrow().connected()).isTrue();
        } finally {
            theirs.close();
        }
    }

    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("still not " + what + " after " + WAIT).isNegative();
            Thread.sleep(5);
        }
    }
}
