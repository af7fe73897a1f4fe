package io.autoconn.http;

import io.autoconn.config.AutoconnConfig;
import io.autoconn.http.wire.Links;
import io.autoconn.http.wire.ListLinks;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.HttpHostResolver;
import io.micronaut.http.uri.UriBuilder;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Absolute links to the neighbouring pages of a list: the request's own path and query (filter,
 * sort, limit, listAll) with the page's cursor. The base is {@code AUTOCONN_PUBLIC_URL}, or the
 * host the request came to.
 */
@Singleton
public class PageLinks {
    private static final String CURSOR = "cursor";
    private static final String NEXT = "next";
    private static final String PREV = "prev";

    private final AutoconnConfig config;
    private final HttpHostResolver hosts;

    public PageLinks(AutoconnConfig config, HttpHostResolver hosts) {
        this.config = config;
        this.hosts = hosts;
    }

    public Links links(HttpRequest<?> request, @Nullable String nextCursor, @Nullable String prevCursor) {
        return new Links(href(request, nextCursor), href(request, prevCursor));
    }

    /**
     * Links in the style of Qlik's newer lists (spaces, assignments, audits): {@code self}, and the
     * cursor in a parameter named after its direction, {@code ?next=...} or {@code ?prev=...}.
     */
    public ListLinks directionalLinks(HttpRequest<?> request, @Nullable String nextCursor, @Nullable String prevCursor) {
        return listLinks(request, NEXT, nextCursor, PREV, prevCursor);
    }

    /** The absolute URL of {@code path} on this server, as clients reach it. */
    public String absolute(HttpRequest<?> request, String path) {
        String base = config.getPublicUrl().isEmpty() ? hosts.resolve(request) : config.getPublicUrl();
        return base + path;
    }

    @Nullable
    private Links.Href href(HttpRequest<?> request, @Nullable String cursor) {
        return cursor == null ? null : new Links.Href(withCursor(request, CURSOR, cursor, Set.of(CURSOR)));
    }

    /**
     * The request's absolute URL with its cursor replaced: every {@code cursorParams} query value
     * dropped, then {@code param=cursor} added. Qlik's APIs name the cursor differently: {@code cursor},
     * {@code next}/{@code prev}, {@code startingAfter}/{@code endingBefore}.
     */
    private String withCursor(HttpRequest<?> request, String param, String cursor, Set<String> cursorParams) {
        UriBuilder uri = UriBuilder.of(request.getPath());
        for (Map.Entry<String, List<String>> query : request.getParameters().asMap().entrySet()) {
            if (!cursorParams.contains(query.getKey())) {
                query.getValue().forEach(v -> uri.queryParam(query.getKey(), v));
            }
        }
        uri.queryParam(param, cursor);
        return absolute(request, uri.build().toString());
    }

    /**
     * The links of a list that names its own page and carries its cursors in two parameters, as Qlik's
     * users ({@code next}/{@code prev}) and API keys ({@code startingAfter}/{@code endingBefore}) do.
     */
    public ListLinks listLinks(HttpRequest<?> request, String nextParam, @Nullable String nextCursor,
                               String prevParam, @Nullable String prevCursor) {
        Set<String> cursorParams = Set.of(nextParam, prevParam);
        return new ListLinks(new Links.Href(self(request)),
                nextCursor == null ? null : new Links.Href(withCursor(request, nextParam, nextCursor, cursorParams)),
                prevCursor == null ? null : new Links.Href(withCursor(request, prevParam, prevCursor, cursorParams)));
    }

    /** The request's own absolute URL, query included. */
    public String self(HttpRequest<?> request) {
        String query = request.getUri().getRawQuery();
        return absolute(request, request.getPath() + (query == null ? "" : "?" + query));
    }
}
