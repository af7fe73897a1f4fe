package io.autoconn.connectors;

import io.autoconn.connectors.TemplateParams.Use;
import io.micronaut.core.annotation.Nullable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** One way a request template sends credentials: a compiled {@link HttpTemplateSpec.Auth}. */
final class TemplateAuth {
    enum Scheme {
        NONE("none"),
        BASIC("basic", "username", "password"),
        BEARER("bearer", "token"),
        API_KEY_HEADER("apiKeyHeader", "name", "value"),
        API_KEY_QUERY("apiKeyQuery", "name", "value");

        private final String wireName;
        private final List<String> fields;

        Scheme(String wireName, String... fields) {
            this.wireName = wireName;
            this.fields = List.of(fields);
        }

        String wireName() {
            return wireName;
        }

        static String wireNames() {
            return Arrays.stream(values()).map(s -> s.wireName).collect(Collectors.joining(", "));
        }
    }

    /** What the credentials add to a request: a header, or a query parameter. */
    record Credential(String name, String value, boolean inQuery) {
        @Override
        public String toString() {
            return "Credential[" + name + ": ********]";
        }
    }

    /** No credentials: what a template without auth sends. */
    static final TemplateAuth NONE = new TemplateAuth(Scheme.NONE, Map.of(), null);

    private final Scheme scheme;
    /** The scheme's fields in its order: username/password, token, or name/value. */
    private final Map<String, StringTemplate> fields;
    /** The header or query parameter name of the API key schemes. */
    private final @Nullable String name;

    private TemplateAuth(Scheme scheme, Map<String, StringTemplate> fields, @Nullable String name) {
        this.scheme = scheme;
        this.fields = fields;
        this.name = name;
    }

    static TemplateAuth compile(HttpTemplateSpec.Auth spec, String where, TemplateParams params)
            throws InvalidTemplateException {
        Scheme scheme = Arrays.stream(Scheme.values()).filter(s -> s.wireName.equals(spec.scheme())).findFirst()
                .orElseThrow(() -> new InvalidTemplateException(where + ".scheme",
                        "'" + spec.scheme() + "' is not an auth scheme; use one of " + Scheme.wireNames()));
        Map<String, String> given = new LinkedHashMap<>();
        given.put("username", spec.username());
        given.put("password", spec.password());
        given.put("token", spec.token());
        given.put("name", spec.name());
        given.put("value", spec.value());
        Map<String, StringTemplate> fields = new LinkedHashMap<>();
        for (Map.Entry<String, String> field : given.entrySet()) {
            boolean belongs = scheme.fields.contains(field.getKey());
            if (field.getValue() == null) {
                // A basic password may be left out: some APIs take a key as the user name and no password.
                if (belongs && !field.getKey().equals("password")) {
                    throw new InvalidTemplateException(where, scheme.wireName + " needs '" + field.getKey() + "'");
                }
                continue;
            }
            if (!belongs) {
                throw new InvalidTemplateException(where, scheme.wireName + " takes no '" + field.getKey() + "'"
                        + (scheme.fields.isEmpty() ? "" : "; it takes " + String.join(", ", scheme.fields)));
            }
            StringTemplate template = StringTemplate.parse(field.getValue());
            if (!field.getKey().equals("name")) {
                params.check(template, where + "." + field.getKey(), Use.AUTH);
                fields.put(field.getKey(), template);
            } else if (template.hasPlaceholders() || field.getValue().isBlank()) {
                throw new InvalidTemplateException(where + ".name", "must be a fixed, non-empty name");
            }
        }
        if (scheme == Scheme.API_KEY_HEADER) {
            RequestTemplate.checkHeaderName(spec.name(), where + ".name", true);
        }
        return new TemplateAuth(scheme, Map.copyOf(fields), spec.name());
    }

    Scheme scheme() {
        return scheme;
    }

    /** The header or query parameter name of an API key scheme, or null. */
    @Nullable
    String name() {
        return name;
    }

    /** The params this way of authenticating needs, all of which must be set for it to be used. */
    Set<String> params() {
        Set<String> params = new LinkedHashSet<>();
        for (String field : scheme.fields) {
            if (fields.containsKey(field)) {
                params.addAll(fields.get(field).params());
            }
        }
        return params;
    }

    boolean usable(TemplateParams params, ProbeInput input) {
        return fields.values().stream().allMatch(template -> params.allSet(template, input));
    }

    /** The header or query parameter carrying the credentials; null for none. */
    @Nullable
    Credential credential(TemplateParams params, ProbeInput input) throws InvalidParamException {
        return switch (scheme) {
            case NONE -> null;
            case BASIC -> new Credential("Authorization", "Basic " + basic(params, input), false);
            case BEARER -> new Credential("Authorization", "Bearer " + render("token", params, input), false);
            case API_KEY_HEADER -> new Credential(name, render("value", params, input), false);
            case API_KEY_QUERY -> new Credential(name, render("value", params, input), true);
        };
    }

    /**
     * Encodings of the credentials a server might echo, which the plain secret values do not cover:
     * the Basic token and a query parameter's URL encoding.
     */
    List<String> derivedSecrets(TemplateParams params, ProbeInput input) throws InvalidParamException {
        List<String> derived = new ArrayList<>();
        if (scheme == Scheme.BASIC) {
            derived.add(basic(params, input));
        } else if (scheme == Scheme.API_KEY_QUERY) {
            derived.add(UrlTemplate.percentEncode(render("value", params, input)));
        }
        return derived;
    }

    /** How a detail names these credentials: the scheme and the params they come from. */
    String describe() {
        String from = params().isEmpty() ? ""
                : " from param" + (params().size() > 1 ? "s " : " ")
                        + params().stream().map(p -> "'" + p + "'").collect(Collectors.joining(", "));
        return switch (scheme) {
            case NONE -> "no credentials";
            case BASIC -> "basic username/password" + from;
            case BEARER -> "bearer token" + from;
            case API_KEY_HEADER -> "API key in header " + name + from;
            case API_KEY_QUERY -> "API key in query parameter '" + name + "'" + from;
        };
    }

    private String basic(TemplateParams params, ProbeInput input) throws InvalidParamException {
        String username = render("username", params, input);
        if (username.contains(":")) {
            // RFC 7617: the first ':' separates user from password, so it cannot be part of the user.
            throw new InvalidParamException("The user name made from params " + fields.get("username").params()
                    + " must not contain ':' (basic authentication).");
        }
        String password = fields.containsKey("password") ? render("password", params, input) : "";
        return Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private String render(String field, TemplateParams params, ProbeInput input) throws InvalidParamException {
        return fields.get(field).render(name -> params.value(name, input));
    }
}
