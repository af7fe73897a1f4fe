package io.autoconn.connectors;

import io.autoconn.secrets.Secret;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
