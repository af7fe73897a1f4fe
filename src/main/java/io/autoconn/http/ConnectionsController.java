package io.autoconn.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.autoconn.connections.Connection;
import io.autoconn.connections.ConnectionService;
import io.autoconn.connectors.ConnectorCatalog;
import io.autoconn.connectors.ConnectorDefinition;
import io.autoconn.connectors.ProbeResult;
import io.autoconn.error.ApiException;
import io.autoconn.error.ErrorCode;
import io.autoconn.http.wire.CheckResponse;
import io.autoconn.http.wire.ConnectionDetail;
import io.autoconn.http.wire.ConnectionRequests;
import io.autoconn.http.wire.ConnectionsList;
import io.autoconn.identity.Caller;
import io.autoconn.oauth.OAuthConnections;
import io.autoconn.query.ListRequest;
import io.autoconn.storage.ConnectionStore;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * The Automation Connections API, served identically under both of Qlik's paths:
 * {@code /api/v1/automation-connections} and {@code /api/workflows/automation-connections}. Every method but
 * GET by id runs on a blocking thread: it reads or writes the database. GET by id starts on the event loop and
 * answers there when the connection is in memory (see {@link #get}).
 */
@Controller
public class ConnectionsController {
    static final String V1 = "/api/v1/automation-connections";
    static final String WORKFLOWS = "/api/workflows/automation-connections";

    private final ConnectionService connections;
    private final ConnectorCatalog catalog;
    private final PageLinks links;
    private final OAuthConnections oauth;
    private final ExecutorService database;
    private final JsonMapper json;
    /** GET's JSON of each connection in memory; weak keys (compared by identity): it goes with its connection. */
    private final Cache<Connection, byte[]> rendered = Caffeine.newBuilder().weakKeys().build();

    public ConnectionsController(ConnectionService connections, ConnectorCatalog catalog, PageLinks links,
                                 OAuthConnections oauth, @Named(Workers.DATABASE) ExecutorService database,
                                 JsonMapper json) {
        this.database = database;
        this.json = json;
        this.oauth = oauth;
        this.connections = connections;
        this.catalog = catalog;
        this.links = links;
    }

    @ExecuteOn(Workers.DATABASE)
    @Get(uris = {V1, WORKFLOWS})
    public ConnectionsList list(HttpRequest<?> request, Caller caller,
                                @Nullable @QueryValue String filter, @Nullable @QueryValue String sort,
                                @Nullable @QueryValue String cursor, @Nullable @QueryValue String limit,
                                @Nullable @QueryValue String listAll) {
        boolean all = QueryParams.flag("listAll", listAll);
        ConnectionStore.Page page = connections.list(caller, all, new ListRequest(
                filter, sort, cursor, QueryParams.limit(limit), all ? "listAll" : "own"));
        return new ConnectionsList(page.connections().stream().map(WireMapper::listItem).toList(),
                links.links(request, page.nextCursor(), page.prevCursor()));
    }

    @ExecuteOn(Workers.REMOTE)
    @Post(uris = {V1, WORKFLOWS})
    public HttpResponse<ConnectionDetail> create(HttpRequest<?> request, Caller caller,
                                                 @Nullable @Body ConnectionRequests.Create body) {
        Connection created = connections.create(caller, WireMapper.newConnection(requireBody(body)));
        String redirect = oauth.authorizationRedirect(created, caller.userId(),
                links.absolute(request, OAuthConnections.CALLBACK_PATH));
        return withEtag(HttpResponse.<ConnectionDetail>status(HttpStatus.CREATED), created, redirect)
                .header(HttpHeaders.LOCATION, links.absolute(request, request.getPath() + "/" + created.id()));
    }

    /**
     * Starts on the event loop: a connection in memory is answered there, its JSON written once per remembered
     * connection (a thread switch, or serializing the detail again, costs more than the rest of such a read).
     * A miss reads the database on a database worker.
     */
    @Get(uris = {V1 + "/{id}", WORKFLOWS + "/{id}"})
    public CompletableFuture<HttpResponse<?>> get(Caller caller, @PathVariable String id) {
        Optional<Connection> remembered = connections.remembered(caller, id)
                .filter(c -> !catalog.require(c.connectorId()).usesOAuth2()); // its account name is in the token store
        if (remembered.isPresent()) {
            Connection c = remembered.get();
            return CompletableFuture.completedFuture(HttpResponse.ok(rendered.get(c, this::detailJson))
                    .contentType(MediaType.APPLICATION_JSON_TYPE)
                    .header(HttpHeaders.ETAG, ConnectionService.etag(c)));
        }
        Supplier<HttpResponse<?>> read = () -> withEtag(HttpResponse.ok(), connections.get(caller, id));
        return CompletableFuture.supplyAsync(PropagatedContext.wrapCurrent(read), database);
    }

    private byte[] detailJson(Connection c) {
        try {
            return json.writeValueAsBytes(WireMapper.detail(c, catalog.require(c.connectorId()), null, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ExecuteOn(Workers.REMOTE)
    @Put(uris = {V1 + "/{id}", WORKFLOWS + "/{id}"})
    public HttpResponse<ConnectionDetail> update(HttpRequest<?> request, Caller caller, @PathVariable String id,
                                                 @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
                                                 @Nullable @Body ConnectionRequests.Update body) {
        Connection updated = connections.update(caller, id, ifMatch, WireMapper.edit(requireBody(body)));
        // New params of an OAuth2 authorization_code connection need the user's consent again.
        String redirect = body.params() == null ? null
                : oauth.authorizationRedirect(updated, caller.userId(), links.absolute(request, OAuthConnections.CALLBACK_PATH));
        return withEtag(HttpResponse.ok(), updated, redirect);
    }

    @ExecuteOn(Workers.DATABASE)
    @Delete(uris = {V1 + "/{id}", WORKFLOWS + "/{id}"})
    @Status(HttpStatus.NO_CONTENT)
    public void delete(Caller caller, @PathVariable String id, @Nullable @QueryValue String forced) {
        connections.delete(caller, id, QueryParams.flag("forced", forced));
    }

    @ExecuteOn(Workers.DATABASE)
    @Post(uris = {V1 + "/{id}/actions/change-owner", WORKFLOWS + "/{id}/actions/change-owner"})
    @Status(HttpStatus.NO_CONTENT)
    public void changeOwner(Caller caller, @PathVariable String id, @Nullable @Body ConnectionRequests.ChangeOwner body) {
        connections.changeOwner(caller, id, requireBody(body).userId());
    }

    @ExecuteOn(Workers.DATABASE)
    @Post(uris = {V1 + "/{id}/actions/change-space", WORKFLOWS + "/{id}/actions/change-space"})
    @Status(HttpStatus.NO_CONTENT)
    public void changeSpace(Caller caller, @PathVariable String id, @Nullable @Body ConnectionRequests.ChangeSpace body) {
        // No body, like an empty spaceId, moves the connection to the owner's personal space.
        connections.changeSpace(caller, id, body == null ? null : body.spaceId());
    }

    @ExecuteOn(Workers.REMOTE)
    @Post(uris = {V1 + "/{id}/actions/check", WORKFLOWS + "/{id}/actions/check"})
    public CheckResponse check(Caller caller, @PathVariable String id) {
        ProbeResult result = connections.check(caller, id);
        return new CheckResponse(result.connected(), result.connected());
    }

    private MutableHttpResponse<ConnectionDetail> withEtag(MutableHttpResponse<ConnectionDetail> response, Connection c) {
        return withEtag(response, c, null);
    }

    private MutableHttpResponse<ConnectionDetail> withEtag(MutableHttpResponse<ConnectionDetail> response, Connection c,
                                                           @Nullable String redirect) {
        ConnectorDefinition connector = catalog.require(c.connectorId());
        return response.body(WireMapper.detail(c, connector, redirect,
                        connector.usesOAuth2() ? oauth.accountName(c) : null))
                .header(HttpHeaders.ETAG, ConnectionService.etag(c));
    }

    static <T> T requireBody(@Nullable T body) {
        if (body == null) {
            throw new ApiException(ErrorCode.INVALID_JSON, "A JSON object request body is required");
        }
        return body;
    }
}
