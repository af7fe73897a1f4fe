package io.autoconn.http;

import io.autoconn.error.ApiException;
import io.autoconn.error.ErrorCode;
import io.autoconn.http.wire.ListMeta;
import io.autoconn.http.wire.SpaceDetail;
import io.autoconn.http.wire.SpaceRequests;
import io.autoconn.http.wire.StringList;
import io.autoconn.http.wire.SpacesList;
import io.autoconn.identity.Caller;
import io.autoconn.query.ListRequest;
import io.autoconn.query.Paginator;
import io.autoconn.spaces.SpaceRole;
import io.autoconn.spaces.SpaceService;
import io.autoconn.spaces.SpaceType;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.json.tree.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Qlik's spaces API (a subset: no shares, no environments), at {@code /api/v1/spaces}. */
@Controller(SpaceWire.SPACES)
@ExecuteOn(Workers.DATABASE)
public class SpacesController {
    static final int DEFAULT_LIMIT = 10;

    private final SpaceService spaces;
    private final PageLinks links;

    public SpacesController(SpaceService spaces, PageLinks links) {
        this.spaces = spaces;
        this.links = links;
    }

    @Get
    public SpacesList list(HttpRequest<?> request, Caller caller, @Nullable @QueryValue String name,
                           @Nullable @QueryValue String ownerId, @Nullable @QueryValue String sort,
                           @Nullable @QueryValue String limit, @Nullable @QueryValue String next,
                           @Nullable @QueryValue String prev, @Nullable @QueryValue String action) {
        if (action != null && !action.isEmpty()) {
            throw new ApiException(ErrorCode.INVALID_QUERY_PARAMETER, "action is not supported by this server");
        }
        // A list may come comma-separated (roles=a,b) or repeated (roles=a&roles=b): take both.
        Set<SpaceType> types = QueryParams.commaList("type", allOf(request, "type"), SpaceType.class,
                SpaceType::fromQlikName, "shared, managed, data");
        Set<SpaceRole> roleSet = QueryParams.commaList("roles", allOf(request, "roles"), SpaceRole.class,
                SpaceRole::fromQlikName, "space roles such as consumer, facilitator, producer");
        SpaceService.SpaceFilter filter = new SpaceService.SpaceFilter(blankToNull(name), types, blankToNull(ownerId),
                roleSet);
        // The cursor is bound to this exact query, and to whether the caller lists as an admin.
        String scope = String.join("\u0000", "spaces", caller.isAdmin() ? "all" : "member",
                String.valueOf(filter.nameContains()), types.toString(), String.valueOf(filter.ownerId()), roleSet.toString());
        SpaceService.Page page = spaces.list(caller, filter, new ListRequest(null, sort,
                QueryParams.cursor(next, prev), QueryParams.limit(limit, DEFAULT_LIMIT, Paginator.MAX_LIMIT), scope));
        String base = links.absolute(request, "");
        return new SpacesList(page.spaces().stream().map(v -> SpaceWire.detail(v, base)).toList(),
                new ListMeta(page.count()), links.directionalLinks(request, page.nextCursor(), page.prevCursor()));
    }

    @Get("/types")
    public StringList types() {
        return new StringList(SpaceWire.typeNames(spaces.types()));
    }

    @Post
    public HttpResponse<SpaceDetail> create(HttpRequest<?> request, Caller caller,
                                            @Nullable @Body SpaceRequests.Create body) {
        SpaceDetail created = SpaceWire.detail(spaces.create(caller, SpaceWire.newSpace(Bodies.require(body))),
                links.absolute(request, ""));
        return HttpResponse.<SpaceDetail>status(HttpStatus.CREATED).body(created)
                .header(HttpHeaders.LOCATION, created.links().self().href());
    }

    @Get("/{spaceId}")
    public SpaceDetail get(HttpRequest<?> request, Caller caller, @PathVariable String spaceId) {
        return SpaceWire.detail(spaces.get(caller, spaceId), links.absolute(request, ""));
    }

    @Put("/{spaceId}")
    public SpaceDetail update(HttpRequest<?> request, Caller caller, @PathVariable String spaceId,
                              @Nullable @Body SpaceRequests.Update body) {
        return SpaceWire.detail(spaces.update(caller, spaceId, SpaceWire.edit(Bodies.require(body))),
                links.absolute(request, ""));
    }

    @Patch("/{spaceId}")
    public SpaceDetail patch(HttpRequest<?> request, Caller caller, @PathVariable String spaceId,
                             @Nullable @Body JsonNode body) {
        return SpaceWire.detail(spaces.update(caller, spaceId, SpaceWire.edit(patchOperations(body))),
                links.absolute(request, ""));
    }

    /** Read here rather than by the framework, whose error for a non-array body would be Jackson's words. */
    private List<SpaceRequests.PatchOperation> patchOperations(@Nullable JsonNode body) {
        if (body == null || !body.isArray()) {
            return List.of(); // answered as "must be a non-empty JSON Patch array"
        }
        List<SpaceRequests.PatchOperation> operations = new ArrayList<>();
        for (JsonNode op : body.values()) {
            operations.add(op.isObject() ? new SpaceRequests.PatchOperation(text(op, "op"), text(op, "path"),
                    text(op, "value")) : null);
        }
        return operations;
    }

    @Nullable
    private static String text(JsonNode object, String field) {
        JsonNode value = object.get(field);
        return value != null && value.isString() ? value.getStringValue() : null;
    }

    @Delete("/{spaceId}")
    @Status(HttpStatus.NO_CONTENT)
    public void delete(Caller caller, @PathVariable String spaceId) {
        spaces.delete(caller, spaceId);
    }

    private static String allOf(HttpRequest<?> request, String name) {
        return String.join(",", request.getParameters().getAll(name));
    }

    @Nullable
    static String blankToNull(@Nullable String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
