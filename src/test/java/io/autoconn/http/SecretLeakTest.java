package io.autoconn.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.autoconn.config.AutoconnConfig;
import io.autoconn.connections.ConnectionService;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.jooq.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The proof that secrets do not leak: every connection operation, with recognisable secret values in
 * every secret param of the HTTP API and PostgreSQL connectors, against targets that succeed, refuse
 * and echo the credentials back in their errors; then every response (status, headers, body), every
 * log event (message, arguments, exception chain) and the raw database (the SQLite files' bytes and
 * every value of every table) is searched for them. The targets do receive the secrets: the checks
 * really use them. {@link #theSearchFindsASecretWhereverItIsPut} shows the search finds one where it
 * is.
 */
@MicronautTest
class SecretLeakTest extends ApiTestBase {
    /** One run's secrets all share this; each secret param gets its own value with it. */
    private static final String CANARY = "Canary-" + UUID.randomUUID();
    private static final String PASSWORD = CANARY + "-password";
    private static final String TOKEN = CANARY + "-token";
    private static final String HEADER_VALUE = CANARY + "-header";
    private static final String PG_PASSWORD = CANARY + "-pg";
    private static final String NEW_TOKEN = CANARY + "-rotated";

    @Inject
    AutoconnConfig config;

    private final List<HttpApi.Response> responses = new CopyOnWriteArrayList<>();
    private final List<String> receivedByTarget = new CopyOnWriteArrayList<>();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger ours = (Logger) LoggerFactory.getLogger("io.autoconn");
    private Level oursBefore;
    private HttpServer target;
    private String targetUrl;

    @BeforeAll
    void captureLogsAndStartTarget() throws IOException {
        logs.start();
        root.addAppender(logs);
        // The shipped levels for everything else; every level for autoconn's own code.
        oursBefore = ours.getLevel();
        ours.setLevel(Level.TRACE);
        target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        target.createContext("/", this::answer);
        target.start();
        targetUrl = "http://127.0.0.1:" + target.getAddress().getPort();
    }

    @AfterAll
    void stop() {
        target.stop(0);
        root.detachAppender(logs);
        ours.setLevel(oursBefore);
    }

    /**
     * A target that knows the credentials: /ok answers 200 to them and 401 otherwise; /echo401 and
     * /echo500 quote every request header in their error bodies; /redirect names the token in its
     * Location.
     */
    private void answer(HttpExchange exchange) throws IOException {
        String headers = new java.util.TreeMap<>(exchange.getRequestHeaders()).toString();
        receivedByTarget.add(headers);
        String authorization = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
        switch (exchange.getRequestURI().getPath()) {
            case "/ok" -> respond(exchange, authorization.equals("Bearer " + TOKEN) ? 200 : 401, "");
            case "/echo401" -> respond(exchange, 401, "Refused credentials in " + headers);
            case "/echo500" -> respond(exchange, 500, "Broken request: " + headers);
            case "/redirect" -> {
                exchange.getResponseHeaders().add("Location", targetUrl + "/login?auth=" + authorization);
                respond(exchange, 302, "");
            }
            default -> respond(exchange, 404, "No such path");
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Keeps every response for the search. */
    private HttpApi.Response seen(HttpApi.Response response) {
        responses.add(response);
        return response;
    }

    private static Map<String, Object> param(String name, String value) {
        return Map.of("name", name, "value", value);
    }

    private static List<Map<String, Object>> httpParams(String baseUrl, String authType) {
        return List.of(param("baseUrl", baseUrl), param("authType", authType), param("username", "alice"),
                param("password", PASSWORD), param("token", TOKEN), param("headerName", "X-Api-Key"),
                param("headerValue", HEADER_VALUE));
    }

    private static List<Map<String, Object>> postgresParams(String host, String port, String database, String user) {
        return List.of(param("host", host), param("port", port), param("database", database), param("user", user),
                param("password", PG_PASSWORD), param("sslmode", "disable"));
    }

    /** Creates a connection, and returns its id and error code ("" when connected). */
    @SuppressWarnings("unchecked")
    private String[] create(String base, String connectorId, List<Map<String, Object>> params) {
        HttpApi.Response r = seen(admin.post(base, Map.of("connectorId", connectorId, "name", "leak test",
                "params", params)));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        Map<String, Object> error = (Map<String, Object>) r.json().get("error");
        return new String[] {(String) r.json().get("id"), error == null ? "" : (String) error.get("code")};
    }

    @Test
    void noOperationLetsASecretOut() throws Exception {
        String v1 = ConnectionsController.V1;
        String wf = ConnectionsController.WORKFLOWS;
        int refused = refusedPort();
        // Checks that succeed, and every way of failing that puts text from the target or a library in a detail.
        Map<String, String[]> created = new java.util.LinkedHashMap<>();
        created.put("http ok", create(v1, HTTP_API, httpParams(targetUrl + "/ok", "bearer")));
        created.put("http 401 echo", create(wf, HTTP_API, httpParams(targetUrl + "/echo401", "basic")));
        created.put("http 500 echo", create(v1, HTTP_API, httpParams(targetUrl + "/echo500", "header")));
        created.put("http redirect", create(v1, HTTP_API, httpParams(targetUrl + "/redirect", "bearer")));
        created.put("http refused", create(v1, HTTP_API, httpParams("http://127.0.0.1:" + refused, "bearer")));
        created.put("http metadata", create(v1, HTTP_API, httpParams("http://169.254.169.254/latest/meta-data", "basic")));
        created.put("http bad header", create(v1, HTTP_API, List.of(param("baseUrl", targetUrl + "/ok"),
                param("authType", "header"), param("headerName", "X-Api-Key"), param("headerValue", HEADER_VALUE + "\r\nX: y"))));
        created.put("pg ok", create(v1, POSTGRESQL, postgresParams("127.0.0.1", "5432", "test", "postgres")));
        created.put("pg no db", create(v1, POSTGRESQL, postgresParams("127.0.0.1", "5432", "no_such_db_leak", "postgres")));
        created.put("pg no role", create(wf, POSTGRESQL, postgresParams("127.0.0.1", "5432", "test", "no_such_role_leak")));
        created.put("pg refused", create(v1, POSTGRESQL, postgresParams("127.0.0.1", String.valueOf(refused), "test", "postgres")));
        assertThat(created).extractingFromEntries(e -> e.getKey() + "=" + e.getValue()[1]).containsExactly(
                "http ok=", "http 401 echo=CHECK-AUTH-FAILED", "http 500 echo=CHECK-HTTP-STATUS",
                "http redirect=CHECK-HTTP-STATUS", "http refused=CHECK-CONNECTION-REFUSED",
                "http metadata=CHECK-TARGET-REFUSED", "http bad header=CHECK-INVALID-PARAMS", "pg ok=",
                "pg no db=CHECK-DATABASE-NOT-FOUND", "pg no role=CHECK-AUTH-FAILED", "pg refused=CHECK-CONNECTION-REFUSED");
        // Requests refused with a secret in them.
        seen(admin.post(v1, Map.of("connectorId", "no-such-connector", "params", httpParams(targetUrl, "bearer"))));
        seen(admin.post(v1, Map.of("connectorId", HTTP_API, "params", List.of(param("baseUrl", targetUrl),
                param("token", TOKEN), param("token", TOKEN)))));
        seen(admin.post(v1, Map.of("connectorId", HTTP_API, "params", List.of(param("baseUrl", targetUrl),
                param("noSuchParam", TOKEN)))));
        seen(admin.raw("POST", v1, "application/json", "{\"connectorId\": \"" + HTTP_API + "\", \"params\": [{\"name\": "
                + "\"token\", \"value\": \"" + TOKEN + "\"}"));

        User other = newUser();
        String space = newSpace();
        for (String[] connection : created.values()) {
            String id = connection[0];
            for (String base : List.of(v1, wf)) {
                seen(admin.get(base + "/" + id));
                seen(admin.postEmpty(base + "/" + id + "/actions/check"));
                seen(admin.get(base + "/" + id + "/usage"));
            }
        }
        for (String base : List.of(v1, wf)) {
            seen(admin.get(base + "?limit=100"));
            seen(admin.get(base + "?limit=100&listAll=true"));
            seen(admin.get(base + "?limit=100&filter=" + java.net.URLEncoder.encode("name eq \"leak test\"",
                    StandardCharsets.UTF_8)));
        }
        String ok = created.get("http ok")[0];
        String pg = created.get("pg ok")[0];
        Map<String, String> tokenId = paramIds(ok);
        // Rename keeping the secrets ("********"), rotate a secret, then send a wrong one (a failing check).
        assertThat(seen(admin.put(v1 + "/" + ok, Map.of("name", "renamed", "params",
                List.of(Map.of("id", tokenId.get("token"), "value", "********"))))).status()).isEqualTo(200);
        assertThat(seen(admin.put(wf + "/" + ok, Map.of("params",
                List.of(Map.of("id", tokenId.get("token"), "value", NEW_TOKEN))))).json()).containsEntry("isConnected", false);
        assertThat(seen(admin.put(v1 + "/" + pg, Map.of("params",
                List.of(Map.of("id", paramIds(pg).get("password"), "value", PG_PASSWORD + "-2"))))).status()).isEqualTo(200);
        seen(admin.put(v1 + "/" + ok, Map.of("params", List.of(Map.of("id", "no-such-param", "value", TOKEN)))));
        seen(admin.put(v1 + "/" + ok, Map.of("name", "stale"), "If-Match", "\"0\""));
        assertThat(seen(admin.post(v1 + "/" + pg + "/actions/change-space", Map.of("spaceId", space))).status())
                .isEqualTo(204);
        assertThat(seen(admin.post(wf + "/" + pg + "/actions/change-owner", Map.of("userId", other.id()))).status())
                .isEqualTo(204);
        seen(other.api().get(v1 + "/" + pg));
        seen(other.api().postEmpty(v1 + "/" + pg + "/actions/check"));
        assertThat(seen(admin.delete(v1 + "/" + created.get("http 401 echo")[0])).status()).isEqualTo(204);
        assertThat(seen(admin.delete(wf + "/" + pg)).status()).isEqualTo(204);
        readTheWholeAuditTrail();

        // The checks really sent the secrets: so the server held them in plain text, and still let none out.
        assertThat(String.join("\n", receivedByTarget)).contains(TOKEN, HEADER_VALUE, NEW_TOKEN,
                Base64.getEncoder().encodeToString(("alice:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        assertThat(responses).hasSizeGreaterThan(60);
        assertThat(inResponses(CANARY)).isEmpty();
        assertThat(inLogs(CANARY)).isEmpty();
        assertThat(inDatabaseFiles(CANARY)).isEmpty();
        assertThat(inDatabaseValues(CANARY)).isEmpty();
        // What the database holds instead: ciphertexts, one per secret param set.
        assertThat(database.dsl().fetchValue("SELECT secrets FROM connections WHERE id = ?", ok).toString())
                .matches("\\{(\"[0-9a-f-]{36}\":\"v2\\.[^\"]+\",?){3}\\}");
    }

    /**
     * The search is no formality: a secret put into a connection's name (which is not secret) and into
     * a log line is found in the responses, the log, the database file and its values.
     */
    @Test
    void theSearchFindsASecretWhereverItIsPut() {
        String planted = "Planted-" + UUID.randomUUID();
        HttpApi.Response r = seen(admin.post(ConnectionsController.V1, Map.of("connectorId", HTTP_API,
                "name", "name with " + planted, "params", List.of(healthyHttpParams()))));
        assertThat(r.status()).isEqualTo(201);
        LoggerFactory.getLogger(ConnectionService.class).debug("A careless line logging {}", planted);

        assertThat(inResponses(planted)).isNotEmpty();
        assertThat(inLogs(planted)).containsExactly("A careless line logging " + planted);
        assertThat(inDatabaseFiles(planted)).isNotEmpty();
        assertThat(inDatabaseValues(planted)).anyMatch(place -> place.startsWith("connections."))
                .anyMatch(place -> place.startsWith("audit_events."));
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> paramIds(String connectionId) {
        Map<String, String> ids = new java.util.HashMap<>();
        for (Map<String, Object> p : (List<Map<String, Object>>) seen(admin.get(ConnectionsController.V1 + "/"
                + connectionId)).json().get("params")) {
            ids.put((String) p.get("name"), (String) p.get("id"));
        }
        return ids;
    }

    @SuppressWarnings("unchecked")
    private void readTheWholeAuditTrail() {
        String next = "/api/v1/audits?limit=100";
        List<String> ids = new ArrayList<>();
        while (next != null) {
            HttpApi.Response page = seen(admin.get(next));
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.data().forEach(event -> ids.add((String) event.get("id")));
            Map<String, Object> link = (Map<String, Object>) ((Map<String, Object>) page.json().get("links")).get("next");
            next = link == null ? null : (String) link.get("href");
        }
        assertThat(ids).hasSizeGreaterThan(15);
        ids.forEach(id -> seen(admin.get("/api/v1/audits/" + id)));
        seen(admin.get("/api/v1/audits/types"));
        seen(admin.get("/api/v1/audits/sources"));
    }

    /** The forms a secret would take on its way out: as is, base64, hex. */
    private static List<String> needles(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        return List.of(secret, Base64.getEncoder().encodeToString(bytes), Base64.getUrlEncoder().encodeToString(bytes),
                HexFormat.of().formatHex(bytes));
    }

    private static boolean containsAny(String text, String secret) {
        return needles(secret).stream().anyMatch(text::contains);
    }

    /** Responses (status line, headers, body) holding the secret. */
    private List<String> inResponses(String secret) {
        return responses.stream().map(r -> r.status() + " " + r.headers() + "\n" + r.text())
                .filter(text -> containsAny(text, secret)).toList();
    }

    /** Log events holding the secret anywhere: message, arguments, MDC, exception chain. */
    private List<String> inLogs(String secret) {
        return logs.list.stream().filter(event -> containsAny(logText(event), secret))
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static String logText(ILoggingEvent event) {
        StringBuilder text = new StringBuilder(event.getFormattedMessage()).append('\n').append(event.getMDCPropertyMap());
        if (event.getArgumentArray() != null) {
            Stream.of(event.getArgumentArray()).forEach(arg -> text.append('\n').append(arg));
        }
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            text.append('\n').append(t.getClassName()).append(": ").append(t.getMessage());
            for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
                text.append('\n').append(frame.getSTEAsString());
            }
        }
        return text.toString();
    }

    /** Files of the data directory (database, its WAL, the key file) whose bytes hold the secret. */
    private List<String> inDatabaseFiles(String secret) {
        try (Stream<Path> files = Files.list(config.getDataDir())) {
            return files.filter(file -> {
                try {
                    return containsAny(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1), secret);
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }).map(Path::toString).toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** table.column of every stored value (any table, any column, text or not) holding the secret. */
    private List<String> inDatabaseValues(String secret) {
        List<String> places = new ArrayList<>();
        for (String table : database.dsl().fetch("SELECT name FROM sqlite_master WHERE type = 'table'")
                .getValues(0, String.class)) {
            for (Record row : database.dsl().fetch("SELECT * FROM \"" + table + "\"")) {
                for (int i = 0; i < row.size(); i++) {
                    Object value = row.get(i);
                    String text = value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                            : String.valueOf(value);
                    if (containsAny(text, secret)) {
                        places.add(table + "." + row.field(i).getName());
                    }
                }
            }
        }
        return places;
    }

    private static int refusedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
