package io.autoconn.http;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/**
 * The OIDC issuer of the sign-in tests: a real mock-oauth2-server (discovery, JWKS, token endpoint) whose issuer
 * {@value #ID} autoconn trusts. Each issuer id of the server has its own RSA key whose kid is that id, so a token
 * signed "by key k" is signed with the server's key of issuer id k, published at {@code /k/jwks}.
 */
final class TestIssuer implements AutoCloseable {
    static final String ID = "autoconn";
    static final String AUDIENCE = "autoconn-api";

    private final MockOAuth2Server server = new MockOAuth2Server();
    private final RSAKey stranger;

    TestIssuer() {
        server.start();
        // Its first answer takes seconds (class loading) on a busy machine: not what autoconn's timeouts are for.
        try {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.wellKnownUrl(ID).toString())).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        try {
            stranger = new RSAKeyGenerator(2048).keyID("stranger").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    String issuer() {
        return server.issuerUrl(ID).toString();
    }

    /** Where the server publishes the key {@code keyId}. */
    String jwksUrl(String keyId) {
        return server.jwksUrl(keyId).toString();
    }

    /** The standard claims of a good token of subject {@code sub} for the default tenant, plus {@code extra}. */
    Map<String, Object> claims(String sub, Map<String, Object> extra) {
        Map<String, Object> claims = new HashMap<>(Map.of("iss", issuer(), "aud", AUDIENCE, "sub", sub,
                "tenant", "default"));
        claims.putAll(extra);
        return claims;
    }

    /** A token with these claims (they override the standard ones), valid for {@code validity} from now. */
    String token(Map<String, Object> claims, Duration validity) {
        return signedBy(ID, claims, validity);
    }

    String token(String sub, Map<String, Object> extra) {
        return token(claims(sub, extra), Duration.ofHours(1));
    }

    /** Signed by the server's key {@code keyId} (published at {@link #jwksUrl}), claiming to be our issuer. */
    String signedBy(String keyId, Map<String, Object> claims, Duration validity) {
        return server.getConfig().getTokenProvider().jwt(claims, validity, keyId).serialize();
    }

    /** Signed by a key the server never published, under this kid. */
    String signedByStranger(String kid, Map<String, Object> claims) {
        JWTClaimsSet.Builder set = new JWTClaimsSet.Builder().expirationTime(Date.from(Instant.now().plusSeconds(3600)));
        claims.forEach(set::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), set.build());
        try {
            jwt.sign(new RSASSASigner(stranger));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** An access token from the server's token endpoint (client credentials), for this subject and claims. */
    String fromTokenEndpoint(String sub, Map<String, Object> claims) {
        server.enqueueCallback(new DefaultOAuth2TokenCallback(ID, sub, "JWT", List.of(AUDIENCE), claims, 3600));
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.tokenEndpointUrl(ID).toString()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        // The server makes a client-credentials token's sub the client id.
                        "grant_type=client_credentials&client_id=" + sub + "&client_secret=s&scope=autoconn"))
                .build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            Object token = new HttpApi.Response(response.statusCode(), response.headers().map(), response.body())
                    .json().get("access_token");
            if (!(token instanceof String s)) {
                throw new AssertionError("No access token: " + response.body());
            }
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
