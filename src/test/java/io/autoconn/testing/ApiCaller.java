package io.autoconn.testing;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One caller (a bearer API key) of a running server, speaking JSON over real HTTP: what a client of
 * autoconn sends and sees. {@code timeout} bounds every request, so a server that hangs fails the caller.
 */
public final class ApiCaller {
    private static final JsonMapper JSON = JsonMapper.createDefault();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String baseUrl;
    private final String key;
    private final Duration timeout;

    public ApiCaller(String baseUrl, String key, Duration timeout) {
        this.baseUrl = baseUrl;
        this.key = key;
        this.timeout = timeout;
    }

    /** The same server, as the caller of another key. */
    public ApiCaller as(String otherKey) {
        return new ApiCaller(baseUrl, otherKey, timeout);
    }

    /** {@code path} is the server's path, or an absolute URL (a page link the server gave). */
    public HttpResponse<String> send(String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : baseUrl + path))
                .header("Authorization", "Bearer " + key).timeout(timeout);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method,
                    HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send("GET", path, null);
    }

    /** Every item of a Qlik list, following {@code links.next.href} to its last page. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> all(String firstPage) throws IOException, InterruptedException {
        List<Map<String, Object>> items = new ArrayList<>();
        String page = firstPage;
        while (page != null) {
            HttpResponse<String> response = get(page);
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + page + ": " + response.statusCode() + " " + response.body());
            }
            Map<String, Object> body = json(response);
            items.addAll((List<Map<String, Object>>) body.get("data"));
            Map<String, Object> next = (Map<String, Object>) ((Map<String, Object>) body.get("links")).get("next");
            page = next == null ? null : (String) next.get("href");
        }
        return items;
    }

    public static Map<String, Object> json(HttpResponse<String> response) {
        return json(response.body());
    }

    public static Map<String, Object> json(String body) {
        try {
            return JSON.readValue(body, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException("Not a JSON object: " + body, e);
        }
    }
}
