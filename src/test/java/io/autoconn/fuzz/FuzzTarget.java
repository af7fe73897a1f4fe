package io.autoconn.fuzz;

import io.autoconn.identity.ApiKeys;
import io.autoconn.storage.Database;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server under fuzz (embedded, SQLite in a fresh directory), the real resources whose ids the fuzzer
 * puts in paths so requests reach the handlers, and the tally of every exchange.
 */
final class FuzzTarget implements AutoCloseable {
    static final String HTTP_API = "67031468-9f41-4068-9de8-95d3dd29dfb4";
    /** The fixture connection's secret: no answer may ever contain it. */
    static final String SECRET = "canary-" + ApiKeys.generate();
    /** Tables of resources the API creates: after the run, every row in them must be one a 2xx answer named. */
    static final List<String> RESOURCE_TABLES = List.of("connections", "automations", "spaces", "space_assignments",
            "users", "api_keys");
    private static final JsonMapper JSON = JsonMapper.createDefault();
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{16,}");

    final String adminKey = ApiKeys.generate();
    private final EmbeddedServer server;
    private final RawHttp http;
    private final String hostPort;
    /** Real ids, by the path segment that precedes them ("automation-connections", "spaces", ...). */
    private final Map<String, String> realIds = new HashMap<>();
    private final Map<String, Set<String>> rowsBefore = new HashMap<>();
    private final Set<String> answeredIds = ConcurrentHashMap.newKeySet();
    private final Map<String, LongAdder> histogram = new ConcurrentHashMap<>();
    private final LongAdder total = new LongAdder();
    /** The slowest exchanges, for the summary: what the server spends its time on. */
    private final java.util.concurrent.ConcurrentSkipListSet<Timed> slowest = new java.util.concurrent.ConcurrentSkipListSet<>(
            java.util.Comparator.comparingLong(Timed::millis).thenComparing(Timed::what));
    final ApiDescription api;
    final ResponseOracle oracle;
    String realCursor;

    FuzzTarget() {
        try {
            server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                    "autoconn.data-dir", Files.createTempDirectory("autoconn-fuzz").toString(),
                    "autoconn.admin-api-key", adminKey,
                    "autoconn.create-check-timeout", "1s",
                    "autoconn.check-timeout", "1s"), "test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        hostPort = server.getHost() + ":" + server.getPort();
        http = new RawHttp(server.getHost(), server.getPort());
        api = new ApiDescription(json(seed("GET", "/api/openapi.json", null)));
        seedResources();
        RESOURCE_TABLES.forEach(t -> rowsBefore.put(t, ids(t)));
        oracle = new ResponseOracle(api.errorCodes(), List.of(adminKey, SECRET));
    }

    /** Sends one hostile request, tallies the answer, and returns what the oracle finds wrong with it. */
    List<String> judge(HostileRequest request) {
        long start = System.nanoTime();
        RawHttp.Exchange exchange = http.exchange(request.bytes(hostPort, adminKey), request.halfClose());
        slowest.add(new Timed((System.nanoTime() - start) / 1_000_000, request.kind() + " " + request.method()
                + " " + abbreviate(request.target())));
        while (slowest.size() > 5) {
            slowest.pollFirst();
        }
        total.increment();
        String bucket = exchange.response().map(r -> String.valueOf(r.status())).orElse("none");
        histogram.computeIfAbsent(bucket, b -> new LongAdder()).increment();
        exchange.response().filter(r -> r.status() / 100 == 2).ifPresent(this::rememberIds);
        List<String> problems = oracle.problems(request, exchange);
        return problems.isEmpty() ? problems
                : List.of(problems + " answered " + exchange.response().map(Object::toString)
                        .orElse(exchange.failure()));
    }

    /** A plain request, to see the server still answers. */
    RawHttp.Exchange plain(String method, String path) {
        return http.exchange(HostileRequest.of("plain", method, path).bytes(hostPort, adminKey), false);
    }

    record Timed(long millis, String what) {
    }

    List<Timed> slowest() {
        return List.copyOf(slowest.descendingSet());
    }

    private static String abbreviate(String s) {
        return s.length() <= 100 ? s : s.substring(0, 100) + "...";
    }

    String realId(String collection) {
        return realIds.get(collection);
    }

    long total() {
        return total.sum();
    }

