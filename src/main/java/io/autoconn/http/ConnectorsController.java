package io.autoconn.http;

import io.autoconn.connectors.ConnectorCatalog;
import io.autoconn.error.ApiException;
import io.autoconn.error.ErrorCode;
import io.autoconn.http.wire.ConnectorDetail;
import io.autoconn.http.wire.ConnectorsList;
import io.autoconn.identity.Caller;
import io.autoconn.query.ListRequest;
import io.autoconn.storage.ConnectorIndex;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** The connector catalog, under both of Qlik's paths. Every authenticated caller may read it. */
@Controller
@ExecuteOn(Workers.DATABASE)
public class ConnectorsController {
    static final String V1 = "/api/v1/automation-connectors";
    static final String WORKFLOWS = "/api/workflows/automation-connectors";

    private final ConnectorCatalog catalog;
    private final ConnectorIndex index;
    private final PageLinks links;

    public ConnectorsController(ConnectorCatalog catalog, ConnectorIndex index, PageLinks links) {
        this.catalog = catalog;
        this.index = index;
        this.links = links;
    }

    @Get(uris = {V1, WORKFLOWS})
    public ConnectorsList list(HttpRequest<?> request, Caller caller,
                               @Nullable @QueryValue String filter, @Nullable @QueryValue String sort,
                               @Nullable @QueryValue String cursor, @Nullable @QueryValue String limit) {
        ConnectorIndex.IdPage page = index.list(new ListRequest(filter, sort, cursor, QueryParams.limit(limit), "catalog"));
        return new ConnectorsList(
                page.ids().stream().map(catalog::require).map(WireMapper::connectorListItem).toList(),
                links.links(request, page.nextCursor(), page.prevCursor()));
    }

    @Get(uris = {V1 + "/{connectorId}", WORKFLOWS + "/{connectorId}"})
    public ConnectorDetail get(Caller caller, @PathVariable String connectorId) {
        return catalog.find(connectorId).map(WireMapper::connectorDetail).orElseThrow(() -> new ApiException(
                ErrorCode.CONNECTOR_NOT_FOUND, "No connector with id '" + connectorId + "'"));
    }
}
