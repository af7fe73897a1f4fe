package io.autoconn.connectors;

import io.autoconn.storage.ConnectorIndex;
import io.micronaut.context.annotation.Context;
import io.micronaut.json.JsonMapper;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every connector autoconn offers, loaded from the connector files at start-up (eagerly, so a bad
 * file stops the start) and mirrored into the database's connector index for listing.
 */
@Context
public class ConnectorCatalog {
    private final Map<String, ConnectorDefinition> byId;

    public ConnectorCatalog(JsonMapper json, List<Probe> probes, ConnectorIndex index) {
        List<ConnectorDefinition> connectors = new ConnectorFileLoader(
                json, probes.stream().map(Probe::kind).collect(Collectors.toSet())).loadAll();
        this.byId = connectors.stream().collect(Collectors.toUnmodifiableMap(ConnectorDefinition::id, Function.identity()));
        index.replaceAll(connectors);
    }

    public Optional<ConnectorDefinition> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The connector a stored connection was made from; its file must not have been removed. */
    public ConnectorDefinition require(String id) {
        return find(id).orElseThrow(() -> new IllegalStateException("Connector " + id + " is no longer in the catalog"));
    }
}
