package io.autoconn.connectors;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The response side of a connector's HTTP template: which answer means connected, which one means the
 * credentials were refused, and where the service explains an error. Everything a detail quotes from
 * the answer is scrubbed of secrets first.
 */
final class ResponseRules {
    /** Enough for any "who am I" document, bounded so that a huge or endless body cannot pile up. */
    private static final int JSON_BODY_BYTES = 256 * 1024;
    /** Enough for any error document; only its start is quoted. */
    private static final int ERROR_BODY_BYTES = 16 * 1024;
    private static final List<Integer> AUTH_STATUSES = List.of(401, 403);

    /** Expected statuses; empty means any 2xx. */
    private final Set<Integer> expectedStatus;
    private final List<JsonCondition> expectedJson;
    private final Set<Integer> authStatus;
    private final List<JsonCondition> authJson;
    private final List<JsonPointer> errorMessage;
    private final JsonMapper json;

    private ResponseRules(Set<Integer> expectedStatus, List<JsonCondition> expectedJson, Set<Integer> authStatus,
                          List<JsonCondition> authJson, List<JsonPointer> errorMessage, JsonMapper json) {
        this.expectedStatus = expectedStatus;
        this.expectedJson = expectedJson;
        this.authStatus = authStatus;
        this.authJson = authJson;
        this.errorMessage = errorMessage;
        this.json = json;
    }

    static ResponseRules compile(HttpTemplateSpec spec, JsonMapper json) throws InvalidTemplateException {
        HttpTemplateSpec.Expectation expect = spec.expect();
        HttpTemplateSpec.Expectation authFailure = spec.authFailure();
        Set<Integer> expectedStatus = statuses(expect == null ? null : expect.status(), "expect.status", List.of());
        Set<Integer> authStatus = statuses(authFailure == null ? null : authFailure.status(), "authFailure.status",
                AUTH_STATUSES);
        for (int status : authStatus) {
            if (expectedStatus.contains(status) || expectedStatus.isEmpty() && HttpCheckClient.isSuccess(status)) {
                throw new InvalidTemplateException("authFailure.status", status + " is also an expected status; tell "
                        + "a refusal from success with authFailure.json instead");
            }
        }
        List<JsonPointer> errorMessage = new ArrayList<>();
        List<String> pointers = spec.errorMessage() == null ? List.of() : spec.errorMessage();
        for (int i = 0; i < pointers.size(); i++) {
            errorMessage.add(JsonPointer.parse(pointers.get(i), "errorMessage[" + i + "]"));
        }
        return new ResponseRules(expectedStatus, conditions(expect, "expect.json"), authStatus,
                conditions(authFailure, "authFailure.json"), List.copyOf(errorMessage), json);
    }

    private static Set<Integer> statuses(List<Integer> given, String where, List<Integer> defaults)
            throws InvalidTemplateException {
        if (given == null) {
            return new TreeSet<>(defaults);
        }
        if (given.isEmpty()) {
            throw new InvalidTemplateException(where, "needs at least one status (leave it out for the default)");
        }
        Set<Integer> statuses = new TreeSet<>();
        for (Integer status : given) {
            if (status == null || status < 100 || status > 599) {
                throw new InvalidTemplateException(where, status + " is not an HTTP status");
            }
            statuses.add(status);
        }
        return statuses;
    }

    private static List<JsonCondition> conditions(HttpTemplateSpec.Expectation expectation, String where)
            throws InvalidTemplateException {
        List<JsonCondition> conditions = new ArrayList<>();
        List<HttpTemplateSpec.JsonCondition> specs =
                expectation == null || expectation.json() == null ? List.of() : expectation.json();
        for (int i = 0; i < specs.size(); i++) {
            if (specs.get(i) == null) {
                throw new InvalidTemplateException(where + "[" + i + "]", "must be an object");
            }
            conditions.add(JsonCondition.compile(specs.get(i), where + "[" + i + "]"));
        }
        return List.copyOf(conditions);
    }

    /**
     * How much of each answer's body to read: none of an expected answer nothing is checked in, so a
     * slow or endless body cannot turn a success into a timeout.
     */
    BodyHandler<byte[]> bodies() {
        return info -> new BodyPrefixSubscriber(bodyLimit(info.statusCode()));
    }

