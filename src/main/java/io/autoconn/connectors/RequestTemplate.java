package io.autoconn.connectors;

import io.autoconn.connectors.TemplateParams.Use;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The request side of a connector's HTTP template, checked against the connector's params when the
 * connector file loads and rendered for each check.
 */
final class RequestTemplate {
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST");
    /** RFC 9110 token characters. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");
    /** Headers the HTTP client sets itself (and refuses), and Authorization, which only auth may set. */
    private static final Set<String> RESERVED_HEADERS =
            Set.of("authorization", "host", "content-length", "connection", "expect", "upgrade", "transfer-encoding");
    private static final Map<String, String> DEFAULT_HEADERS =
            Map.of("Accept", "application/json", "User-Agent", "autoconn-check");

    private record Header(String name, StringTemplate value) {
    }

    /** A POST body: a url-encoded form (entries with unset optional params left out), or a JSON document. */
    private record Body(@Nullable Map<String, StringTemplate> form, @Nullable JsonNode json) {
    }

    /** A request ready to send, and what the check's result says about it. */
    record Rendered(HttpRequest request, String method, String displayUrl, TemplateAuth auth,
                    List<String> derivedSecrets) {
        @Override
        public String toString() {
            return "Rendered[" + method + " " + displayUrl + "]";
        }
    }

    private final String method;
    private final UrlTemplate url;
    private final List<Header> headers;
    private final List<TemplateAuth> auth;
    private final @Nullable Body body;
    private final TemplateParams params;
    private final JsonMapper json;

    private RequestTemplate(String method, UrlTemplate url, List<Header> headers, List<TemplateAuth> auth,
                            @Nullable Body body, TemplateParams params, JsonMapper json) {
        this.method = method;
        this.url = url;
        this.headers = headers;
        this.auth = auth;
        this.body = body;
        this.params = params;
        this.json = json;
    }

    static RequestTemplate compile(HttpTemplateSpec spec, List<ParamDefinition> paramDefinitions, JsonMapper json)
            throws InvalidTemplateException {
        TemplateParams params = new TemplateParams(paramDefinitions);
        String method = spec.method() == null ? "GET" : spec.method();
        if (!METHODS.contains(method)) {
            throw new InvalidTemplateException("method", "'" + method + "' is not allowed; use GET, HEAD or POST "
                    + "(a check must not change anything)");
        }
        UrlTemplate url = UrlTemplate.compile(spec, params);
        List<Header> headers = compileHeaders(spec, params);
        List<TemplateAuth> auth = compileAuth(spec, params, url, headers);
        Body body = compileBody(spec, method, params, headers);
        return new RequestTemplate(method, url, headers, auth, body, params, json);
    }

    /**
     * A header name a template may set: a valid token, and not one the HTTP client sets itself.
     * Authorization carries credentials, so only auth may set it.
     */
    static void checkHeaderName(@Nullable String name, String where, boolean credentials)
            throws InvalidTemplateException {
        if (name == null || !TOKEN.matcher(name).matches()) {
            throw new InvalidTemplateException(where, "\"" + name + "\" is not a valid header name");
        }
        boolean authorization = name.equalsIgnoreCase("Authorization");
        if (authorization && !credentials) {
            throw new InvalidTemplateException(where, "Authorization carries credentials: set it with check.http.auth");
        }
        if (!authorization && RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
            throw new InvalidTemplateException(where, name + " is set by the HTTP client and cannot be set here");
        }
    }

    private static List<Header> compileHeaders(HttpTemplateSpec spec, TemplateParams params)
            throws InvalidTemplateException {
        List<Header> headers = new ArrayList<>();
        params.namedValues(spec.headers(), "headers", Use.HEADER, (name, where) -> checkHeaderName(name, where, false))
                .forEach((name, value) -> headers.add(new Header(name, value)));
        return List.copyOf(headers);
    }

    private static List<TemplateAuth> compileAuth(HttpTemplateSpec spec, TemplateParams params, UrlTemplate url,
                                                  List<Header> headers) throws InvalidTemplateException {
        List<TemplateAuth> alternatives = new ArrayList<>();
        List<HttpTemplateSpec.Auth> specs = spec.auth() == null ? List.of() : spec.auth();
        for (int i = 0; i < specs.size(); i++) {
            String where = "auth[" + i + "]";
            if (specs.get(i) == null) {
                throw new InvalidTemplateException(where, "must be an object");
            }
            TemplateAuth auth = TemplateAuth.compile(specs.get(i), where, params);
            if (auth.scheme() == TemplateAuth.Scheme.NONE && i < specs.size() - 1) {
                throw new InvalidTemplateException(where, "none must come last: the alternatives after it would never "
                        + "be used");
            }
            if (auth.scheme() == TemplateAuth.Scheme.API_KEY_HEADER
                    && headers.stream().anyMatch(h -> h.name().equalsIgnoreCase(auth.name()))) {
                throw new InvalidTemplateException(where, "header " + auth.name() + " is also in check.http.headers");
            }
            if (auth.scheme() == TemplateAuth.Scheme.API_KEY_QUERY && url.hasQueryParameter(auth.name())) {
                throw new InvalidTemplateException(where, "query parameter " + auth.name()
                        + " is also in check.http.query");
            }
            alternatives.add(auth);
        }
        return List.copyOf(alternatives);
    }

