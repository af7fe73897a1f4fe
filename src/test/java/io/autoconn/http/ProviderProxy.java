package io.autoconn.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;

/**
 * An HTTP hop in front of the real OAuth2 provider of the tests: it forwards every request and records it,
 * unless a canned answer is queued for the path (a revoked refresh token, a refused access token), so a
 * test can make the provider fail one request and count the token requests autoconn makes.
 */
final class ProviderProxy implements AutoCloseable {
    record Recorded(String method, String path, String body) {
    }

    private record Canned(String pathSuffix, int status, String body) {
    }

    private final HttpServer server;
    private final String upstream;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ConcurrentLinkedDeque<Recorded> recorded = new ConcurrentLinkedDeque<>();
    private final ConcurrentLinkedDeque<Canned> canned = new ConcurrentLinkedDeque<>();

    ProviderProxy(String upstream) {
        this.upstream = upstream.replaceAll("/+$", "");
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next request whose path ends with {@code pathSuffix} gets this answer instead of the provider's. */
    void failNext(String pathSuffix, int status, String jsonBody) {
        canned.add(new Canned(pathSuffix, status, jsonBody));
    }

    /** The requests since the last call, oldest first. */
    List<Recorded> drain() {
        List<Recorded> out = new ArrayList<>();
        for (Recorded r; (r = recorded.pollFirst()) != null; ) {
            out.add(r);
        }
        return out;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            byte[] body = exchange.getRequestBody().readAllBytes();
            recorded.add(new Recorded(exchange.getRequestMethod(), path, new String(body, StandardCharsets.UTF_8)));
            Canned answer = canned.stream().filter(c -> path.endsWith(c.pathSuffix())).findFirst().orElse(null);
            if (answer != null && canned.remove(answer)) {
                byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
                exchange.getResponseBody().write(bytes);
                return;
            }
            HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(upstream + path + (query == null ? "" : "?" + query)))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            for (String header : List.of("Content-Type", "Authorization", "Accept")) {
                String value = exchange.getRequestHeaders().getFirst(header);
                if (value != null) {
                    forward.header(header, value);
                }
            }
            HttpResponse<byte[]> response = client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            for (Map.Entry<String, List<String>> h : response.headers().map().entrySet()) {
                if (List.of("content-type", "location", "cache-control").contains(h.getKey().toLowerCase())) {
                    exchange.getResponseHeaders().put(h.getKey(), h.getValue());
                }
            }
            byte[] bytes = response.body();
            exchange.sendResponseHeaders(response.statusCode(), bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
