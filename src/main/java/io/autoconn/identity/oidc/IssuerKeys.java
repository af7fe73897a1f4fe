package io.autoconn.identity.oidc;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.ResourceRetriever;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The issuer's signing keys. Nothing is fetched at start-up, so a server starts while its issuer is down: the
 * first token triggers discovery ({@code <issuer>/.well-known/openid-configuration}, unless the JWKS URL is
 * configured), and the JWK set is then cached, refetched when a token names an unknown key (at most twice per
 * minimum interval, so a flood of made-up key ids cannot hammer the issuer), and kept through an issuer outage.
 * Every request to the issuer has a connect and a read timeout.
 */
final class IssuerKeys implements JWKSource<SecurityContext> {
    /** After a failed discovery, requests fail fast for this long instead of each waiting out the timeouts. */
    private static final Duration DISCOVERY_RETRY = Duration.ofSeconds(5);
    private static final int MAX_DOCUMENT_BYTES = 256 * 1024;

    private final OidcConfig config;
    private final ResourceRetriever retriever;
    private volatile JWKSource<SecurityContext> keys;
    private long discoveryRetryAt;
    private String discoveryFailure = "";

    IssuerKeys(OidcConfig config) {
        this.config = config;
        int timeout = Math.toIntExact(config.getHttpTimeout().toMillis());
        this.retriever = new DefaultResourceRetriever(timeout, timeout, MAX_DOCUMENT_BYTES);
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        return keys().get(selector, context);
    }

    private JWKSource<SecurityContext> keys() throws KeySourceException {
        JWKSource<SecurityContext> built = keys;
        if (built != null) {
            return built;
        }
        synchronized (this) {
            if (keys == null) {
                keys = JWKSourceBuilder.<SecurityContext>create(jwksUrl(), retriever)
                        .cache(config.getJwksCacheTtl().toMillis(), config.getHttpTimeout().toMillis() * 2)
                        // No refresh-ahead: it needs background threads, and a refetch every few minutes is cheap.
                        .refreshAheadCache(false)
                        .rateLimited(config.getJwksMinRefreshInterval().toMillis())
                        .retrying(true)
                        .outageTolerant(true)
                        .build();
            }
            return keys;
        }
    }

    /** Called holding the lock: one discovery at a time. */
    private URL jwksUrl() throws KeySourceException {
        if (!config.getJwksUrl().isEmpty()) {
            return url(config.getJwksUrl(), "AUTOCONN_OIDC_JWKS_URL");
        }
        long now = System.currentTimeMillis();
        if (now < discoveryRetryAt) {
            throw new IssuerUnavailable(discoveryFailure);
        }
        String location = config.getIssuer().replaceAll("/+$", "") + "/.well-known/openid-configuration";
        try {
            Map<String, Object> document = JSONObjectUtils.parse(
                    retriever.retrieveResource(url(location, "the discovery URL")).getContent());
            String issuer = JSONObjectUtils.getString(document, "issuer");
            if (!config.getIssuer().equals(issuer)) {
                throw new ParseException("its issuer is '" + issuer + "', not the configured '" + config.getIssuer()
                        + "'", 0);
            }
            String jwksUri = JSONObjectUtils.getString(document, "jwks_uri");
            if (jwksUri == null) {
                throw new ParseException("it has no jwks_uri", 0);
            }
            return url(jwksUri, "the discovery document's jwks_uri");
        } catch (IOException | ParseException | KeySourceException e) {
            discoveryRetryAt = now + DISCOVERY_RETRY.toMillis();
            discoveryFailure = "The OIDC discovery document " + location + " could not be used: " + e.getMessage();
            throw new IssuerUnavailable(discoveryFailure);
        }
    }

    private static URL url(String value, String what) throws KeySourceException {
        try {
            return URI.create(value).toURL();
        } catch (IllegalArgumentException | MalformedURLException e) {
            throw new IssuerUnavailable(what + " '" + value + "' is not a URL");
        }
    }

    /** The issuer's keys cannot be had now: discovery failed. */
    static final class IssuerUnavailable extends KeySourceException {
        IssuerUnavailable(String message) {
            super(message);
        }
    }
}