    private static @Nullable Body compileBody(HttpTemplateSpec spec, String method, TemplateParams params,
                                              List<Header> headers) throws InvalidTemplateException {
        HttpTemplateSpec.Body body = spec.body();
        if (body == null) {
            return null;
        }
        if (!method.equals("POST")) {
            throw new InvalidTemplateException("body", "only a POST sends a body");
        }
        if ((body.form() == null) == (body.json() == null)) {
            throw new InvalidTemplateException("body", "needs exactly one of form and json");
        }
        if (headers.stream().anyMatch(h -> h.name().equalsIgnoreCase("Content-Type"))) {
            throw new InvalidTemplateException("headers.Content-Type", "is set by the body (form or json)");
        }
        if (body.form() != null) {
            return new Body(params.namedValues(body.form(), "body.form", Use.FORM, (name, where) -> { }), null);
        }
        checkJsonStrings(body.json(), "body.json", params);
        return new Body(null, body.json());
    }

    private static void checkJsonStrings(JsonNode node, String where, TemplateParams params)
            throws InvalidTemplateException {
        if (node.isString()) {
            params.check(StringTemplate.parse(node.getStringValue()), where, Use.JSON_BODY);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkJsonStrings(node.get(i), where + "[" + i + "]", params);
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.entries()) {
                checkJsonStrings(e.getValue(), where + "." + e.getKey(), params);
            }
        }
    }

    /**
     * The request for this check's params. {@code originOverride} (a test setting) replaces the scheme,
     * host and port; {@code scrubber} masks secrets in the rare message that quotes a header.
     */
    Rendered render(ProbeInput input, Duration timeout, @Nullable URI originOverride, SecretScrubber scrubber)
            throws InvalidParamException {
        TemplateAuth chosen = chooseAuth(input);
        TemplateAuth.Credential credential = chosen.credential(params, input);
        UrlTemplate.Rendered target = url.render(input, credential, originOverride);
        HttpRequest.Builder builder = HttpRequest.newBuilder(target.uri()).timeout(timeout);
        Map<String, String> sent = new LinkedHashMap<>(DEFAULT_HEADERS);
        for (Header header : headers) {
            if (params.allSet(header.value(), input)) {
                sent.keySet().removeIf(name -> name.equalsIgnoreCase(header.name()));
                sent.put(header.name(), header.value().render(name -> params.value(name, input)));
            }
        }
        if (credential != null && !credential.inQuery()) {
            sent.put(credential.name(), credential.value());
        }
        for (Map.Entry<String, String> header : sent.entrySet()) {
            try {
                builder.header(header.getKey(), header.getValue());
            } catch (IllegalArgumentException e) {
                // The JDK quotes the header it rejects, value included.
                throw new InvalidParamException("The params of header " + header.getKey()
                        + " do not make a valid HTTP header value: " + scrubber.scrub(e.getMessage()));
            }
        }
        builder.method(method, bodyPublisher(input, builder));
        return new Rendered(builder.build(), method, target.display(), chosen, chosen.derivedSecrets(params, input));
    }

    private TemplateAuth chooseAuth(ProbeInput input) throws InvalidParamException {
        if (auth.isEmpty()) {
            return TemplateAuth.NONE;
        }
        for (TemplateAuth alternative : auth) {
            if (alternative.usable(params, input)) {
                return alternative;
            }
        }
        throw new InvalidParamException("The credentials are missing: set " + auth.stream()
                .map(a -> a.params().stream().map(p -> "'" + p + "'").collect(Collectors.joining(" and "))
                        + " (" + a.scheme().wireName() + ")")
                .collect(Collectors.joining(", or ")) + ".");
    }

    private BodyPublisher bodyPublisher(ProbeInput input, HttpRequest.Builder builder) throws InvalidParamException {
        if (body == null) {
            return BodyPublishers.noBody();
        }
        if (body.form() != null) {
            builder.header("Content-Type", "application/x-www-form-urlencoded");
            List<String> pairs = new ArrayList<>();
            for (Map.Entry<String, StringTemplate> e : body.form().entrySet()) {
                if (params.allSet(e.getValue(), input)) {
                    pairs.add(UrlTemplate.percentEncode(e.getKey()) + "="
                            + UrlTemplate.percentEncode(e.getValue().render(name -> params.value(name, input))));
                }
            }
            return BodyPublishers.ofString(String.join("&", pairs));
        }
        builder.header("Content-Type", "application/json");
        try {
            return BodyPublishers.ofByteArray(json.writeValueAsBytes(renderJson(body.json(), input)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write a JSON body", e);
        }
    }

    /** The JSON document with its strings rendered: values are put in the tree, so they need no escaping. */
    private JsonNode renderJson(JsonNode node, ProbeInput input) throws InvalidParamException {
        if (node.isString()) {
            return JsonNode.createStringNode(StringTemplate.parse(node.getStringValue())
                    .render(name -> params.value(name, input)));
        }
        if (node.isArray()) {
            List<JsonNode> items = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                items.add(renderJson(node.get(i), input));
            }
            return JsonNode.createArrayNode(items);
        }
        if (node.isObject()) {
            Map<String, JsonNode> members = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : node.entries()) {
                members.put(e.getKey(), renderJson(e.getValue(), input));
            }
            return JsonNode.createObjectNode(members);
        }
        return node;
    }

    /** The URL a check with these params calls, rendered without connecting. */
    URI uri(ProbeInput input, @Nullable URI originOverride) throws InvalidParamException {
        return url.render(input, null, originOverride).uri();
    }
}
