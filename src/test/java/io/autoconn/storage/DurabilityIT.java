package io.autoconn.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoconn.identity.ApiKeys;
import io.autoconn.testing.ApiCaller;
import io.autoconn.testing.ConnectionClient;
import io.autoconn.testing.ConnectionClient.Outcome;
import io.autoconn.testing.ConnectionWrites;
import io.autoconn.testing.PackagedServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An acknowledged write survives a kill -9 of the server, on SQLite and on PostgreSQL: 32 clients send
 * 1,000 creates and updates (each with a secret), the server is SIGKILLed once half have been acknowledged,
 * and after a restart on the same database every acknowledged write is there (or superseded by a later write
 * of the same client), secrets decrypt to what was written, and connections and audit events pair up.
 * {@link ConnectionClient} says precisely what each connection may show.
 */
class DurabilityIT {
    private static final int OPERATIONS = 1000;
    private static final int CLIENTS = 32;
    private static final int SEEDS_PER_CLIENT = 4;
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(30);

    private final String adminKey = ApiKeys.generate();

    @TempDir
    Path dataDir;

    @Test
    void sqlite() throws Exception {
        killDuringWritesThenVerify("SQLite", Map.of());
    }

    @Test
    void postgresql() throws Exception {
        try (TestDatabases.PostgresSchema schema = TestDatabases.postgres()) {
            killDuringWritesThenVerify("PostgreSQL",
                    Map.of("AUTOCONN_DB_URL", schema.url(), "AUTOCONN_DB_USER", TestDatabases.PG_USER));
        }
    }

    private void killDuringWritesThenVerify(String backend, Map<String, String> env) throws Exception {
        ConnectionWrites requests = new ConnectionWrites();
        List<ConnectionClient> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            clients.add(new ConnectionClient(requests, "c" + c));
        }
        List<String> errors = new ArrayList<>();
        AtomicInteger acknowledged = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try (PackagedServer server = PackagedServer.start(dataDir, adminKey, env)) {
            ApiCaller api = new ApiCaller(server.baseUrl(), adminKey, CLIENT_TIMEOUT);
            List<Callable<Void>> seeding = clients.stream().<Callable<Void>>map(client -> () -> {
                for (int s = 0; s < SEEDS_PER_CLIENT; s++) {
                    client.seed(api);
                }
                return null;
            }).toList();
            for (Future<Void> seeded : pool.invokeAll(seeding)) {
                seeded.get();
            }
            List<Future<List<String>>> storm = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                ConnectionClient client = clients.get(c);
                int first = c;
                storm.add(pool.submit(() -> {
                    // Client c sends operations c, c + 32, ...: creates and updates of its seeds, alternately.
                    for (int op = first, turn = 0; op < OPERATIONS; op += CLIENTS, turn++) {
                        ConnectionClient.Answer answer = turn % 2 == 0 ? client.create(api) : client.update(api, turn / 2);
                        if (answer.status() == 0) {
                            return List.<String>of(); // the server is gone: this client's later writes are never sent
                        }
                        if (answer.status() / 100 != 2) {
                            return List.of(answer.status() + " " + answer.body());
                        }
                        acknowledged.incrementAndGet();
                    }
                    return List.<String>of();
                }));
            }
            while (acknowledged.get() < OPERATIONS / 2 && storm.stream().anyMatch(f -> !f.isDone())) {
                Thread.sleep(5);
            }
            server.kill();
            for (Future<List<String>> client : storm) {
                errors.addAll(client.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(errors).as("error answers before the kill").isEmpty();

        try (PackagedServer restarted = PackagedServer.start(dataDir, adminKey, env)) {
            ConnectionClient.Verified verified = ConnectionClient.verifyAll(clients,
                    new ApiCaller(restarted.baseUrl(), adminKey, CLIENT_TIMEOUT));
            long acked = count(clients, Outcome.ACKNOWLEDGED) - CLIENTS * SEEDS_PER_CLIENT;
            long inDoubt = count(clients, Outcome.IN_DOUBT);
            System.out.printf("durability (%s, kill -9): %d of %d writes sent before the kill, %d acknowledged, "
                            + "%d in doubt (no answer); after restart %d acknowledged writes verified (these %d and the "
                            + "%d seed creates before them), %d connections, each paired with its audit events%n",
                    backend, acked + inDoubt, OPERATIONS, acked, inDoubt, verified.acknowledgedWrites(), acked,
                    CLIENTS * SEEDS_PER_CLIENT, verified.names().size());
            assertThat(verified.acknowledgedWrites()).isEqualTo(acked + CLIENTS * SEEDS_PER_CLIENT);
            assertThat(acked).as("the kill came mid-traffic").isBetween((long) OPERATIONS / 2, (long) OPERATIONS - 1);
        }
    }

    private static long count(List<ConnectionClient> clients, Outcome outcome) {
        return clients.stream().flatMap(ConnectionClient::writes).filter(w -> w.outcome() == outcome).count();
    }
}
