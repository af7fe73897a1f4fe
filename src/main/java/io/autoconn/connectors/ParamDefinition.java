package io.autoconn.connectors;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A parameter a connector declares, as written in its connector file. {@code fieldType} is one of
 * {@link FieldType}'s names; a {@code password} param is secret.
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record ParamDefinition(
        String id,
        String name,
        String fieldType,
        boolean optional,
        @Nullable String description,
        @Nullable String exampleValue,
        @Nullable String documentation,
        @Nullable List<ParamOption> options) {

    public ParamDefinition {
        options = options == null ? List.of() : List.copyOf(options);
    }

    public FieldType type() {
        return FieldType.fromWireName(fieldType)
                .orElseThrow(() -> new IllegalStateException("unchecked fieldType " + fieldType));
    }

    public boolean secret() {
        return type() == FieldType.PASSWORD;
    }

    public List<String> optionValues() {
        return options.stream().map(ParamOption::value).toList();
    }
}
