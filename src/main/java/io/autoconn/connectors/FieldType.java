package io.autoconn.connectors;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The kinds of value a connector param holds, named as connector files and the API's
 * {@code fieldType} name them. Values always travel as strings; each kind says which strings it takes.
 */
public enum FieldType {
    TEXT("text"),
    /** A secret: encrypted at rest, never returned. */
    PASSWORD("password"),
    URL("url"),
    NUMBER("number"),
    BOOLEAN("boolean"),
    ENUM("enum");

    private final String wireName;

    FieldType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<FieldType> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }

    public static String wireNames() {
        return Arrays.stream(values()).map(FieldType::wireName).collect(Collectors.joining(", "));
    }

    /** Why {@code value} is not a valid value of this kind for {@code param}, or empty when it is. */
    public Optional<String> problemWith(String value, ParamDefinition param) {
        return switch (this) {
            case TEXT, PASSWORD -> Optional.empty();
            case URL -> isHttpUrl(value) ? Optional.empty()
                    : Optional.of("must be an absolute http or https URL");
            case NUMBER -> isNumber(value) ? Optional.empty() : Optional.of("must be a number");
            case BOOLEAN -> value.equals("true") || value.equals("false") ? Optional.empty()
                    : Optional.of("must be true or false");
            case ENUM -> param.optionValues().contains(value) ? Optional.empty()
                    : Optional.of("must be one of: " + String.join(", ", param.optionValues()));
        };
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = new URI(value);
            return uri.isAbsolute() && uri.getHost() != null
                    && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean isNumber(String value) {
        try {
            new BigDecimal(value.strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
