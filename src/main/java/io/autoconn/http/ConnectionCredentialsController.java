package io.autoconn.http;

import io.autoconn.connections.ConnectionCredentials;
import io.autoconn.http.wire.CredentialsResponse;
import io.autoconn.identity.Caller;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * An autoconn extension for the automation runtime: a connection's params in clear, in both path flavours.
 * A POST, audited, and marked so that no client or proxy keeps a copy.
 */
@Controller
@ExecuteOn(Workers.REMOTE)
public class ConnectionCredentialsController {
    private final ConnectionCredentials credentials;

    public ConnectionCredentialsController(ConnectionCredentials credentials) {
        this.credentials = credentials;
    }

    @Post(uris = {ConnectionsController.V1 + "/{id}/actions/credentials",
            ConnectionsController.WORKFLOWS + "/{id}/actions/credentials"})
    public HttpResponse<CredentialsResponse> read(Caller caller, @PathVariable String id) {
        ConnectionCredentials.Credentials read = credentials.read(caller, id);
        return HttpResponse.ok(new CredentialsResponse(read.connection().id(), read.connection().connectorId(),
                        read.values().entrySet().stream()
                                .map(e -> new CredentialsResponse.Param(e.getKey(), e.getValue())).toList(),
                        read.oauth() == null ? null : new CredentialsResponse.OAuth(read.oauth().value().reveal(),
                                read.oauth().expiresAt() == null ? null : WireMapper.timestamp(read.oauth().expiresAt()))))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header(HttpHeaders.PRAGMA, "no-cache");
    }
}
