package io.autoconn.http;

import io.autoconn.automations.ConnectionUsages;
import io.autoconn.connections.Connection;
import io.autoconn.connections.ConnectionService;
import io.autoconn.http.wire.AutomationsList;
import io.autoconn.identity.Caller;
import io.autoconn.query.ListRequest;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * An autoconn extension: where is a connection used? The automations of the connection's tenant whose workspace
 * names it, for whoever may see the connection, in both path flavours.
 */
@Controller
@ExecuteOn(Workers.DATABASE)
public class ConnectionUsageController {
    private final ConnectionService connections;
    private final ConnectionUsages usages;
    private final PageLinks links;

    public ConnectionUsageController(ConnectionService connections, ConnectionUsages usages, PageLinks links) {
        this.connections = connections;
        this.usages = usages;
        this.links = links;
    }

    @Get(uris = {ConnectionsController.V1 + "/{id}/usage", ConnectionsController.WORKFLOWS + "/{id}/usage"})
    public AutomationsList usage(HttpRequest<?> request, Caller caller, @PathVariable String id,
                                 @Nullable @QueryValue String filter, @Nullable @QueryValue String sort,
                                 @Nullable @QueryValue String cursor, @Nullable @QueryValue String limit) {
        Connection connection = connections.get(caller, id); // 404 unless the caller may see the connection
        return AutomationsController.list(request, usages.automationsUsing(caller, connection.id(),
                new ListRequest(filter, sort, cursor, QueryParams.limit(limit), "usage:" + connection.id())), links);
    }
}
