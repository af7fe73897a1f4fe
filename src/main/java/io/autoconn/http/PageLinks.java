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
    private static final String NEXT = "next";
    private static final String PREV = "prev";
    private static final String CURSOR = "cursor";
    private static final Set<String> JUST_CURSOR = Set.of(CURSOR);
    private static final Set<String> NEXT_OR_PREV = Set.of(NEXT, PREV);

    private final AutoconnConfig config;
    private final HttpHostResolver hosts;

    public PageLinks(AutoconnConfig config, HttpHostResolver hosts) {
        this.config = config;
        this.hosts = hosts;
    }

    public Links links(HttpRequest<?> request, @Nullable String nextCursor, @Nullable String prevCursor) {
        return new Links(href(request, JUST_CURSOR, CURSOR, nextCursor), href(request, JUST_CURSOR, CURSOR, prevCursor));
    }

    /**
     * Links in the style of Qlik's newer lists (spaces, assignments): {@code self}, and the cursor in a
     * parameter named after its direction, {@code ?next=...} or {@code ?prev=...}.
     */
    public ListLinks directionalLinks(HttpRequest<?> request, @Nullable String nextCursor, @Nullable String prevCursor) {
        return new ListLinks(new Links.Href(absolute(request, request.getUri().toString())),
                href(request, NEXT_OR_PREV, NEXT, nextCursor), href(request, NEXT_OR_PREV, PREV, prevCursor));
    }

    /** The absolute URL of {@code path} on this server, as clients reach it. */
    public String absolute(HttpRequest<?> request, String path) {
        String base = config.getPublicUrl().isEmpty() ? hosts.resolve(request) : config.getPublicUrl();
        return base + path;
    }

    /** The request's URL with its {@code replaced} parameters dropped and {@code cursor} as {@code param}. */
    @Nullable
    private Links.Href href(HttpRequest<?> request, Set<String> replaced, String param, @Nullable String cursor) {
        if (cursor == null) {
            return null;
        }
        UriBuilder uri = UriBuilder.of(request.getPath());
        for (Map.Entry<String, java.util.List<String>> p : request.getParameters().asMap().entrySet()) {
            if (!replaced.contains(p.getKey())) {
                p.getValue().forEach(v -> uri.queryParam(p.getKey(), v));
            }
        }
        uri.queryParam(param, cursor);
        return new Links.Href(absolute(request, uri.build().toString()));
    }
}
