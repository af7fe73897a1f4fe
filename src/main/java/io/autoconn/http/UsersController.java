package io.autoconn.http;

import io.autoconn.http.wire.UserDetail;
import io.autoconn.http.wire.UserRequests;
import io.autoconn.http.wire.UsersList;
import io.autoconn.identity.Caller;
import io.autoconn.identity.User;
import io.autoconn.identity.UserService;
import io.autoconn.query.ListRequest;
import io.autoconn.storage.UserStore;
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
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** Qlik's users API, the subset autoconn serves: {@code /api/v1/users}. */
@Controller(UsersController.PATH)
@ExecuteOn(Workers.DATABASE)
public class UsersController {
    static final String PATH = "/api/v1/users";
    /** Qlik's page sizes for users. */
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    private final UserService users;
    private final PageLinks links;
    private final JsonMapper json;

    public UsersController(UserService users, PageLinks links, JsonMapper json) {
        this.users = users;
        this.links = links;
        this.json = json;
    }

    /** {@code fields} is accepted and ignored: every user carries all of its fields. */
    @Get
    public UsersList list(HttpRequest<?> request, Caller caller, @Nullable @QueryValue String filter,
                          @Nullable @QueryValue String sort, @Nullable @QueryValue String limit,
                          @Nullable @QueryValue String next, @Nullable @QueryValue String prev,
                          @Nullable @QueryValue String totalResults, @Nullable @QueryValue String fields) {
        boolean withTotal = QueryParams.flag("totalResults", totalResults);
        UserStore.Page page = users.list(caller, new ListRequest(filter, sort, QueryParams.cursor("next", next, "prev", prev),
                QueryParams.limit(limit, DEFAULT_LIMIT, MAX_LIMIT), "tenant"));
        return new UsersList(page.users().stream().map(u -> detail(request, u)).toList(),
                links.listLinks(request, "next", page.nextCursor(), "prev", page.prevCursor()),
                withTotal ? users.count(caller, filter) : null);
    }

    @Post
    public HttpResponse<UserDetail> create(HttpRequest<?> request, Caller caller, @Nullable @Body UserRequests.Create body) {
        User user = users.create(caller, IdentityWireMapper.newUser(Bodies.require(body)));
        return HttpResponse.<UserDetail>status(HttpStatus.CREATED).body(detail(request, user))
                .header(HttpHeaders.LOCATION, self(request, user));
    }

    /**
     * As Qlik: a redirect to the caller's own user. Not to be cached: another key on the same client is
     * another user.
     */
    @Get("/me")
    public HttpResponse<?> me(HttpRequest<?> request, Caller caller) {
        return HttpResponse.status(HttpStatus.MOVED_PERMANENTLY)
                .header(HttpHeaders.LOCATION, links.absolute(request, PATH + "/" + caller.userId()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    @Get("/{userId}")
    public UserDetail get(HttpRequest<?> request, Caller caller, @PathVariable String userId) {
        return detail(request, users.get(caller, userId));
    }

    @Patch("/{userId}")
    @Status(HttpStatus.NO_CONTENT)
    public void patch(Caller caller, @PathVariable String userId, @Nullable @Body JsonNode body) {
        users.patch(caller, userId, IdentityWireMapper.operations(Bodies.patch(json, body)));
    }

    /** With {@code force=true}, the user's connections are deleted with it. */
    @Delete("/{userId}")
    @Status(HttpStatus.NO_CONTENT)
    public void delete(Caller caller, @PathVariable String userId, @Nullable @QueryValue String force) {
        users.delete(caller, userId, QueryParams.flag("force", force));
    }

    private UserDetail detail(HttpRequest<?> request, User user) {
        return IdentityWireMapper.user(user, self(request, user));
    }

    private String self(HttpRequest<?> request, User user) {
        return links.absolute(request, PATH + "/" + user.id());
    }
}
