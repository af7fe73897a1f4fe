package io.autoconn.connectors;

import io.autoconn.config.OperatorCommands;
import io.autoconn.storage.ConnectorIndex;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A server does not start when stored connections were made from a connector that is no longer in the
 * catalog (a file removed from {@code AUTOCONN_CONNECTORS_DIR}): every request touching them would fail.
 * The message names the connectors and how many connections use each, and the two ways out.
 */
@Context
@Requires(notEnv = OperatorCommands.ENVIRONMENT)
public class StoredConnectorsCheck {
    public StoredConnectorsCheck(ConnectorCatalog catalog, ConnectorIndex index) {
        Map<String, Integer> missing = index.connectorsInUseBeyond(catalog.ids());
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Stored connections use connectors that are not in the catalog: "
                    + missing.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + " connection"
                            + (e.getValue() == 1 ? ")" : "s)")).collect(Collectors.joining(", "))
                    + ". Put their connector files back (AUTOCONN_CONNECTORS_DIR), or delete those connections "
                    + "with a server that still has them.");
        }
    }
}
