package io.autoconn.http;

import io.autoconn.http.wire.ApiKeyDetail;
import io.autoconn.http.wire.ApiKeyRequests;
import io.autoconn.http.wire.ApiKeysList;
import io.autoconn.identity.ApiKeyService;
import io.autoconn.identity.Caller;
import io.autoconn.storage.ApiKeyStore;
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
import java.time.Instant;

/** Qlik's API keys API, the subset autoconn serves: {@code /api/v1/api-keys}. */
@Controller(ApiKeysController.PATH)
@ExecuteOn(Workers.DATABASE)
public class ApiKeysController {
    static final String PATH = "/api/v1/api-keys";
    /** Qlik's page sizes for API keys. */
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    private static final String NEXT = "startingAfter";
    private static final String PREV = "endingBefore";

    private final ApiKeyService keys;
    private final PageLinks links;
    private final JsonMapper json;

    public ApiKeysController(ApiKeyService keys, PageLinks links, JsonMapper json) {
        this.keys = keys;
        this.links = links;
        this.json = json;
    }

    @Get
    public ApiKeysList list(HttpRequest<?> request, Caller caller, @Nullable @QueryValue String sub,
                            @Nullable @QueryValue String createdByUser, @Nullable @QueryValue String status,
                            @Nullable @QueryValue String sort, @Nullable @QueryValue String limit,
                            @Nullable @QueryValue String startingAfter, @Nullable @QueryValue String endingBefore) {
        ApiKeyStore.Page page = keys.list(caller, new ApiKeyService.ListQuery(sub, createdByUser, status, sort,
                QueryParams.cursor(NEXT, startingAfter, PREV, endingBefore),
                QueryParams.limit(limit, DEFAULT_LIMIT, MAX_LIMIT)));
        Instant now = keys.now();
        return new ApiKeysList(page.keys().stream().map(k -> IdentityWireMapper.apiKey(k, now, null)).toList(),
                links.listLinks(request, NEXT, page.nextCursor(), PREV, page.prevCursor()));
    }

    /** The only answer that carries the key's token: it is not stored, so it cannot be shown again. */
    @Post
    public HttpResponse<ApiKeyDetail> create(HttpRequest<?> request, Caller caller,
                                             @Nullable @Body ApiKeyRequests.Create body) {
        ApiKeyService.Created created = keys.create(caller, IdentityWireMapper.newKey(Bodies.require(body)));
        return HttpResponse.<ApiKeyDetail>status(HttpStatus.CREATED)
                .body(IdentityWireMapper.apiKey(created.key(), keys.now(), created.token()))
                .header(HttpHeaders.LOCATION, links.absolute(request, PATH + "/" + created.key().id()));
    }

    @Get("/{id}")
    public ApiKeyDetail get(Caller caller, @PathVariable String id) {
        return IdentityWireMapper.apiKey(keys.get(caller, id), keys.now(), null);
    }

    @Patch("/{id}")
    @Status(HttpStatus.NO_CONTENT)
    public void patch(Caller caller, @PathVariable String id, @Nullable @Body JsonNode body) {
        keys.patch(caller, id, IdentityWireMapper.operations(Bodies.patch(json, body)));
    }

    /** Revokes the key: it stops authenticating at once and is listed as revoked. */
    @Delete("/{id}")
    @Status(HttpStatus.NO_CONTENT)
    public void delete(Caller caller, @PathVariable String id) {
        keys.revoke(caller, id);
    }
}
