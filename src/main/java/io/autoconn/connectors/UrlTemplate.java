package io.autoconn.connectors;

import io.autoconn.connectors.TemplateParams.Use;
import io.micronaut.core.annotation.Nullable;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The URL a request template calls. Param values can never change its scheme or host unless the
 * connector names the param in {@code hostParams}: in the path a value is encoded as segment text (a
 * '/', '?', '#' or '@' in it stays data), in the query as a query value; in the host a param is one
 * DNS label (so {@code https://{site}.atlassian.net} stays under atlassian.net), or a whole base URL
 * that starts the template ({@code {instanceUrl}/services/...}).
 */
final class UrlTemplate {
    private static final Pattern FIXED_ORIGIN = Pattern.compile("(https?)://([^/]*)(.*)", Pattern.DOTALL);
    private static final Pattern LEADING_PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}(.*)", Pattern.DOTALL);
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern HOST_NAME = Pattern.compile(LABEL.pattern() + "(?:\\." + LABEL.pattern() + ")*");
    /** RFC 3986 path characters; '%' only as the start of an escape, checked separately. */
    private static final Pattern PATH_TEXT = Pattern.compile("[A-Za-z0-9\\-._~!$&'()*+,;=:@/%]*");
    private static final Pattern BAD_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");

    /** A query parameter: a fixed name and a value template. */
    private record QueryEntry(String name, StringTemplate value) {
    }

    /** Where a request goes before its path: a fixed scheme and port, and a host that may hold labels. */
    private record FixedOrigin(String scheme, StringTemplate host, @Nullable String port) {
    }

    private final TemplateParams params;
    /** Exactly one of a fixed origin and a base-URL param. */
    private final @Nullable FixedOrigin fixed;
    private final @Nullable String baseUrlParam;
    private final StringTemplate path;
    private final List<QueryEntry> query;

    private UrlTemplate(TemplateParams params, @Nullable FixedOrigin fixed, @Nullable String baseUrlParam,
                        StringTemplate path, List<QueryEntry> query) {
        this.params = params;
        this.fixed = fixed;
        this.baseUrlParam = baseUrlParam;
        this.path = path;
        this.query = query;
    }

    static UrlTemplate compile(HttpTemplateSpec spec, TemplateParams params) throws InvalidTemplateException {
        String url = spec.url();
        if (url == null || url.isBlank()) {
            throw new InvalidTemplateException("url", "is required");
        }
        if (url.contains("?") || url.contains("#")) {
            throw new InvalidTemplateException("url", "must have no query or fragment; put query parameters in "
                    + "check.http.query");
        }
        Set<String> hostParams = new HashSet<>(spec.hostParams() == null ? List.of() : spec.hostParams());
        Set<String> usedInHost = new HashSet<>();
        FixedOrigin fixed = null;
        String baseUrlParam = null;
        String pathText;
        Matcher leading = LEADING_PLACEHOLDER.matcher(url);
        if (leading.matches()) {
            baseUrlParam = leading.group(1);
            pathText = leading.group(2);
            ParamDefinition param = hostParam(baseUrlParam, hostParams, params);
            if (param.type() != FieldType.URL) {
                throw new InvalidTemplateException("url", "{" + baseUrlParam + "} starts the url, so it is a base URL "
                        + "and must be a param of fieldType url (it is " + param.fieldType() + ")");
            }
            usedInHost.add(baseUrlParam);
        } else {
            Matcher m = FIXED_ORIGIN.matcher(url);
            if (!m.matches()) {
                throw new InvalidTemplateException("url", "must start with https:// or http:// (or a base-URL param "
                        + "named in hostParams); got \"" + url + "\"");
            }
            fixed = fixedOrigin(m.group(1), m.group(2), hostParams, params, usedInHost);
            pathText = m.group(3);
        }
        for (String declared : hostParams) {
            if (!usedInHost.contains(declared)) {
                throw new InvalidTemplateException("hostParams", "names '" + declared
                        + "', but the url's host does not use it");
            }
        }
        StringTemplate path = compilePath(pathText, params);
        return new UrlTemplate(params, fixed, baseUrlParam, path, compileQuery(spec, params));
    }

    private static FixedOrigin fixedOrigin(String scheme, String authority, Set<String> hostParams,
                                           TemplateParams params, Set<String> usedInHost)
            throws InvalidTemplateException {
        if (authority.contains("@")) {
            throw new InvalidTemplateException("url", "must not hold credentials (user@host); use check.http.auth");
        }
        String hostText = authority;
        String port = null;
        int colon = authority.lastIndexOf(':');
        if (colon >= 0) {
            hostText = authority.substring(0, colon);
            port = authority.substring(colon + 1);
            if (!PORT.matcher(port).matches() || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                throw new InvalidTemplateException("url", "the port must be a fixed number from 1 to 65535; got \""
                        + port + "\"");
            }
        }
        StringTemplate host = StringTemplate.parse(hostText);
        for (String name : host.params()) {
            ParamDefinition param = hostParam(name, hostParams, params);
            if (param.type() != FieldType.TEXT && param.type() != FieldType.ENUM) {
                throw new InvalidTemplateException("url", "{" + name + "} in the host must be a text or enum param "
                        + "(a DNS label); it is " + param.fieldType());
            }
            if (param.type() == FieldType.ENUM) {
                for (String option : param.optionValues()) {
                    if (!HOST_NAME.matcher(option).matches()) {
                        throw new InvalidTemplateException("url", "{" + name + "} in the host must have host-name "
                                + "options; \"" + option + "\" is not one");
                    }
                }
            }
            usedInHost.add(name);
        }
        String sample;
        try {
            sample = host.render(name -> "a");
        } catch (InvalidParamException e) {
            throw new IllegalStateException(e); // the sample never fails
        }
        if (sample.length() > 253 || !HOST_NAME.matcher(sample).matches()) {
            throw new InvalidTemplateException("url", "\"" + hostText + "\" is not a host name");
        }
        return new FixedOrigin(scheme, host, port);
    }

    private static ParamDefinition hostParam(String name, Set<String> hostParams, TemplateParams params)
            throws InvalidTemplateException {
        ParamDefinition param = params.find(name).orElseThrow(() ->
                new InvalidTemplateException("url", "{" + name + "} names no param of this connector"));
        if (!hostParams.contains(name)) {
            throw new InvalidTemplateException("url", "{" + name + "} would choose the host, but hostParams does not "
                    + "name it: only params a connector declares as host params may");
        }
        params.check(StringTemplate.parse("{" + name + "}"), "url", Use.URL);
        return param;
    }

    private static StringTemplate compilePath(String pathText, TemplateParams params) throws InvalidTemplateException {
        if (!pathText.isEmpty() && !pathText.startsWith("/")) {
            throw new InvalidTemplateException("url", "the path must start with '/'");
        }
        StringTemplate path = StringTemplate.parse(pathText);
        params.check(path, "url", Use.URL);
        String literal;
        try {
            literal = path.render(name -> "a");
        } catch (InvalidParamException e) {
            throw new IllegalStateException(e);
        }
        if (!PATH_TEXT.matcher(literal).matches() || BAD_ESCAPE.matcher(literal).find()) {
            throw new InvalidTemplateException("url", "the path \"" + pathText + "\" has characters a URL path "
                    + "cannot hold; percent-encode them");
        }
        return path;
    }

    private static List<QueryEntry> compileQuery(HttpTemplateSpec spec, TemplateParams params)
            throws InvalidTemplateException {
        List<QueryEntry> entries = new ArrayList<>();
        params.namedValues(spec.query(), "query", Use.QUERY, (name, where) -> { })
                .forEach((name, value) -> entries.add(new QueryEntry(name, value)));
        return List.copyOf(entries);
    }

    /** Whether the query already has this parameter (an API key parameter must not repeat one). */
    boolean hasQueryParameter(String name) {
        return query.stream().anyMatch(q -> q.name().equals(name));
    }

    /** The URL as sent, and as details show it (an API key parameter's value masked). */
    record Rendered(URI uri, String display) {
    }

    /**
     * Renders the URL for this check's params, with {@code credential} (an API key query parameter) added
     * when given. {@code originOverride}, a test setting, replaces scheme, host and port.
     */
    Rendered render(ProbeInput input, @Nullable TemplateAuth.Credential credential, @Nullable URI originOverride)
            throws InvalidParamException {
        String origin = originOverride != null ? origin(originOverride) : origin(input);
        String pathPart = path.render(name -> segment(name, params.value(name, input)));
        StringBuilder sent = new StringBuilder();
        StringBuilder shown = new StringBuilder();
        for (QueryEntry entry : query) {
            if (params.allSet(entry.value(), input)) {
                String pair = percentEncode(entry.name()) + "=" + percentEncode(entry.value().render(n -> params.value(n, input)));
                append(sent, pair);
                append(shown, pair);
            }
        }
        if (credential != null && credential.inQuery()) {
            append(sent, percentEncode(credential.name()) + "=" + percentEncode(credential.value()));
            append(shown, percentEncode(credential.name()) + "=****");
        }
        String base = origin + pathPart;
        try {
            return new Rendered(new URI(base + (sent.isEmpty() ? "" : "?" + sent)),
                    base + (shown.isEmpty() ? "" : "?" + shown));
        } catch (URISyntaxException e) {
            // Every value is encoded, and the template was checked at start-up: this is a bug.
            throw new IllegalStateException("Rendered an invalid URL from " + this, e);
        }
    }

    private String origin(ProbeInput input) throws InvalidParamException {
        if (baseUrlParam != null) {
            return baseUrl(baseUrlParam, params.value(baseUrlParam, input));
        }
        String host = fixed.host().render(name -> label(name, params.value(name, input)));
        return fixed.scheme() + "://" + host.toLowerCase(Locale.ROOT) + (fixed.port() == null ? "" : ":" + fixed.port());
    }

    private static String origin(URI override) {
        return override.getScheme() + "://" + override.getRawAuthority();
    }

    /** A host param that is one DNS label: nothing else, so it cannot reach out of the template's domain. */
    private String label(String param, String value) throws InvalidParamException {
        boolean isEnum = params.find(param).map(p -> p.type() == FieldType.ENUM).orElse(false);
        if (isEnum ? HOST_NAME.matcher(value).matches() : LABEL.matcher(value).matches()) {
            return value;
        }
        throw new InvalidParamException("Param '" + param + "' must be a single DNS label (letters, digits and "
                + "hyphens, no dots); got \"" + value + "\".");
    }

    /** A base-URL param: an http(s) URL naming a host, with no credentials, query or fragment. */
    private static String baseUrl(String param, String value) throws InvalidParamException {
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw new InvalidParamException("Param '" + param + "' is not a valid URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            throw new InvalidParamException("Param '" + param + "' must be an http or https URL naming a host; got \""
                    + value + "\".");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new InvalidParamException("Param '" + param + "' must be a base URL without credentials, query or "
                    + "fragment; got \"" + value + "\".");
        }
        String basePath = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        return scheme + "://" + uri.getRawAuthority() + basePath;
    }

    /** A value as path segment text: everything but unreserved characters escaped, dot segments refused. */
    private static String segment(String param, String value) throws InvalidParamException {
        if (value.equals(".") || value.equals("..")) {
            throw new InvalidParamException("Param '" + param + "' must not be \".\" or \"..\".");
        }
        return percentEncode(value);
    }

    /** Percent-encodes all but RFC 3986's unreserved characters (so a space is %20, never '+'). */
    static String percentEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("*", "%2A")
                .replace("%7E", "~");
    }

    private static void append(StringBuilder query, String pair) {
        if (!query.isEmpty()) {
            query.append('&');
        }
        query.append(pair);
    }

    @Override
    public String toString() {
        Map<String, String> q = new LinkedHashMap<>();
        query.forEach(e -> q.put(e.name(), e.value().source()));
        return (baseUrlParam != null ? "{" + baseUrlParam + "}" : fixed.scheme() + "://" + fixed.host()
                + (fixed.port() == null ? "" : ":" + fixed.port())) + path + (q.isEmpty() ? "" : "?" + q);
    }
}
