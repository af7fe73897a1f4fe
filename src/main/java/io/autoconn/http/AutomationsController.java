package io.autoconn.http;

import static io.autoconn.http.ConnectionsController.requireBody;

import io.autoconn.automations.Automation;
import io.autoconn.automations.AutomationService;
import io.autoconn.http.wire.AutomationDetail;
import io.autoconn.http.wire.AutomationRequests;
import io.autoconn.http.wire.AutomationsList;
import io.autoconn.identity.Caller;
import io.autoconn.query.ListRequest;
import io.autoconn.storage.AutomationStore;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
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
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * The Automations API (a subset of Qlik's: no runs, schedules, copy or move), served identically under
 * {@code /api/workflows/automations} and, as {@code @qlik/api}'s v1 module calls it, {@code /api/v1/automations}.
 */
@Controller
@ExecuteOn(Workers.DATABASE)
public class AutomationsController {
    static final String V1 = "/api/v1/automations";
    static final String WORKFLOWS = "/api/workflows/automations";

    private final AutomationService automations;
    private final PageLinks links;

    public AutomationsController(AutomationService automations, PageLinks links) {
        this.automations = automations;
        this.links = links;
    }

    @Get(uris = {V1, WORKFLOWS})
    public AutomationsList list(HttpRequest<?> request, Caller caller,
                                @Nullable @QueryValue String filter, @Nullable @QueryValue String sort,
                                @Nullable @QueryValue String cursor, @Nullable @QueryValue String limit,
                                @Nullable @QueryValue String listAll) {
        Boolean asked = listAll == null || listAll.isEmpty() ? null : QueryParams.flag("listAll", listAll);
        boolean all = automations.listsAll(caller, asked);
        AutomationStore.Page page = automations.list(caller, all, new ListRequest(
                filter, sort, cursor, QueryParams.limit(limit), all ? "listAll" : "own"));
        return list(request, page, links);
    }

    /** A page of automations in the spec's AutomationList shape, with links to its neighbours. */
    static AutomationsList list(HttpRequest<?> request, AutomationStore.Page page, PageLinks links) {
        return new AutomationsList(page.automations().stream().map(AutomationWireMapper::listItem).toList(),
                links.links(request, page.nextCursor(), page.prevCursor()));
    }

    @Post(uris = {V1, WORKFLOWS})
    public HttpResponse<AutomationDetail> create(HttpRequest<?> request, Caller caller,
                                                 @Nullable @Body AutomationRequests.Create body) {
        Automation created = automations.create(caller, AutomationWireMapper.newAutomation(requireBody(body)));
        return withEtag(HttpResponse.<AutomationDetail>status(HttpStatus.CREATED), created)
                .header(HttpHeaders.LOCATION, links.absolute(request, request.getPath() + "/" + created.id()));
    }

    @Get(uris = {V1 + "/{id}", WORKFLOWS + "/{id}"})
    public HttpResponse<AutomationDetail> get(Caller caller, @PathVariable String id) {
        return withEtag(HttpResponse.ok(), automations.get(caller, id));
    }

    @Put(uris = {V1 + "/{id}", WORKFLOWS + "/{id}"})
    public HttpResponse<AutomationDetail> update(Caller caller, @PathVariable String id,
                                                 @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
                                                 @Nullable @Body AutomationRequests.Update body) {
        return withEtag(HttpResponse.ok(),
                automations.update(caller, id, ifMatch, AutomationWireMapper.edit(requireBody(body))));
    }

    @Delete(uris = {V1 + "/{id}", WORKFLOWS + "/{id}"})
    @Status(HttpStatus.NO_CONTENT)
    public void delete(Caller caller, @PathVariable String id) {
        automations.delete(caller, id);
    }

    @Post(uris = {V1 + "/{id}/actions/change-owner", WORKFLOWS + "/{id}/actions/change-owner"})
    @Status(HttpStatus.NO_CONTENT)
    public void changeOwner(Caller caller, @PathVariable String id, @Nullable @Body AutomationRequests.ChangeOwner body) {
        automations.changeOwner(caller, id, requireBody(body).userId());
    }

    @Post(uris = {V1 + "/{id}/actions/change-space", WORKFLOWS + "/{id}/actions/change-space"})
    @Status(HttpStatus.NO_CONTENT)
    public void changeSpace(Caller caller, @PathVariable String id, @Nullable @Body AutomationRequests.ChangeSpace body) {
        // No body, like an empty spaceId, moves the automation to the owner's personal space.
        automations.changeSpace(caller, id, body == null ? null : body.spaceId());
    }

    @Post(uris = {V1 + "/{id}/actions/enable", WORKFLOWS + "/{id}/actions/enable"})
    @Status(HttpStatus.NO_CONTENT)
    public void enable(Caller caller, @PathVariable String id) {
        automations.enable(caller, id);
    }

    @Post(uris = {V1 + "/{id}/actions/disable", WORKFLOWS + "/{id}/actions/disable"})
    @Status(HttpStatus.NO_CONTENT)
    public void disable(Caller caller, @PathVariable String id) {
        automations.disable(caller, id);
    }

    private static MutableHttpResponse<AutomationDetail> withEtag(MutableHttpResponse<AutomationDetail> response,
                                                                  Automation a) {
        return response.body(AutomationWireMapper.detail(a)).header(HttpHeaders.ETAG, AutomationService.etag(a));
    }
}
