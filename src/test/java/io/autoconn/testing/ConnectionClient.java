package io.autoconn.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One client of the fault tests: its own seed connections, which it alone updates, one write at a time,
 * and the connections it creates. Since nobody else writes its connections, their writes are ordered, and
 * what the server must hold after a fault is exact: each connection shows its last acknowledged write, or a
 * write sent after that one whose fate the client does not know (no answer, or a 503: the commit may have
 * happened with its answer lost), whole if at all: name and token from the same write.
 */
public final class ConnectionClient {
    public enum Outcome { ACKNOWLEDGED, IN_DOUBT, NOT_SENT }

    /** One write: a create (connectionId null until acknowledged) or an update of a seed. */
    public static final class Write {
        final String name;
        final String token;
        volatile String connectionId;
        volatile Outcome outcome = Outcome.NOT_SENT;

        Write(String name, String token, String connectionId) {
            this.name = name;
            this.token = token;
            this.connectionId = connectionId;
        }

        public Outcome outcome() {
            return outcome;
        }
    }

    /** What one request got: its status (0 when no answer came), body, and how long it took. */
    public record Answer(int status, String body, long startNanos, long endNanos) {
        public double millis() {
            return (endNanos - startNanos) / 1e6;
        }
    }

    private final ConnectionWrites requests;
    private final String prefix;
    private final List<List<Write>> seeds = new ArrayList<>();
    private final List<Write> creates = new ArrayList<>();
    private int sequence;

    public ConnectionClient(ConnectionWrites requests, String prefix) {
        this.requests = requests;
        this.prefix = prefix;
    }

    /** Creates a seed connection this client will update; it must be acknowledged. */
    public void seed(ApiCaller api) throws InterruptedException {
        Write seed = next(null);
        Answer answer = send(api, seed);
        assertThat(seed.outcome).as("seed %s created: %s", seed.name, answer).isEqualTo(Outcome.ACKNOWLEDGED);
        seeds.add(new ArrayList<>(List.of(seed)));
    }

    /** Sends a new create. */
    public Answer create(ApiCaller api) throws InterruptedException {
        Write write = next(null);
        creates.add(write);
        return send(api, write);
    }

    /** Sends an update (a new name and token) of this client's {@code n}th seed, modulo their number. */
    public Answer update(ApiCaller api, int n) throws InterruptedException {
        List<Write> history = seeds.get(n % seeds.size());
        Write write = next(history.get(0).connectionId);
        history.add(write);
        return send(api, write);
    }

    public Stream<Write> writes() {
        return Stream.concat(seeds.stream().flatMap(List::stream), creates.stream());
    }

    public int seedCount() {
        return seeds.size();
    }

    private Write next(String connectionId) {
        int n = sequence++;
        return new Write(prefix + "-" + n, "token-" + prefix + "-" + n, connectionId);
    }

    private Answer send(ApiCaller api, Write write) throws InterruptedException {
        boolean create = write.connectionId == null;
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = create
                    ? api.send("POST", "/api/v1/automation-connections", requests.create(write.name, write.token))
                    : api.send("PUT", "/api/v1/automation-connections/" + write.connectionId,
                            ConnectionWrites.update(write.name, write.token));
            Answer answer = new Answer(response.statusCode(), response.body(), start, System.nanoTime());
            if (response.statusCode() / 100 == 2) {
                if (create) {
                    write.connectionId = (String) ApiCaller.json(response).get("id");
                }
                write.outcome = Outcome.ACKNOWLEDGED;
            } else {
                write.outcome = Outcome.IN_DOUBT;
            }
            return answer;
        } catch (ConnectException e) {
            return new Answer(0, "refused: never reached the server", start, System.nanoTime());
        } catch (IOException e) {
            write.outcome = Outcome.IN_DOUBT;
            return new Answer(0, "no answer: " + e, start, System.nanoTime());
        }
    }

    /**
     * Asserts that the server holds what this client's writes allow (see the class comment), reading names
     * as listed ({@code names}: id to name) and tokens through the credentials action; returns how many
     * acknowledged writes that verified: each one is there, or superseded by a later write that was sent.
     */
    public int verify(Map<String, String> names, ApiCaller runtime) throws IOException, InterruptedException {
        int verified = 0;
        for (List<Write> history : seeds) {
            int lastAcked = 0;
            for (int i = 0; i < history.size(); i++) {
                if (history.get(i).outcome == Outcome.ACKNOWLEDGED) {
                    lastAcked = i;
                }
            }
            List<Write> allowed = new ArrayList<>(List.of(history.get(lastAcked)));
            history.subList(lastAcked + 1, history.size()).stream().filter(w -> w.outcome == Outcome.IN_DOUBT)
                    .forEach(allowed::add);
            String id = history.get(0).connectionId;
            String name = names.get(id);
            Write shown = allowed.stream().filter(w -> w.name.equals(name)).findFirst().orElse(null);
            assertThat(shown).as("connection %s is named '%s'; its last acknowledged write was '%s'", id, name,
                    history.get(lastAcked).name).isNotNull();
            assertThat(ConnectionWrites.token(runtime, id)).as("token of %s, written with '%s'", id, name)
                    .isEqualTo(shown.token);
            verified += (int) history.stream().filter(w -> w.outcome == Outcome.ACKNOWLEDGED).count();
        }
        for (Write create : creates) {
            if (create.outcome == Outcome.ACKNOWLEDGED) {
                assertThat(names).as("acknowledged create '%s'", create.name).containsEntry(create.connectionId, create.name);
                assertThat(ConnectionWrites.token(runtime, create.connectionId)).isEqualTo(create.token);
                verified++;
            } else if (names.containsValue(create.name)) {
                String id = names.entrySet().stream().filter(e -> e.getValue().equals(create.name))
                        .map(Map.Entry::getKey).findFirst().orElseThrow();
                assertThat(create.outcome).as("'%s' is there but was never sent", create.name).isEqualTo(Outcome.IN_DOUBT);
                assertThat(ConnectionWrites.token(runtime, id)).as("in-doubt create '%s' that happened", create.name)
                        .isEqualTo(create.token);
            }
        }
        return verified;
    }

    /** How many of this client's connections the server should list: its seeds, and its creates that are there. */
    private long expectedConnections(Map<String, String> names) {
        return seeds.size() + creates.stream().filter(w -> names.containsValue(w.name)).count();
    }

    /** What the server held afterwards: its connections (id to name), and how many acknowledged writes verified. */
    public record Verified(Map<String, String> names, int acknowledgedWrites) {
    }

    /**
     * Asserts, through the API, that the server holds what every client's writes allow ({@link #verify}),
     * no connection the clients did not create, and connections paired with their audit events
     * ({@link ConnectionWrites#unpaired}). {@code admin} is the TenantAdmin the clients wrote as.
     */
    public static Verified verifyAll(List<ConnectionClient> clients, ApiCaller admin)
            throws IOException, InterruptedException {
        Map<String, String> names = ConnectionWrites.names(admin);
        assertThat(ConnectionWrites.unpaired(names, ConnectionWrites.trail(admin))).isEmpty();
        ApiCaller runtime = admin.as(ConnectionWrites.runtimeKey(admin));
        int verified = 0;
        for (ConnectionClient client : clients) {
            verified += client.verify(names, runtime);
        }
        assertThat((long) names.size()).as("no connection the clients did not create")
                .isEqualTo(clients.stream().mapToLong(c -> c.expectedConnections(names)).sum());
        return new Verified(names, verified);
    }
}
