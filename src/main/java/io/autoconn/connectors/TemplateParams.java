package io.autoconn.connectors;

import io.autoconn.secrets.Secret;
import io.micronaut.core.annotation.Nullable;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The params a request template may name, and where each may go. Secret params go only where details
 * never show them (credentials and header values); a param the URL or a JSON body cannot do without
 * must not be optional.
 */
final class TemplateParams {
    /** Where a template's value lands, which decides what it may reference. */
    enum Use {
        URL(false, false),
        QUERY(false, true),
        FORM(false, true),
        JSON_BODY(false, false),
        HEADER(true, true),
        AUTH(true, true);

        private final boolean secretAllowed;
        private final boolean optionalAllowed;

        Use(boolean secretAllowed, boolean optionalAllowed) {
            this.secretAllowed = secretAllowed;
            this.optionalAllowed = optionalAllowed;
        }
    }

    private final Map<String, ParamDefinition> byName;

    TemplateParams(List<ParamDefinition> params) {
        this.byName = params.stream().collect(Collectors.toUnmodifiableMap(ParamDefinition::name, Function.identity()));
    }

    /** Braces around something that is not a param name: most likely a placeholder written wrong. */
    private static final Pattern NEAR_PLACEHOLDER = Pattern.compile("\\{([^{}\\s\"]+)}");
    private static final Pattern PARAM_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** Checks that every placeholder of {@code template} names a param that may be used there. */
    void check(StringTemplate template, String where, Use use) throws InvalidTemplateException {
        Matcher near = NEAR_PLACEHOLDER.matcher(template.source());
        while (near.find()) {
            if (!PARAM_NAME.matcher(near.group(1)).matches()) {
                throw new InvalidTemplateException(where, near.group() + " is not a placeholder: a placeholder "
                        + "names a param ({name}: letters, digits and _)");
            }
        }
        for (String name : template.params()) {
            ParamDefinition param = byName.get(name);
            if (param == null) {
                throw new InvalidTemplateException(where, "{" + name + "} names no param of this connector; params: "
                        + byName.keySet().stream().sorted().collect(Collectors.joining(", ")));
            }
            if (param.secret() && !use.secretAllowed) {
                throw new InvalidTemplateException(where, "{" + name + "} is a secret param, which may only be used in "
                        + "auth and header values (details show URLs and bodies are logged by servers)");
            }
            if (param.optional() && !use.optionalAllowed) {
                throw new InvalidTemplateException(where, "{" + name + "} is an optional param, but the request "
                        + "cannot be made without it: declare it with \"optional\": false");
            }
        }
    }

    /** Checks a name of a query parameter, header or form field; throws when it cannot be one. */
    @FunctionalInterface
    interface NameCheck {
        void check(String name, String where) throws InvalidTemplateException;
    }

    /**
     * Fixed names with value templates (query parameters, headers, form fields), checked, in their order;
     * null is none. Each is reported as {@code prefix.name}.
     */
    Map<String, StringTemplate> namedValues(@Nullable Map<String, String> values, String prefix, Use use,
                                            NameCheck names) throws InvalidTemplateException {
        Map<String, StringTemplate> compiled = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (Map.Entry<String, String> e : (values == null ? Map.<String, String>of() : values).entrySet()) {
            String where = prefix + "." + e.getKey();
            if (e.getKey().isBlank() || StringTemplate.parse(e.getKey()).hasPlaceholders()) {
                throw new InvalidTemplateException(where, "a name must be fixed and non-empty");
            }
            names.check(e.getKey(), where);
            if (!seen.add(e.getKey().toLowerCase(Locale.ROOT)) && use == Use.HEADER) {
                throw new InvalidTemplateException(where, "is given twice (header names ignore case)");
            }
            if (e.getValue() == null) {
                throw new InvalidTemplateException(where, "needs a value");
            }
            StringTemplate value = StringTemplate.parse(e.getValue());
            check(value, where, use);
            compiled.put(e.getKey(), value);
        }
        return compiled;
    }

    Optional<ParamDefinition> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Whether every param {@code template} names has a value in this check. */
    boolean allSet(StringTemplate template, ProbeInput input) {
        return template.params().stream().allMatch(name -> raw(name, input).isPresent());
    }

    /** A param's value as the check sends it (a secret revealed); a missing one makes the params unusable. */
    String value(String name, ProbeInput input) throws InvalidParamException {
        return raw(name, input).orElseThrow(() -> InvalidParamException.missing(name));
    }

    private Optional<String> raw(String name, ProbeInput input) {
        ParamDefinition param = byName.get(name);
        return param != null && param.secret()
                ? input.secret(name).map(Secret::reveal)
                : input.value(name);
    }
}