    Map<String, Long> histogram() {
        Map<String, Long> sorted = new TreeMap<>();
        histogram.forEach((k, v) -> sorted.put(k, v.sum()));
        return sorted;
    }

    /** Rows of the resource tables that neither existed before the run nor were named by a 2xx answer. */
    Map<String, Set<String>> rowsNoAnswerCreated() {
        Map<String, Set<String>> unexplained = new TreeMap<>();
        RESOURCE_TABLES.forEach(t -> {
            Set<String> rows = new HashSet<>(ids(t));
            rows.removeAll(rowsBefore.get(t));
            rows.removeAll(answeredIds);
            if (!rows.isEmpty()) {
                unexplained.put(t, rows);
            }
        });
        return unexplained;
    }

    private void rememberIds(RawHttp.Response response) {
        Matcher m = ID.matcher(response.text() + " " + response.header("Location").orElse(""));
        while (m.find()) {
            answeredIds.add(m.group());
        }
    }

    private Set<String> ids(String table) {
        return new HashSet<>(server.getApplicationContext().getBean(Database.class).dsl()
                .fetch("select id from " + table).getValues(0, String.class));
    }

    /** A user with a key, a space with her in it, a connection with a secret, an automation using it. */
    @SuppressWarnings("unchecked")
    private void seedResources() {
        realIds.put("automation-connectors", HTTP_API);
        String user = id(seed("POST", "/api/v1/users", Map.of("name", "Fuzz Target", "email", "target@fuzz.example")));
        realIds.put("users", user);
        realIds.put("api-keys", id(seed("POST", "/api/v1/api-keys", Map.of("description", "fuzz", "sub", user))));
        String space = id(seed("POST", "/api/v1/spaces", Map.of("name", "fuzz space", "type", "shared")));
        realIds.put("spaces", space);
        realIds.put("assignments", id(seed("POST", "/api/v1/spaces/" + space + "/assignments",
                Map.of("type", "user", "assigneeId", user, "roles", List.of("producer")))));
        String connection = id(seed("POST", "/api/v1/automation-connections", Map.of("connectorId", HTTP_API,
                "name", "fuzz connection", "spaceId", space, "params", List.of(
                        Map.of("name", "baseUrl", "value", "http://" + hostPort),
                        Map.of("name", "healthPath", "value", "/health"),
                        Map.of("name", "authType", "value", "bearer"),
                        Map.of("name", "token", "value", SECRET)))));
        realIds.put("automation-connections", connection);
        seed("POST", "/api/v1/automation-connections", Map.of("connectorId", HTTP_API, "name", "second",
                "params", List.of(Map.of("name", "baseUrl", "value", "http://" + hostPort))));
        realIds.put("automations", id(seed("POST", "/api/v1/automations", Map.of("name", "fuzz automation",
                "workspace", Map.of("blocks", List.of(Map.of("connectionId", connection)))))));
        realIds.put("audits", id(((List<Map<String, Object>>) json(seed("GET", "/api/v1/audits?limit=1", null))
                .get("data")).get(0)));
        Map<String, Object> page = json(seed("GET", "/api/v1/automation-connections?limit=1", null));
        String next = (String) ((Map<String, Object>) ((Map<String, Object>) page.get("links")).get("next"))
                .get("href");
        Matcher cursor = Pattern.compile("[?&](?:next|cursor)=([^&]+)").matcher(next);
        if (!cursor.find()) {
            throw new IllegalStateException("No cursor in " + next);
        }
        realCursor = URLDecoder.decode(cursor.group(1), StandardCharsets.UTF_8);
    }

    private RawHttp.Response seed(String method, String path, Object body) {
        try {
            HostileRequest request = body == null ? HostileRequest.of("seed", method, path)
                    : HostileRequest.json("seed", method, path, JSON.writeValueAsBytes(body));
            RawHttp.Response r = http.exchange(request.bytes(hostPort, adminKey), false).response()
                    .orElseThrow(() -> new IllegalStateException("No answer to " + method + " " + path));
            if (r.status() / 100 != 2) {
                throw new IllegalStateException(method + " " + path + " -> " + r);
            }
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String id(RawHttp.Response r) {
        return id(json(r));
    }

    private static String id(Map<String, Object> item) {
        return (String) item.get("id");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(RawHttp.Response r) {
        try {
            return JSON.readValue(r.body(), Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.getApplicationContext().close();
    }
}
