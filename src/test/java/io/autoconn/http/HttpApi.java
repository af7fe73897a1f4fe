package io.autoconn.http;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A raw HTTP client for the API tests: it sends exactly what a test says (headers, bodies, methods)
 * and hands back status, headers and the parsed JSON body, as a client would see them.
 */
final class HttpApi {
    private static final JsonMapper JSON = JsonMapper.createDefault();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String apiKey;

    HttpApi(String base, String apiKey) {
        this.base = base;
        this.apiKey = apiKey;
    }

    HttpApi as(String otherKey) {
        return new HttpApi(base, otherKey);
    }

    String base() {
        return base;
    }

    Response get(String path) {
        return send(request(path).GET());
    }

    /** GETs {@code path} until an answer has {@code status}, for at most {@code within}; the last answer. */
    Response getUntil(String path, int status, Duration within) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        Response answer = get(path);
        while (answer.status() != status && System.nanoTime() < end) {
            Thread.sleep(50);
            answer = get(path);
        }
        return answer;
    }

    Response delete(String path) {
        return send(request(path).DELETE());
    }

    Response post(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json").POST(json(body)));
    }

    Response postEmpty(String path) {
        return send(request(path).POST(HttpRequest.BodyPublishers.noBody()));
    }

    Response put(String path, Object body, String... headers) {
        HttpRequest.Builder b = request(path).header("Content-Type", "application/json").PUT(json(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b);
    }

    Response patch(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json").method("PATCH", json(body)));
    }

    Response raw(String method, String path, String contentType, String body) {
        HttpRequest.Builder b = request(path).method(method, HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b);
    }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "*/*");
        if (apiKey != null) {
            b.header("Authorization", "Bearer " + apiKey);
        }
        return b;
    }

    Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> r = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers().map(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest.BodyPublisher json(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Response(int status, Map<String, List<String>> headers, String text) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        Map<String, Object> json() {
            try {
                return JSON.readValue(text, Argument.mapOf(String.class, Object.class));
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON: " + text, e);
            }
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> data() {
            return (List<Map<String, Object>>) json().get("data");
        }

        /** The first error's code, asserting the body is a well-formed ErrorResponse. */
        @SuppressWarnings("unchecked")
        String errorCode() {
            Map<String, Object> body = json();
            List<Map<String, Object>> errors = (List<Map<String, Object>>) body.get("errors");
            if (errors == null || errors.isEmpty() || body.get("traceId") == null
                    || errors.get(0).get("code") == null || errors.get(0).get("title") == null) {
                throw new AssertionError("Not an ErrorResponse: " + text);
            }
            return (String) errors.get(0).get("code");
        }

        @SuppressWarnings("unchecked")
        String errorDetail() {
            return (String) ((List<Map<String, Object>>) json().get("errors")).get(0).get("detail");
        }

        @Override
        public String toString() {
            return status + " " + text;
        }
    }
}
