package io.autoconn.fuzz;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What every answer to a hostile request must be: below 500; an error is the spec's ErrorResponse with a
 * documented code; no stack trace, internal name or secret in it; and it comes at all, in time.
 */
final class ResponseOracle {
    private static final JsonMapper JSON = JsonMapper.createDefault();
    /** Signs of a stack trace or of internals in a body. */
    private static final List<Pattern> INTERNALS = List.of(
            Pattern.compile("\\bat (?:io|java|jdk|org|com|reactor)\\.[a-z]"),
            Pattern.compile("Exception"), Pattern.compile("\\bjava\\."), Pattern.compile("\\bjavax?\\.[a-z]"),
            Pattern.compile("io\\.micronaut"), Pattern.compile("io\\.netty"), Pattern.compile("org\\.jooq"),
            Pattern.compile("com\\.fasterxml"), Pattern.compile("io\\.autoconn"), Pattern.compile("org\\.sqlite"),
            Pattern.compile("org\\.postgresql"), Pattern.compile("\\bSQL"), Pattern.compile("\\bSQLITE_"),
            Pattern.compile("\\bjdbc:"), Pattern.compile("\\.java:\\d+"), Pattern.compile("\\$\\$Lambda"));

    private final Set<String> errorCodes;
    private final List<Pattern> classNames;
    private final List<String> secrets;

    /**
     * @param errorCodes the codes an ErrorResponse may carry
     * @param secrets values no answer may contain (API keys, secret param values)
     */
    ResponseOracle(Set<String> errorCodes, List<String> secrets) {
        this.errorCodes = errorCodes;
        this.secrets = secrets;
        this.classNames = projectClassNames();
    }

    /** The problems with this exchange; none when it is a proper answer. */
    List<String> problems(HostileRequest request, RawHttp.Exchange exchange) {
        List<String> problems = new ArrayList<>();
        if (exchange.response().isEmpty()) {
            // A client that stops mid-request may be hung up on; any other request must be answered.
            if (!(request.halfClose() && exchange.failure().startsWith("closed"))) {
                problems.add("no response: " + exchange.failure());
            }
            return problems;
        }
        RawHttp.Response response = exchange.response().get();
        String text = response.text();
        if (response.status() >= 500) {
            problems.add("status " + response.status());
        }
        if (response.status() >= 400) {
            if (!request.method().equals("HEAD")) {
                errorResponseProblem(text).ifPresent(problems::add);
            }
            internals(request, response).forEach(problems::add);
        }
        secrets.stream().filter(s -> text.contains(s) || response.headers().stream().anyMatch(h -> h[1].contains(s)))
                .forEach(s -> problems.add("a secret is echoed"));
        return problems;
    }

    /** Internals named by an error (successful answers, such as the OpenAPI document, may name SQLite). */
    private Stream<String> internals(HostileRequest request, RawHttp.Response response) {
        String sent = request.sentText();
        String text = response.text();
        List<String> found = new ArrayList<>();
        Stream.concat(INTERNALS.stream(), classNames.stream())
                .filter(p -> p.matcher(text).find() && !p.matcher(sent).find())
                .forEach(p -> found.add("internals in the body (" + p + ")"));
        response.headers().forEach(h -> Stream.concat(INTERNALS.stream(), classNames.stream())
                .filter(p -> p.matcher(h[1]).find() && !p.matcher(sent).find())
                .forEach(p -> found.add("internals in header " + h[0] + " (" + p + ")")));
        return found.stream();
    }

    @SuppressWarnings("unchecked")
    private java.util.Optional<String> errorResponseProblem(String text) {
        Map<String, Object> body;
        try {
            body = JSON.readValue(text, Argument.mapOf(String.class, Object.class));
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.of("error body is not JSON");
        }
        if (body == null || !(body.get("errors") instanceof List<?> errors) || errors.isEmpty()) {
            return java.util.Optional.of("error body has no errors");
        }
        if (!(body.get("traceId") instanceof String trace) || trace.isBlank()) {
            return java.util.Optional.of("error body has no traceId");
        }
        for (Object e : errors) {
            if (!(e instanceof Map<?, ?> item) || !(item.get("code") instanceof String code)
                    || !(item.get("title") instanceof String)) {
                return java.util.Optional.of("error item without code and title: " + e);
            }
            if (!errorCodes.contains(code)) {
                return java.util.Optional.of("undocumented error code " + code);
            }
        }
        return java.util.Optional.empty();
    }

    /** The project's own class names of two words or more (ConnectionService, ...), which no answer should name. */
    private static List<Pattern> projectClassNames() {
        Path classes = Path.of("target", "classes", "io", "autoconn");
        try (Stream<Path> files = Files.walk(classes)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".class") && !n.contains("$"))
                    .map(n -> n.substring(0, n.length() - ".class".length()))
                    .filter(n -> n.chars().filter(Character::isUpperCase).count() >= 2)
                    .distinct()
                    .map(n -> Pattern.compile("\\b" + n + "\\b"))
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException("Compile the main classes first (target/classes)", e);
        }
    }
}
