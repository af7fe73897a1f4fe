package io.autoconn.http;

import io.autoconn.http.wire.AssignmentDetail;
import io.autoconn.http.wire.AssignmentsList;
import io.autoconn.http.wire.ListMeta;
import io.autoconn.http.wire.SpaceRequests;
import io.autoconn.identity.Caller;
import io.autoconn.query.ListRequest;
import io.autoconn.query.Paginator;
import io.autoconn.spaces.AssignmentService;
import io.autoconn.storage.AssignmentStore;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** The members of a space: {@code /api/v1/spaces/{spaceId}/assignments}. */
@Controller(SpaceWire.SPACES + "/{spaceId}/assignments")
@ExecuteOn(Workers.DATABASE)
public class AssignmentsController {
    private final AssignmentService assignments;
    private final PageLinks links;

    public AssignmentsController(AssignmentService assignments, PageLinks links) {
        this.assignments = assignments;
        this.links = links;
    }

    @Get
    public AssignmentsList list(HttpRequest<?> request, Caller caller, @PathVariable String spaceId,
                                @Nullable @QueryValue String assigneeId, @Nullable @QueryValue String type,
                                @Nullable @QueryValue String limit, @Nullable @QueryValue String next,
                                @Nullable @QueryValue String prev) {
        String assignee = SpacesController.blankToNull(assigneeId);
        AssignmentStore.Page page = assignments.list(caller, spaceId, assignee, type, new ListRequest(null, null,
                QueryParams.cursor(next, prev), QueryParams.limit(limit, SpacesController.DEFAULT_LIMIT, Paginator.MAX_LIMIT),
                String.join("\u0000", "assignments", spaceId, String.valueOf(assignee))));
        String base = links.absolute(request, "");
        return new AssignmentsList(page.assignments().stream().map(a -> SpaceWire.assignment(a, base)).toList(),
                new ListMeta(page.count()), links.directionalLinks(request, page.nextCursor(), page.prevCursor()));
    }

    @Post
    public HttpResponse<AssignmentDetail> create(HttpRequest<?> request, Caller caller, @PathVariable String spaceId,
                                                 @Nullable @Body SpaceRequests.CreateAssignment body) {
        SpaceRequests.CreateAssignment b = Bodies.require(body);
        AssignmentDetail created = SpaceWire.assignment(assignments.create(caller, spaceId,
                new AssignmentService.NewAssignment(b.type(), b.assigneeId(), b.roles())), links.absolute(request, ""));
        return HttpResponse.<AssignmentDetail>status(HttpStatus.CREATED).body(created)
                .header(HttpHeaders.LOCATION, created.links().self().href());
    }

    @Get("/{assignmentId}")
    public AssignmentDetail get(HttpRequest<?> request, Caller caller, @PathVariable String spaceId,
                                @PathVariable String assignmentId) {
        return SpaceWire.assignment(assignments.get(caller, spaceId, assignmentId), links.absolute(request, ""));
    }

    @Put("/{assignmentId}")
    public AssignmentDetail update(HttpRequest<?> request, Caller caller, @PathVariable String spaceId,
                                   @PathVariable String assignmentId,
                                   @Nullable @Body SpaceRequests.UpdateAssignment body) {
        return SpaceWire.assignment(assignments.update(caller, spaceId, assignmentId, Bodies.require(body).roles()),
                links.absolute(request, ""));
    }

    @Delete("/{assignmentId}")
    @Status(HttpStatus.NO_CONTENT)
    public void delete(Caller caller, @PathVariable String spaceId, @PathVariable String assignmentId) {
        assignments.delete(caller, spaceId, assignmentId);
    }
}
