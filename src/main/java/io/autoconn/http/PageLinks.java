package io.autoconn.http;

import io.autoconn.config.AutoconnConfig;
import io.autoconn.http.wire.Links;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.HttpHostResolver;
import io.micronaut.http.uri.UriBuilder;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * Absolute links to the neighbouring pages of a list: the request's own path and query (filter,
 * sort, limit, listAll) with the page's cursor. The base is {@code AUTOCONN_PUBLIC_URL}, or the
 * host the request came to.
 */
@Singleton
public class PageLinks {
    private final AutoconnConfig config;
    private final HttpHostResolver hosts;

    public PageLinks(AutoconnConfig config, HttpHostResolver hosts) {
        this.config = config;
        this.hosts = hosts;
    }

    public Links links(HttpRequest<?> request, @Nullable String nextCursor, @Nullable String prevCursor) {
        return new Links(href(request, nextCursor), href(request, prevCursor));
    }

    /** The absolute URL of {@code path} on this server, as clients reach it. */
    public String absolute(HttpRequest<?> request, String path) {
        String base = config.getPublicUrl().isEmpty() ? hosts.resolve(request) : config.getPublicUrl();
        return base + path;
    }

    @Nullable
    private Links.Href href(HttpRequest<?> request, @Nullable String cursor) {
        if (cursor == null) {
            return null;
        }
        UriBuilder uri = UriBuilder.of(request.getPath());
        for (Map.Entry<String, java.util.List<String>> param : request.getParameters().asMap().entrySet()) {
            if (!param.getKey().equals("cursor")) {
                param.getValue().forEach(v -> uri.queryParam(param.getKey(), v));
            }
        }
        uri.queryParam("cursor", cursor);
        return new Links.Href(absolute(request, uri.build().toString()));
    }
}
