package io.autoconn.connectors;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Optional;

/**
 * A connector, as written in its connector file (shipped in src/main/resources/connectors/, or the
 * operator's in {@code AUTOCONN_CONNECTORS_DIR}): what a connection made from it holds, and how it is
 * checked. Unknown fields are refused, so that a misspelt one is an error rather than ignored. Ids
 * are stable UUIDs: connections refer to the connector and its params by id, so a file's ids never
 * change once shipped.
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record ConnectorDefinition(
        String id,
        String name,
        @Nullable String description,
        boolean billable,
        boolean hasWebhooks,
        @Nullable String connectDocumentation,
        @Nullable String logoSmall,
        @Nullable String logoMedium,
        @Nullable String logoLarge,
        @Nullable CheckSpec check,
        List<ParamDefinition> params,
        @Nullable OAuth2Spec oauth2) {

    public ConnectorDefinition {
        params = List.copyOf(params);
    }

    /** True when connections of this connector authenticate with OAuth2 tokens (the {@code oauth2} block). */
    public boolean usesOAuth2() {
        return oauth2 != null;
    }

    /**
     * How connections of this connector are checked: exactly one of a built-in probe (its
     * {@link Probe#kind()}) and an HTTP request template, which needs no code. OAuth2 connectors have
     * none: they are checked through their tokens.
     */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record CheckSpec(@Nullable String probe, @Nullable HttpTemplateSpec http) {
        /** A check by a built-in probe. */
        public CheckSpec(String probe) {
            this(probe, null);
        }
    }

    public Optional<ParamDefinition> paramByName(String name) {
        return params.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public Optional<ParamDefinition> paramById(String id) {
        return params.stream().filter(p -> p.id().equals(id)).findFirst();
    }
}
