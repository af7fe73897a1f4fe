package io.autoconn.oauth;

import io.autoconn.connectors.CheckFailure;
import io.autoconn.egress.EgressPolicy;
import io.autoconn.egress.TargetRefusedException;
import io.autoconn.egress.VettedHttp;
import io.autoconn.secrets.Secret;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import javax.net.ssl.SSLException;

/**
 * The provider's endpoints over HTTP: the token endpoint (form POST, client_secret_post) and userinfo
 * (GET with the bearer token). Answers are read as JSON; failures become {@link OAuthFailure}s that name
 * the endpoint and the OAuth error code, never a token.
 */
@Singleton
public class OAuthClient {
    private static final Argument<Map<String, Object>> JSON_OBJECT = Argument.mapOf(String.class, Object.class);

    private final JsonMapper json;
    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private final EgressPolicy egress;

    public OAuthClient(JsonMapper json, EgressPolicy egress) {
        this.json = json;
        this.egress = egress;
    }

    /** A token endpoint answer; the tokens are held as {@link Secret}s. */
    record TokenAnswer(Secret accessToken, @Nullable Secret refreshToken, @Nullable Long expiresIn,
                       @Nullable String idToken) {
        @Override
        public String toString() {
            return "TokenAnswer[expiresIn=" + expiresIn + "]";
        }
    }

    TokenAnswer token(String tokenUrl, Map<String, String> form, Duration timeout) throws OAuthFailure {
        HttpRequest request = HttpRequest.newBuilder(uri(tokenUrl))
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Pkce.form(form)))
                .build();
        HttpResponse<byte[]> response = send(request, tokenUrl);
        Map<String, Object> body = jsonBody(response.body());
        String grant = form.get("grant_type");
        if (response.statusCode() / 100 != 2 || body.containsKey("error")) {
            Object error = body.get("error");
            throw new OAuthFailure(CheckFailure.OAUTH_TOKEN_REFUSED, "The token endpoint " + tokenUrl + " refused the "
                    + grant + " grant: HTTP " + response.statusCode() + (error instanceof String s ? " " + safe(s) : ""));
        }
        if (!(body.get("access_token") instanceof String access) || access.isEmpty()) {
            throw new OAuthFailure(CheckFailure.OAUTH_TOKEN_REFUSED, "The token endpoint " + tokenUrl
                    + " answered the " + grant + " grant without an access_token");
        }
        return new TokenAnswer(Secret.of(access),
                body.get("refresh_token") instanceof String r && !r.isEmpty() ? Secret.of(r) : null,
                body.get("expires_in") instanceof Number n ? n.longValue() : null,
                body.get("id_token") instanceof String id ? id : null);
    }

    /** The userinfo claims; a 401 is an {@link OAuthFailure#unauthorized()} failure. */
    Map<String, Object> userinfo(String url, Secret accessToken, Duration timeout) throws OAuthFailure {
        HttpRequest request = HttpRequest.newBuilder(uri(url))
                .timeout(timeout)
                .header("Authorization", "Bearer " + accessToken.reveal())
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<byte[]> response = send(request, url);
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw new OAuthFailure(CheckFailure.AUTH_FAILED, "GET " + url + " answered HTTP " + status
                    + ": the access token was refused", status == 401);
        }
        if (status / 100 != 2) {
            throw new OAuthFailure(CheckFailure.HTTP_STATUS, "GET " + url + " answered HTTP " + status);
        }
        return jsonBody(response.body());
    }

    /**
     * The claims of an id token received straight from the token endpoint over the channel we opened
     * (OpenID Connect Core 3.1.3.7: the TLS server validation may stand in for the signature check).
     */
    Map<String, Object> idTokenClaims(String idToken) {
        String[] parts = idToken.split("\\.");
        if (parts.length < 2) {
            return Map.of();
        }
        try {
            return jsonBody(Base64.getUrlDecoder().decode(parts[1]));
        } catch (IllegalArgumentException e) {
            return Map.of();
        }
    }

    private HttpResponse<byte[]> send(HttpRequest request, String url) throws OAuthFailure {
        try {
            // Provider URLs are connection params: the egress policy holds for them as for any check.
            return client.send(VettedHttp.request(egress, request), HttpResponse.BodyHandlers.ofByteArray());
        } catch (TargetRefusedException e) {
            throw new OAuthFailure(CheckFailure.TARGET_REFUSED, e.getMessage());
        } catch (HttpTimeoutException e) {
            throw new OAuthFailure(CheckFailure.TIMEOUT, "No answer from " + url + " in time");
        } catch (ConnectException e) {
            throw new OAuthFailure(CheckFailure.CONNECTION_REFUSED, "Could not connect to " + url);
        } catch (SSLException e) {
            throw new OAuthFailure(CheckFailure.TLS, "The TLS handshake with " + url + " failed");
        } catch (IOException e) {
            if (e.getCause() instanceof UnknownHostException || e instanceof UnknownHostException) {
                throw new OAuthFailure(CheckFailure.UNKNOWN_HOST, "The host of " + url + " could not be resolved");
            }
            throw new OAuthFailure(CheckFailure.FAILED, "Talking to " + url + " failed: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OAuthFailure(CheckFailure.FAILED, "Interrupted while talking to " + url);
        }
    }

    private Map<String, Object> jsonBody(byte[] body) {
        try {
            Map<String, Object> map = json.readValue(body, JSON_OBJECT);
            return map == null ? Map.of() : map;
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
    }

    private static URI uri(String url) throws OAuthFailure {
        try {
            URI uri = URI.create(url);
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new OAuthFailure(CheckFailure.INVALID_PARAMS, "'" + url + "' is not an http or https URL");
        }
    }

    /** OAuth error codes are a small ASCII set (RFC 6749 5.2); anything else is not echoed. */
    static String safe(String error) {
        return error.matches("[A-Za-z0-9_.-]{1,64}") ? error : "(unreadable error code)";
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