    private int bodyLimit(int status) {
        if (!expected(status)) {
            return ERROR_BODY_BYTES;
        }
        return expectedJson.isEmpty() && authJson.isEmpty() ? 0 : JSON_BODY_BYTES;
    }

    private boolean expected(int status) {
        return expectedStatus.isEmpty() ? HttpCheckClient.isSuccess(status) : expectedStatus.contains(status);
    }

    /** Judges the answer to {@code request}; {@code service} is the connector's name, as details call it. */
    ProbeResult judge(HttpResponse<byte[]> response, RequestTemplate.Rendered request, String service,
                      SecretScrubber scrubber) {
        int status = response.statusCode();
        byte[] body = response.body();
        int limit = bodyLimit(status);
        Optional<JsonNode> document = parse(body, limit);
        String answered = request.method() + " " + request.displayUrl() + " answered HTTP " + status;
        String says = says(service, document, body, limit, scrubber);
        if (expected(status)) {
            if (expectedJson.isEmpty() && (authJson.isEmpty() || document.isEmpty())) {
                return ProbeResult.ok();
            }
            if (document.isEmpty()) {
                return CheckFailure.UNEXPECTED_RESPONSE.result(answered + ", but its body is not a JSON document."
                        + HttpCheckClient.quoteBody(body, limit, scrubber));
            }
            Optional<JsonCondition> unmet = expectedJson.stream().filter(c -> !c.holds(document.get())).findFirst();
            String but = unmet.map(c -> ", but " + scrubber.scrub(c.failure(document.get()))).orElse("");
            // An answer meeting the expectation is a success, whatever else it holds.
            if ((unmet.isPresent() || expectedJson.isEmpty()) && refusesByJson(document)) {
                return CheckFailure.AUTH_FAILED.result(answered + but + ": " + refusal(service, request) + says);
            }
            return unmet.isEmpty() ? ProbeResult.ok() : CheckFailure.UNEXPECTED_RESPONSE.result(answered + but + "." + says);
        }
        if (authStatus.contains(status) || refusesByJson(document)) {
            return CheckFailure.AUTH_FAILED.result(answered + ": " + refusal(service, request) + says);
        }
        if (HttpCheckClient.isRedirect(status)) {
            return CheckFailure.HTTP_STATUS.result(answered + ", a redirect"
                    + HttpCheckClient.redirectTarget(response, scrubber) + ". Redirects are not followed." + says);
        }
        return CheckFailure.HTTP_STATUS.result(answered + " (expected " + expectedStatuses() + ")." + says);
    }

    private boolean refusesByJson(Optional<JsonNode> document) {
        return !authJson.isEmpty() && document.isPresent() && authJson.stream().allMatch(c -> c.holds(document.get()));
    }

    private static String refusal(String service, RequestTemplate.Rendered request) {
        return request.auth().scheme() == TemplateAuth.Scheme.NONE
                ? service + " requires credentials, and the check sent none."
                : service + " refused the credentials (" + request.auth().describe() + ").";
    }

    /** The service's own explanation, from the first errorMessage pointer that finds one, else the body's start. */
    private String says(String service, Optional<JsonNode> document, byte[] body, int limit, SecretScrubber scrubber) {
        if (document.isPresent()) {
            for (JsonPointer pointer : errorMessage) {
                Optional<String> message = pointer.find(document.get())
                        .filter(node -> node.isString() || node.isNumber())
                        .map(node -> node.isString() ? node.getStringValue() : node.getNumberValue().toString())
                        .filter(text -> !text.isBlank());
                if (message.isPresent()) {
                    return " " + service + " says: " + HttpCheckClient.quote(scrubber.scrub(message.get()));
                }
            }
        }
        return HttpCheckClient.quoteBody(body, limit, scrubber);
    }

    private Optional<JsonNode> parse(byte[] body, int limit) {
        if (body.length == 0 || body.length >= limit) {
            return Optional.empty(); // a cut-off document does not parse; do not try
        }
        try {
            return Optional.ofNullable(json.readValue(body, JsonNode.class));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private String expectedStatuses() {
        return expectedStatus.isEmpty() ? "2xx"
                : expectedStatus.stream().map(String::valueOf).collect(Collectors.joining(" or "));
    }
}
