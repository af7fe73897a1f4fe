package io.autoconn.connections;

import io.autoconn.connectors.ConnectorDefinition;
import io.autoconn.connectors.ParamDefinition;
import io.autoconn.error.ApiException;
import io.autoconn.error.ErrorCode;
import io.autoconn.secrets.Secret;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks param values a client sent against the connector's declared params and merges them into
 * what is stored: non-secret values by param id, and secrets (still plain, to be encrypted) by id.
 */
final class ParamValues {
    /** What the API shows instead of a secret's value; sent back unchanged on update, it keeps the secret. */
    static final String MASK = "********";
    private static final int MAX_VALUE_LENGTH = 8192;

    private final ConnectorDefinition connector;
    private final Map<String, String> plain;
    private final Map<String, Secret> secrets;
    /** Ids of the secret params whose stored ciphertext stays (not sent, or sent back masked). */
    private final Set<String> keptSecrets;

    private ParamValues(ConnectorDefinition connector, Map<String, String> plain, Map<String, Secret> secrets,
                        Set<String> keptSecrets) {
        this.connector = connector;
        this.plain = plain;
        this.secrets = secrets;
        this.keptSecrets = keptSecrets;
    }

    /** Params of a new connection, named by param {@code name}. */
    static ParamValues forCreate(ConnectorDefinition connector, List<ParamInput> inputs) {
        ParamValues values = new ParamValues(connector, new HashMap<>(), new HashMap<>(), new HashSet<>());
        values.apply(inputs, "name", connector::paramByName, (param, value) -> {
            if (param.secret() && MASK.equals(value)) {
                return Optional.of("is the mask shown for stored secrets; send the real value");
            }
            return Optional.empty();
        });
        values.requireAllMandatory();
        return values;
    }

    /** Params of an existing connection after an update naming params by {@code id}. */
    static ParamValues forUpdate(ConnectorDefinition connector, Map<String, String> storedPlain,
                                 Set<String> storedSecretIds, List<ParamInput> inputs) {
        ParamValues values = new ParamValues(connector, new HashMap<>(storedPlain), new HashMap<>(),
                new HashSet<>(storedSecretIds));
        values.apply(inputs, "id", connector::paramById, (param, value) -> Optional.empty());
        values.requireAllMandatory();
        return values;
    }

    private void apply(List<ParamInput> inputs, String keyName,
                       Function<String, Optional<ParamDefinition>> lookup,
                       BiFunction<ParamDefinition, String, Optional<String>> extraCheck) {
        Set<String> seen = new HashSet<>();
        for (ParamInput input : inputs) {
            String where = "params[" + input.index() + "]";
            if (input.key() == null || input.key().isBlank()) {
                throw new ApiException(ErrorCode.INVALID_FIELD, where + "." + keyName + " is required");
            }
            ParamDefinition param = lookup.apply(input.key()).orElseThrow(() -> new ApiException(
                    ErrorCode.UNKNOWN_PARAM, where + ": connector '" + connector.name() + "' has no parameter with "
                    + keyName + " '" + input.key() + "'; its parameters are: " + declared(keyName)));
            if (!seen.add(param.id())) {
                throw new ApiException(ErrorCode.DUPLICATE_PARAM,
                        where + ": parameter '" + param.name() + "' is given more than once");
            }
            set(param, input.value(), extraCheck);
        }
    }

    private void set(ParamDefinition param, String value, BiFunction<ParamDefinition, String, Optional<String>> extraCheck) {
        if (value == null || value.isEmpty()) {
            plain.remove(param.id());
            secrets.remove(param.id());
            keptSecrets.remove(param.id());
            return;
        }
        if (param.secret() && MASK.equals(value) && keptSecrets.contains(param.id())) {
            return;
        }
        Optional<String> problem = value.length() > MAX_VALUE_LENGTH
                ? Optional.of("is longer than " + MAX_VALUE_LENGTH + " characters")
                : extraCheck.apply(param, value).or(() -> param.type().problemWith(value, param));
        problem.ifPresent(p -> {
            throw new ApiException(ErrorCode.INVALID_PARAM_VALUE, "Parameter '" + param.name() + "' ("
                    + param.fieldType() + ") " + p + (param.secret() ? "" : "; got '" + value + "'"));
        });
        if (param.secret()) {
            secrets.put(param.id(), Secret.of(value));
            keptSecrets.remove(param.id());
        } else {
            plain.put(param.id(), value);
        }
    }

    private void requireAllMandatory() {
        List<String> missing = connector.params().stream()
                .filter(p -> !p.optional() && !isSet(p))
                .map(ParamDefinition::name)
                .toList();
        if (!missing.isEmpty()) {
            throw new ApiException(ErrorCode.MISSING_PARAM, "Connector '" + connector.name()
                    + "' requires parameter(s) " + String.join(", ", missing));
        }
    }

    private boolean isSet(ParamDefinition p) {
        return plain.containsKey(p.id()) || secrets.containsKey(p.id()) || keptSecrets.contains(p.id());
    }

    private String declared(String keyName) {
        return connector.params().stream()
                .map(p -> keyName.equals("id") ? p.id() + " (" + p.name() + ")" : p.name())
                .collect(Collectors.joining(", "));
    }

    Map<String, String> plain() {
        return Map.copyOf(plain);
    }

    /** Secrets sent in this request, to be encrypted. */
    Map<String, Secret> newSecrets() {
        return Map.copyOf(secrets);
    }

    /** Ids of stored secrets that stay as they are. */
    Set<String> keptSecrets() {
        return Set.copyOf(keptSecrets);
    }
}
