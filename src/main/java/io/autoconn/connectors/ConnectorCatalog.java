package io.autoconn.connectors;

import io.autoconn.config.AutoconnConfig;
import io.autoconn.egress.EgressPolicy;
import io.autoconn.storage.ConnectorIndex;
import io.micronaut.context.annotation.Context;
import io.micronaut.json.JsonMapper;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every connector autoconn offers, loaded from the connector files at start-up (eagerly, so a bad
 * file stops the start) and mirrored into the database's connector index for listing; and the probe
 * that checks each one's connections: a built-in probe, or one made from the file's request template.
 */
@Context
public class ConnectorCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectorCatalog.class);

    private final Map<String, ConnectorDefinition> byId;
    private final Map<String, Probe> probeById;

    public ConnectorCatalog(JsonMapper json, List<Probe> probes, ConnectorIndex index, AutoconnConfig config,
                            EgressPolicy egress) {
        Map<String, Probe> builtIn = probes.stream().collect(Collectors.toUnmodifiableMap(Probe::kind, Function.identity()));
        List<ConnectorDefinition> connectors = new ConnectorFileLoader(json, builtIn.keySet())
                .loadAll(config.getConnectorsDir());
        this.byId = connectors.stream().collect(Collectors.toUnmodifiableMap(ConnectorDefinition::id, Function.identity()));
        Map<String, URI> overrides = overrides(config.getConnectorBaseUrlOverrides());
        Map<String, Probe> probeById = new HashMap<>();
        for (ConnectorDefinition connector : connectors) {
            if (connector.check() != null) { // an OAuth2 connector is checked through its tokens instead
                probeById.put(connector.id(), connector.check().http() == null
                        ? builtIn.get(connector.check().probe())
                        : templateProbe(connector, json, overrides.get(connector.id()), egress));
            }
        }
        this.probeById = Map.copyOf(probeById);
        index.replaceAll(connectors);
    }

    /** The ids of every connector in the catalog. */
    public Set<String> ids() {
        return byId.keySet();
    }

    public Optional<ConnectorDefinition> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The connector a stored connection was made from; its file must not have been removed. */
    public ConnectorDefinition require(String id) {
        return find(id).orElseThrow(() -> new IllegalStateException("Connector " + id + " is no longer in the catalog"));
    }

    /** The probe that checks connections of this connector; an OAuth2 connector has none. */
    public Probe probe(ConnectorDefinition connector) {
        return probeById.get(connector.id());
    }

    private static Probe templateProbe(ConnectorDefinition connector, JsonMapper json, URI override,
                                       EgressPolicy egress) {
        try {
            return HttpTemplateProbe.of(connector, json, override, egress);
        } catch (InvalidTemplateException e) {
            throw new IllegalStateException("The loader accepted a bad template: " + e.getMessage(), e);
        }
    }

    /**
     * The test setting that sends a template connector's checks to a local fake. Only server
     * configuration sets it, and every override is logged, so none goes unnoticed in production.
     */
    private Map<String, URI> overrides(Map<String, String> configured) {
        Map<String, URI> overrides = new HashMap<>();
        configured.forEach((connectorId, origin) -> {
            ConnectorDefinition connector = byId.get(connectorId);
            if (connector == null || connector.check() == null || connector.check().http() == null) {
                throw new IllegalStateException("autoconn.connector-base-url-overrides names " + connectorId
                        + ", which is not a connector with a request template");
            }
            URI uri = origin(connectorId, origin);
            LOG.warn("Checks of connector {} ({}) go to {} instead of the template's host: "
                    + "autoconn.connector-base-url-overrides is a test setting", connector.name(), connectorId, uri);
            overrides.put(connectorId, uri);
        });
        return overrides;
    }

    private static URI origin(String connectorId, String origin) {
        try {
            URI uri = new URI(origin.strip());
            boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            if (http && uri.getHost() != null && uri.getRawUserInfo() == null && uri.getRawQuery() == null
                    && (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new IllegalStateException("autoconn.connector-base-url-overrides." + connectorId
                + " must be an http(s) origin such as http://127.0.0.1:8089; got \"" + origin + "\"");
    }
}
