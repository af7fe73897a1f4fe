package io.autoconn.http;

import io.autoconn.config.AutoconnConfig;
import io.autoconn.http.wire.Links;
import io.autoconn.http.wire.ListLinks;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.HttpHostResolver;
import io.micronaut.http.uri.UriBuilder;
import jakarta.inject.Singleton;
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
    private final AutoconnConfig config;
    private final HttpHostResolver hosts;

    public PageLinks(AutoconnConfig config, HttpHostResolver hosts) {
        this.config = config;
        this.hosts = hosts;
    }

    public Links links(HttpRequest<?> request, @Nullable String nextCursor, @Nullable String prevCursor) {
        return new Links(href(request, Set.of(CURSOR), CURSOR, nextCursor), href(request, Set.of(CURSOR), CURSOR, prevCursor));
    }

    /**
     * The links of a list that names its own page and carries cursors in two parameters (Qlik names them per
     * API: {@code next}/{@code prev} for users, {@code startingAfter}/{@code endingBefore} for API keys).
     */
    public ListLinks listLinks(HttpRequest<?> request, String nextParam, @Nullable String nextCursor,
                               String prevParam, @Nullable String prevCursor) {
        Set<String> cursorParams = Set.of(nextParam, prevParam);
        return new ListLinks(new Links.Href(absolute(request, uri(request, Set.of()).build().toString())),
                href(request, cursorParams, nextParam, nextCursor), href(request, cursorParams, prevParam, prevCursor));
    }

    /** The absolute URL of {@code path} on this server, as clients reach it. */
    public String absolute(HttpRequest<?> request, String path) {
        String base = config.getPublicUrl().isEmpty() ? hosts.resolve(request) : config.getPublicUrl();
        return base + path;
    }

    /** The request's URL with {@code param=cursor} instead of any of the {@code cursorParams}; null without a cursor. */
    @Nullable
    private Links.Href href(HttpRequest<?> request, Set<String> cursorParams, String param, @Nullable String cursor) {
        if (cursor == null) {
            return null;
        }
        UriBuilder uri = uri(request, cursorParams);
        uri.queryParam(param, cursor);
        return new Links.Href(absolute(request, uri.build().toString()));
    }

    /** The request's path and query, without the {@code dropped} parameters. */
    private static UriBuilder uri(HttpRequest<?> request, Set<String> dropped) {
        UriBuilder uri = UriBuilder.of(request.getPath());
        for (Map.Entry<String, java.util.List<String>> param : request.getParameters().asMap().entrySet()) {
            if (!dropped.contains(param.getKey())) {
                param.getValue().forEach(v -> uri.queryParam(param.getKey(), v));
            }
        }
        return uri;
    }
}
