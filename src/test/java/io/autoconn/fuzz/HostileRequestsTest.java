package io.autoconn.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoconn.fuzz.ApiDescription.Field;
import io.autoconn.fuzz.ApiDescription.Operation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Hostile requests against every operation of the served OpenAPI document, over real sockets to a real server:
 * malformed and deeply nested JSON, wrong types per field, huge strings and bodies, invalid UTF-8, SCIM filter
 * injection, bad cursors and limits, path traversal in ids, header abuse, wrong methods and broken HTTP framing.
 * Every answer must be below 500, an ErrorResponse with a documented code when it is an error, free of stack
 * traces, internal names and secrets, and come within 10 s. Afterwards the server still answers and no row
 * exists that only a refused request could have made.
 */
class HostileRequestsTest {
    /** The floor: the families' requests add up to more. */
    private static final int MIN_REQUESTS = 10_000;
    private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}]+)}");
    /** A list, not a set: the order of the choices must not change from one JVM to the next, or a seed would not replay. */
    private static final List<String> ALL_METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");
    /** Most query values are sent URL-encoded, some raw. */
    private static final Gen<Boolean> ENCODED = Gen.frequency(Gen.weighted(3, Gen.just(true)),
            Gen.weighted(1, Gen.just(false)));
    /** Requests sent, by family, for the summary and to know whether the whole run took place. */
    private static final Map<Family, Integer> SENT = new ConcurrentHashMap<>();

    private static FuzzTarget target;

    /** The families of hostile requests, each with its generator and how many it sends. */
    enum Family {
        MALFORMED_BODIES(1300, HostileRequestsTest::malformedBodyRequests),
        WRONG_TYPES(1500, HostileRequestsTest::wrongTypeRequests),
        HOSTILE_STRINGS(1200, HostileRequestsTest::hostileStringRequests),
        QUERY_ABUSE(2000, HostileRequestsTest::queryRequests),
        PATH_IDS(1500, HostileRequestsTest::pathIdRequests),
        HEADER_ABUSE(1500, HostileRequestsTest::headerRequests),
        WRONG_METHODS(700, HostileRequestsTest::wrongMethodRequests),
        BROKEN_HTTP(900, HostileRequestsTest::brokenHttpRequests);

        final int requests;
        /** Built when the family runs: the generators need the server's real ids. */
        final Supplier<Gen<HostileRequest>> generator;

        Family(int requests, Supplier<Gen<HostileRequest>> generator) {
            this.requests = requests;
            this.generator = generator;
        }
    }

    @BeforeAll
    static void startServer() {
        target = new FuzzTarget();
    }

    @AfterAll
    static void serverStillServesAndStoredNothingRefused() throws IOException {
        try {
            Map<Family, Integer> byFamily = new TreeMap<>(SENT);
            String summary = "Fuzz (seed " + Seed.run() + "): " + target.total() + " hostile requests over "
                    + target.api.operations().size() + " operations; by family: " + byFamily
                    + "; answers by status: " + target.histogram() + "; slowest (ms): " + target.slowest();
            System.out.println(summary);
            Files.writeString(Path.of("target", "fuzz-summary.txt"), summary + System.lineSeparator());
            RawHttp.Exchange health = target.plain("GET", "/api/v1/automation-connections?limit=1");
            assertThat(health.response()).as("the server still answers: " + health.failure()).isPresent();
            assertThat(health.response().get().status()).as(health.response().get().toString()).isEqualTo(200);
            assertThat(target.rowsNoAnswerCreated()).as("rows no successful answer made").isEmpty();
            if (byFamily.keySet().equals(EnumSet.allOf(Family.class))) {
                assertThat(target.total()).isGreaterThanOrEqualTo(MIN_REQUESTS);
            }
        } finally {
            target.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Family.class)
    void everyAnswerIsSafe(Family family) {
        family.generator.get().forAll(family.name(), family.requests, request -> {
            SENT.merge(family, 1, Integer::sum);
            assertThat(target.judge(request)).isEmpty();
        });
    }

    // --- Generators -------------------------------------------------------------------------------------------

    private static Gen<HostileRequest> malformedBodyRequests() {
        return Gen.of(writes()).flatMap(op -> Hostile.malformedJson(plausibleBody(op))
                .map(body -> HostileRequest.json("malformed JSON", op.method(), realPath(op), body)));
    }

    private static Gen<HostileRequest> wrongTypeRequests() {
        return Gen.of(withBodies()).flatMap(op -> Gen.of(op.bodyFields()).flatMap(field ->
                Gen.oneOf(Hostile.wrongValues(field.type()),
                                Hostile.wrongValues("object").map(v -> (Object) List.of(Map.of("name", v, "value", v))))
                        .map(value -> HostileRequest.json("wrong type of " + field.name(), op.method(), realPath(op),
                                Hostile.utf8(JsonText.write(spoiled(op, field, value)))))));
    }

    private static Gen<HostileRequest> hostileStringRequests() {
        Gen<Integer> where = Gen.ints(0, 2);
        return Gen.of(withBodies()).flatMap(op -> random -> {
            Field field = Gen.of(op.bodyFields()).next(random);
            String s = Hostile.strings().next(random);
            Object value = switch (where.next(random)) {
                case 0 -> s;
                case 1 -> List.of(s);
                default -> List.of(Map.of("name", s, "value", s, "id", s));
            };
            return HostileRequest.json("hostile string in " + field.name(), op.method(), realPath(op),
                    Hostile.utf8(JsonText.write(spoiled(op, field, value))));
        });
    }

    private static Gen<HostileRequest> queryRequests() {
        List<Operation> lists = target.api.operations().stream().filter(op -> !op.queryParams().isEmpty()).toList();
        return Gen.of(lists).flatMap(op -> Gen.of(op.queryParams()).flatMap(HostileRequestsTest::queryValue)
                .list(1, 3)
                .flatMap(params -> ENCODED.map(encoded -> {
                    StringBuilder query = new StringBuilder();
                    for (String[] p : params) {
                        query.append(query.isEmpty() ? "?" : "&").append(p[0]).append('=')
                                .append(encoded ? URLEncoder.encode(p[1], StandardCharsets.UTF_8) : p[1]);
                    }
                    return HostileRequest.of("query " + params.stream().map(p -> p[0]).toList(), op.method(),
                            realPath(op) + query);
                })));
    }

    private static Gen<String[]> queryValue(String name) {
        Gen<String> values = switch (name) {
            case "filter" -> Hostile.filters();
            case "sort" -> Hostile.sorts();
            case "limit" -> Hostile.limits();
            case "cursor", "next", "prev", "startingAfter", "endingBefore" -> Hostile.cursors(target.realCursor);
            default -> Gen.oneOf(Hostile.strings().filter(s -> s.length() < 10_000),
                    Gen.of("true", "TRUE", "1", "yes", "", "maybe", "null", target.realId("users"),
                            "2024-01-01T00:00:00Z/2023-01-01T00:00:00Z", "/", "x/y/z", "2024-13-01T00:00:00Z/"));
        };
        return values.map(v -> new String[] {name, v});
    }

    private static Gen<HostileRequest> pathIdRequests() {
        List<Operation> withIds = target.api.operations().stream().filter(op -> !op.pathParams().isEmpty()).toList();
        return Gen.of(withIds).flatMap(op -> Gen.of(op.pathParams())
                .flatMap(param -> Hostile.pathIds(realIdFor(op.path(), param))
                        .map(id -> body(op, HostileRequest.of("hostile " + param, op.method(),
                                path(op, p -> p.equals(param) ? id : realIdFor(op.path(), p)))))));
    }

    private static Gen<HostileRequest> headerRequests() {
        return Gen.of(target.api.operations()).flatMap(op -> Gen.oneOf(
                Hostile.headerAbuse().map(headers -> withHeaders(body(op,
                        HostileRequest.of("headers", op.method(), realPath(op))), headers)),
                Hostile.authorizationAbuse(target.adminKey).map(headers -> withHeaders(body(op,
                        HostileRequest.of("authorization", op.method(), realPath(op))).unauthorized(), headers))));
    }

    private static Gen<HostileRequest> wrongMethodRequests() {
        Map<String, Set<String>> methodsByPath = new LinkedHashMap<>();
        target.api.operations().forEach(op -> methodsByPath.computeIfAbsent(op.path(), p -> new java.util.HashSet<>())
                .add(op.method()));
        List<String[]> wrong = new ArrayList<>();
        methodsByPath.forEach((path, methods) -> {
            ALL_METHODS.stream().filter(m -> !methods.contains(m)).forEach(m -> wrong.add(new String[] {m, path}));
            List.of("HEAD", "OPTIONS", "TRACE", "CONNECT", "FOO", "get", "PROPFIND", "M".repeat(1_000))
                    .forEach(m -> wrong.add(new String[] {m, path}));
        });
        return Gen.of(wrong).flatMap(mp -> Gen.of(true, false).map(withBody -> {
            HostileRequest r = HostileRequest.of("wrong method", mp[0], path(mp[1], p -> realIdFor(mp[1], p)));
            return withBody ? r.withHeader("Content-Type", "application/json").withBody(Hostile.utf8("{}")) : r;
        }));
    }

    private static Gen<HostileRequest> brokenHttpRequests() {
        String connections = "/api/v1/automation-connections";
        String one = connections + "/" + target.realId("automation-connections");
        byte[] create = Hostile.utf8(plausibleBody(target.api.operations().stream()
                .filter(op -> op.method().equals("POST") && op.path().equals(connections)).findFirst().orElseThrow()));
        Gen<HostileRequest> paths = Gen.of(
                one + "\u00ff\u00fe", "/api/v1/\u00c0\u00af", connections + "?filter=\u00ff", "/api/v1/spaces/\u0080",
                connections + "?filter=name eq \"x\"", "/api/v1/users/\u00ed\u00a0\u0080", "api/v1/users", "*",
                "http://evil.example" + connections, "//" + connections, connections + "#frag", one + "/../../users",
                "/api/v1/./automation-connections", "/api/v1/automation-connections/%2e%2e/users", "/" + "a".repeat(9_000),
                connections + "?" + "limit=1&".repeat(3_000), "/\u0000", "/api/v1/users\r\nX-Injected: 1")
                .map(path -> HostileRequest.of("bad request target", "GET", path));
        Gen<HostileRequest> framing = Gen.of(
                HostileRequest.json("Content-Length larger than the body", "POST", connections, create)
                        .withHeader("Content-Length", String.valueOf(create.length + 100)).selfFramed(),
                HostileRequest.json("Content-Length 10 MB, 10 bytes sent", "POST", connections, Hostile.utf8("{\"name\":1"))
                        .withHeader("Content-Length", String.valueOf(10 * (1 << 20))).selfFramed(),
                HostileRequest.json("negative Content-Length", "POST", connections, create)
                        .withHeader("Content-Length", "-1").selfFramed(),
                HostileRequest.json("Content-Length not a number", "POST", connections, create)
                        .withHeader("Content-Length", "abc").selfFramed(),
                HostileRequest.json("Content-Length overflows", "POST", connections, create)
                        .withHeader("Content-Length", "99999999999999999999").selfFramed(),
                HostileRequest.json("two Content-Lengths", "POST", connections, create)
                        .withHeader("Content-Length", String.valueOf(create.length))
                        .withHeader("Content-Length", "3").selfFramed(),
                HostileRequest.json("truncated chunked body", "POST", connections, Hostile.utf8("20\r\n{\"name\":"))
                        .withHeader("Transfer-Encoding", "chunked").selfFramed(),
                HostileRequest.json("bad chunk size", "POST", connections, Hostile.utf8("zz\r\n{}\r\n0\r\n\r\n"))
                        .withHeader("Transfer-Encoding", "chunked").selfFramed(),
                HostileRequest.json("chunked and Content-Length", "POST", connections,
                                Hostile.utf8("2\r\n{}\r\n0\r\n\r\nGET /api/v1/users HTTP/1.1\r\n\r\n"))
                        .withHeader("Transfer-Encoding", "chunked").withHeader("Content-Length", "4").selfFramed(),
                HostileRequest.json("unknown transfer coding", "POST", connections, create)
                        .withHeader("Transfer-Encoding", "gzip, chunked").selfFramed(),
                HostileRequest.json("chunked body over the limit", "POST", connections, chunked(3 << 20))
                        .withHeader("Transfer-Encoding", "chunked").selfFramed(),
                HostileRequest.json("body over the limit", "POST", connections, new byte[(1 << 20) + 1]),
                HostileRequest.json("body of 4 MB", "PUT", one, Hostile.utf8("{\"name\":\"" + "n".repeat(4 << 20) + "\"}")),
                HostileRequest.of("bare LF line ends", "GET", connections + " HTTP/1.1\nX-A: 1\n\nGET /x"),
                HostileRequest.of("obs-fold header", "GET", connections).withHeader("X-A", "1\r\n folded"),
                HostileRequest.of("header without colon", "GET", connections).withHeader("NoColon\r\nX-B", "1"),
                HostileRequest.of("space in header name", "GET", connections).withHeader("Bad Header", "1"),
                HostileRequest.of("NUL in header", "GET", connections).withHeader("X-Nul", "a\u0000b"),
                HostileRequest.of("CR in header", "GET", connections).withHeader("X-Cr", "a\rb"),
                HostileRequest.of("header name bytes", "GET", connections).withHeader("X-\u00ff\u00fe", "1"),
                HostileRequest.of("HTTP/1.0", "GET", connections + " HTTP/1.0\r\nX-A:"),
                HostileRequest.of("HTTP/2.0 in text", "GET", connections + " HTTP/2.0\r\nX-A:"),
                HostileRequest.of("HTTP/9.9", "GET", connections + " HTTP/9.9\r\nX-A:"),
                HostileRequest.of("huge request line", "GET", connections + "?filter=" + "x".repeat(100_000)),
                HostileRequest.of("huge headers", "GET", connections).withHeader("X-Huge", "h".repeat(200_000)));
        return Gen.oneOf(paths, framing);
    }

    // --- Building requests ------------------------------------------------------------------------------------

    private static List<Operation> writes() {
        return target.api.operations().stream().filter(op -> !op.method().equals("GET")).toList();
    }

    private static List<Operation> withBodies() {
        return target.api.operations().stream().filter(op -> op.hasBody() && !op.bodyFields().isEmpty()).toList();
    }

    /** The operation's plausible body with one field (of the first item, for an array body) set to {@code value}. */
    @SuppressWarnings("unchecked")
    private static Object spoiled(Operation op, Field field, Object value) {
        Object body = withRealIds(op.body());
        if (op.bodyIsArray()) {
            List<Object> items = new ArrayList<>((List<Object>) body);
            Map<String, Object> first = new LinkedHashMap<>((Map<String, Object>) items.get(0));
            first.put(field.name(), value);
            items.set(0, first);
            return items;
        }
        Map<String, Object> object = new LinkedHashMap<>((Map<String, Object>) body);
        object.put(field.name(), value);
        return object;
    }

    private static String plausibleBody(Operation op) {
        return op.hasBody() ? JsonText.write(withRealIds(op.body())) : "{}";
    }

    /** The schema's example values, with the ids of real resources where fields refer to them. */
    @SuppressWarnings("unchecked")
    private static Object withRealIds(Object body) {
        if (body instanceof List<?> list) {
            return list.stream().map(HostileRequestsTest::withRealIds).toList();
        }
        if (!(body instanceof Map<?, ?>)) {
            return body;
        }
        Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) body);
        copy.replaceAll((name, value) -> switch (name) {
            case "spaceId" -> target.realId("spaces");
            case "assigneeId", "ownerId", "sub", "userId" -> target.realId("users");
            case "connectorId" -> FuzzTarget.HTTP_API;
            default -> withRealIds(value);
        });
        return copy;
    }

    private static HostileRequest body(Operation op, HostileRequest request) {
        return op.hasBody() ? request.withHeader("Content-Type", "application/json")
                .withBody(Hostile.utf8(plausibleBody(op))) : request;
    }

    private static HostileRequest withHeaders(HostileRequest request, List<String[]> headers) {
        HostileRequest r = request;
        for (String[] h : headers) {
            r = r.withHeader(h[0], h[1]);
        }
        return r;
    }

    private static String realPath(Operation op) {
        return path(op, p -> realIdFor(op.path(), p));
    }

    private static String path(Operation op, Function<String, String> value) {
        return path(op.path(), value);
    }

    private static String path(String template, Function<String, String> value) {
        Matcher m = PATH_PARAM.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(value.apply(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The real id for {@code {param}} of a path: that of the collection named just before it. */
    private static String realIdFor(String template, String param) {
        String before = template.substring(0, template.indexOf("{" + param + "}") - 1);
        String collection = before.substring(before.lastIndexOf('/') + 1);
        String id = target.realId(collection);
        if (id == null) {
            throw new UncheckedIOException(new IOException("No real resource for " + collection + " in " + template));
        }
        return id;
    }

    private static byte[] chunked(int size) {
        StringBuilder out = new StringBuilder();
        String chunk = "x".repeat(65_536);
        for (int sent = 0; sent < size; sent += chunk.length()) {
            out.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        return Hostile.utf8(out.append("0\r\n\r\n").toString());
    }
}
