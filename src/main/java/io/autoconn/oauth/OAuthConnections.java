package io.autoconn.oauth;

import io.autoconn.audit.AuditEvent;
import io.autoconn.connections.Connection;
import io.autoconn.connectors.CheckError;
import io.autoconn.connectors.CheckFailure;
import io.autoconn.connectors.ConnectorCatalog;
import io.autoconn.connectors.ConnectorDefinition;
import io.autoconn.connectors.OAuth2Spec;
import io.autoconn.connectors.ParamDefinition;
import io.autoconn.connectors.ProbeResult;
import io.autoconn.error.ApiException;
import io.autoconn.error.ErrorCode;
import io.autoconn.secrets.Secret;
import io.autoconn.secrets.SecretCipher;
import io.autoconn.storage.ConnectionStore;
import io.autoconn.storage.OAuthStore;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The OAuth2 side of connections: the authorization code flow (redirect with PKCE and a single-use state,
 * the callback that exchanges the code), client credentials, and a valid access token on demand, renewed
 * before it expires or once the provider refuses it. One server at a time renews a connection's token: the
 * others wait for its result (a lease row, compare-and-set, so it holds across servers sharing the database).
 */
@Singleton
public class OAuthConnections {
    /** Where the provider sends the browser back; public (no API key: the state authenticates it). */
    public static final String CALLBACK_PATH = "/api/v1/automation-connections/oauth/callback";
    static final Duration STATE_TTL = Duration.ofMinutes(10);
    /** A token this close to its expiry is renewed first, so it does not expire in the caller's hands. */
    static final Duration EXPIRY_MARGIN = Duration.ofSeconds(60);
    static final Duration LEASE = Duration.ofSeconds(30);
    private static final Duration WAIT_STEP = Duration.ofMillis(50);
    static final String AUTHORIZED_EVENT = "com.qlik.v1.automation-connection.authorized";
    private static final String ACCESS = "oauth:access";
    private static final String REFRESH = "oauth:refresh";
    private static final String VERIFIER = "oauth:verifier";

    private final OAuthStore store;
    private final ConnectionStore connections;
    private final ConnectorCatalog catalog;
    private final SecretCipher cipher;
    private final OAuthClient client;
    private final Clock clock;

    public OAuthConnections(OAuthStore store, ConnectionStore connections, ConnectorCatalog catalog,
                            SecretCipher cipher, OAuthClient client, Clock clock) {
        this.store = store;
        this.connections = connections;
        this.catalog = catalog;
        this.cipher = cipher;
        this.client = client;
        this.clock = clock;
    }

    /** A valid access token and when it expires (null: the provider did not say). */
    public record AccessToken(Secret value, @Nullable Instant expiresAt) {
    }

    /** What the callback did: the connection, whether it is connected now, and as whom. */
    public record Authorized(String connectionId, boolean connected, @Nullable String accountName,
                             @Nullable CheckError error) {
    }

    /**
     * Starts the authorization code flow of a connection: stores a PKCE verifier under a fresh state and
     * answers the provider's authorization URL to send the user to; null for other connections.
     */
    @Nullable
    public String authorizationRedirect(Connection c, String userId, String callbackUrl) {
        ConnectorDefinition connector = catalog.require(c.connectorId());
        if (!connector.usesOAuth2() || !connector.oauth2().authorizationCode()) {
            return null;
        }
        OAuth2Spec spec = connector.oauth2();
        Map<String, String> plain = plainParams(connector, c);
        Optional<String> authorize = OAuth2Spec.resolve(spec.authorizeUrl(), plain);
        String clientId = plain.get(spec.clientIdParam());
        if (authorize.isEmpty() || clientId == null) {
            return null; // the check names what is missing
        }
        Pkce pkce = Pkce.generate();
        String state = Pkce.randomToken();
        store.savePending(new OAuthStore.PendingAuthorization(Pkce.sha256Hex(state), c.tenantId(), c.id(), userId,
                cipher.encrypt(pkce.verifier(), binding(c, VERIFIER)), callbackUrl, clock.instant().plus(STATE_TTL)));
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", clientId);
        query.put("redirect_uri", callbackUrl);
        scope(connector, c).ifPresent(scope -> query.put("scope", scope));
        query.put("state", state);
        query.put("code_challenge", pkce.challenge());
        query.put("code_challenge_method", "S256");
        return authorize.get() + (authorize.get().contains("?") ? "&" : "?") + Pkce.form(query);
    }

    /**
     * The provider sent the browser back. A missing, unknown, used or expired state is a 400 (nothing is
     * changed); otherwise the state is spent and the code exchanged: the connection ends connected, or not
     * with the reason as its error.
     */
    public Authorized callback(@Nullable String state, @Nullable String code, @Nullable String providerError,
                               Duration timeout) {
        if (state == null || state.isBlank()) {
            throw new ApiException(ErrorCode.OAUTH_CALLBACK_INVALID, "The query parameter 'state' is required");
        }
        OAuthStore.PendingAuthorization pending = store.consume(Pkce.sha256Hex(state)).orElseThrow(() ->
                new ApiException(ErrorCode.OAUTH_CALLBACK_INVALID,
                        "Unknown or already used state: start the authorization again"));
        if (pending.expiresAt().isBefore(clock.instant())) {
            throw new ApiException(ErrorCode.OAUTH_CALLBACK_INVALID, "The authorization expired (states live "
                    + STATE_TTL.toMinutes() + " minutes): start it again");
        }
        Connection c = connections.find(pending.tenantId(), pending.connectionId()).orElseThrow(() ->
                new ApiException(ErrorCode.OAUTH_CALLBACK_INVALID, "The connection of this authorization is gone"));
        if (providerError != null || code == null || code.isBlank()) {
            CheckError error = CheckFailure.OAUTH_NOT_AUTHORIZED.result(providerError != null
                    ? "The provider answered error=" + OAuthClient.safe(providerError) + " instead of authorizing"
                    : "The provider sent no authorization code").error();
            connections.recordCheck(c.tenantId(), c.id(), false, error);
            return new Authorized(c.id(), false, null, error);
        }
        ConnectorDefinition connector = catalog.require(c.connectorId());
        try {
            Map<String, String> form = clientAuth(connector, c);
            form.put("grant_type", "authorization_code");
            form.put("code", code);
            form.put("redirect_uri", pending.redirectUri());
            form.put("code_verifier", cipher.decrypt(pending.verifier(), binding(c, VERIFIER)).reveal());
            OAuthClient.TokenAnswer answer = client.token(tokenUrl(connector, c), form, timeout);
            String account = accountName(connector, c, answer, timeout);
            Instant now = clock.instant();
            // The actor is the user who started the authorization: the browser coming back carries no key.
            store.saveTokens(tokens(c, answer, null, account), now, new AuditEvent(UUID.randomUUID().toString(),
                    c.tenantId(), pending.userId(), AUTHORIZED_EVENT, "automation-connection", c.id(), now,
                    authorizedData(c, account)));
            connections.recordCheck(c.tenantId(), c.id(), true, null);
            return new Authorized(c.id(), true, account, null);
        } catch (OAuthFailure failure) {
            connections.recordCheck(c.tenantId(), c.id(), false, failure.error());
            return new Authorized(c.id(), false, null, failure.error());
        }
    }

    /** The check of an OAuth2 connection: a valid token, and the userinfo request (declared) answering 2xx. */
    public ProbeResult check(Connection c, Duration timeout) {
        ConnectorDefinition connector = catalog.require(c.connectorId());
        try {
            AccessToken token = accessToken(connector, c, timeout, null);
            String userinfo = userinfoUrl(connector, c);
            if (userinfo == null) {
                return ProbeResult.ok();
            }
            try {
                client.userinfo(userinfo, token.value(), timeout);
            } catch (OAuthFailure refused) {
                if (!refused.unauthorized()) {
                    throw refused;
                }
                // Revoked or expired early: renew once and ask again.
                client.userinfo(userinfo, accessToken(connector, c, timeout, token.value()).value(), timeout);
            }
            return ProbeResult.ok();
        } catch (OAuthFailure failure) {
            return failure.result();
        }
    }

    /** A valid access token for the credentials answer; 409 OAUTH-NOT-CONNECTED when none can be had. */
    public AccessToken accessToken(Connection c, Duration timeout) {
        try {
            return accessToken(catalog.require(c.connectorId()), c, timeout, null);
        } catch (OAuthFailure failure) {
            throw new ApiException(ErrorCode.OAUTH_NOT_CONNECTED, failure.getMessage());
        }
    }

    /** Drops a connection's tokens and pending authorizations: its client or endpoints changed. */
    public void forgetTokens(Connection c) {
        store.forget(c.tenantId(), c.id());
    }

    /** The account the connection's tokens act for, as the provider named it; null before authorization. */
    @Nullable
    public String accountName(Connection c) {
        return store.tokens(c.tenantId(), c.id()).map(OAuthStore.Tokens::accountName).orElse(null);
    }

    /**
     * A token valid beyond the margin, and not {@code refused} (one the provider just turned down). Renewing
     * takes the connection's lease; whoever does not get it waits for the holder's result.
     */
    AccessToken accessToken(ConnectorDefinition connector, Connection c, Duration timeout, @Nullable Secret refused)
            throws OAuthFailure {
        Instant deadline = clock.instant().plus(timeout);
        String owner = UUID.randomUUID().toString();
        while (true) {
            Optional<AccessToken> current = usable(c, refused);
            if (current.isPresent()) {
                return current.get();
            }
            Instant now = clock.instant();
            if (store.acquireLease(c.tenantId(), c.id(), owner, now, now.plus(LEASE))) {
                try {
                    // Someone may have renewed it between our read and our lease.
                    Optional<AccessToken> renewed = usable(c, refused);
                    return renewed.isPresent() ? renewed.get() : renew(connector, c, timeout);
                } finally {
                    store.releaseLease(c.id(), owner);
                }
            }
            if (now.isAfter(deadline)) {
                throw new OAuthFailure(CheckFailure.TIMEOUT, "Another request is renewing this connection's token "
                        + "and did not finish within " + timeout.toMillis() + " ms");
            }
            sleep();
        }
    }

    private Optional<AccessToken> usable(Connection c, @Nullable Secret refused) throws OAuthFailure {
        Optional<OAuthStore.Tokens> tokens = store.tokens(c.tenantId(), c.id());
        if (tokens.isEmpty() || tokens.get().accessToken() == null) {
            return Optional.empty();
        }
        Instant expiresAt = tokens.get().expiresAt();
        if (expiresAt != null && !expiresAt.isAfter(clock.instant().plus(EXPIRY_MARGIN))) {
            return Optional.empty();
        }
        Secret access = decrypt(c, tokens.get().accessToken(), ACCESS);
        return access.equals(refused) ? Optional.empty() : Optional.of(new AccessToken(access, expiresAt));
    }

    /** Gets a new token (refresh grant, or client credentials); a failed refresh disconnects the connection. */
    private AccessToken renew(ConnectorDefinition connector, Connection c, Duration timeout) throws OAuthFailure {
        OAuthStore.Tokens old = store.tokens(c.tenantId(), c.id()).orElse(null);
        Map<String, String> form = clientAuth(connector, c);
        boolean refreshing = connector.oauth2().authorizationCode();
        if (refreshing) {
            if (old == null || old.refreshToken() == null) {
                throw new OAuthFailure(CheckFailure.OAUTH_NOT_AUTHORIZED, old == null || old.accessToken() == null
                        ? "Nobody has authorized this connection yet: follow its redirect URL"
                        : "The access token expired and the provider gave no refresh token: authorize again");
            }
            form.put("grant_type", "refresh_token");
            form.put("refresh_token", decrypt(c, old.refreshToken(), REFRESH).reveal());
        } else {
            form.put("grant_type", "client_credentials");
            scope(connector, c).ifPresent(scope -> form.put("scope", scope));
        }
        OAuthClient.TokenAnswer answer;
        try {
            answer = client.token(tokenUrl(connector, c), form, timeout);
        } catch (OAuthFailure failure) {
            if (!refreshing) {
                throw failure;
            }
            OAuthFailure refresh = new OAuthFailure(CheckFailure.OAUTH_REFRESH_FAILED,
                    failure.getMessage() + "; authorize the connection again");
            connections.recordCheck(c.tenantId(), c.id(), false, refresh.error());
            throw refresh;
        }
        String account = old != null && old.accountName() != null ? old.accountName()
                : refreshing ? null : accountName(connector, c, answer, timeout);
        // Providers that do not rotate refresh tokens send none: the old one stays valid.
        OAuthStore.Tokens next = tokens(c, answer, old == null ? null : old.refreshToken(), account);
        store.saveTokens(next, clock.instant(), null);
        return new AccessToken(answer.accessToken(), next.expiresAt());
    }

    private OAuthStore.Tokens tokens(Connection c, OAuthClient.TokenAnswer answer, @Nullable String oldRefresh,
                                     @Nullable String account) {
        String refresh = answer.refreshToken() == null ? oldRefresh
                : cipher.encrypt(answer.refreshToken(), binding(c, REFRESH));
        Instant expiresAt = answer.expiresIn() == null ? null : clock.instant().plusSeconds(answer.expiresIn());
        return new OAuthStore.Tokens(c.tenantId(), c.id(), cipher.encrypt(answer.accessToken(), binding(c, ACCESS)),
                refresh, expiresAt, account);
    }

    /** The declared claim, from userinfo when the connector has one, else from the id token. */
    @Nullable
    private String accountName(ConnectorDefinition connector, Connection c, OAuthClient.TokenAnswer answer,
                               Duration timeout) throws OAuthFailure {
        String claim = connector.oauth2().accountClaim();
        String userinfo = userinfoUrl(connector, c);
        Map<String, Object> claims = userinfo != null ? client.userinfo(userinfo, answer.accessToken(), timeout)
                : answer.idToken() != null ? client.idTokenClaims(answer.idToken()) : Map.of();
        Object value = claims.get(claim);
        return value == null ? null : truncate(String.valueOf(value));
    }

    private Map<String, String> clientAuth(ConnectorDefinition connector, Connection c) throws OAuthFailure {
        OAuth2Spec spec = connector.oauth2();
        Map<String, String> form = new LinkedHashMap<>();
        String clientId = plainParams(connector, c).get(spec.clientIdParam());
        if (clientId == null || clientId.isBlank()) {
            throw new OAuthFailure(CheckFailure.INVALID_PARAMS, "The param '" + spec.clientIdParam() + "' (client id) is not set");
        }
        form.put("client_id", clientId);
        if (spec.clientSecretParam() != null) {
            ParamDefinition param = connector.paramByName(spec.clientSecretParam()).orElseThrow();
            String stored = c.secretCiphertexts().get(param.id());
            if (stored != null) {
                try {
                    form.put("client_secret", cipher.decrypt(stored,
                            new SecretCipher.Binding(c.tenantId(), c.id(), param.id())).reveal());
                } catch (SecretCipher.SecretDecryptionException e) {
                    throw new OAuthFailure(CheckFailure.SECRET_UNREADABLE, "Parameter '" + param.name()
                            + "' was encrypted with another master key; set it again");
                }
            }
        }
        return form;
    }

    private Secret decrypt(Connection c, String ciphertext, String what) throws OAuthFailure {
        try {
            return cipher.decrypt(ciphertext, binding(c, what));
        } catch (SecretCipher.SecretDecryptionException e) {
            throw new OAuthFailure(CheckFailure.SECRET_UNREADABLE,
                    "The stored OAuth2 token was encrypted with another master key: authorize the connection again");
        }
    }

    private static String tokenUrl(ConnectorDefinition connector, Connection c) throws OAuthFailure {
        return OAuth2Spec.resolve(connector.oauth2().tokenUrl(), plainParams(connector, c)).orElseThrow(() ->
                new OAuthFailure(CheckFailure.INVALID_PARAMS, "The token URL needs params that are not set"));
    }

    @Nullable
    private static String userinfoUrl(ConnectorDefinition connector, Connection c) {
        return OAuth2Spec.resolve(connector.oauth2().userinfoUrl(), plainParams(connector, c)).orElse(null);
    }

    /** The declared scopes, each resolved against the params (one naming an unset param is left out). */
    private static Optional<String> scope(ConnectorDefinition connector, Connection c) {
        Map<String, String> plain = plainParams(connector, c);
        String scope = connector.oauth2().scopes().stream()
                .map(s -> OAuth2Spec.resolve(s, plain).orElse("").strip())
                .filter(s -> !s.isEmpty())
                .collect(java.util.stream.Collectors.joining(" "));
        return scope.isEmpty() ? Optional.empty() : Optional.of(scope);
    }

    private static Map<String, String> plainParams(ConnectorDefinition connector, Connection c) {
        Map<String, String> values = new HashMap<>();
        for (ParamDefinition p : connector.params()) {
            if (!p.secret() && c.params().get(p.id()) != null) {
                values.put(p.name(), c.params().get(p.id()));
            }
        }
        return values;
    }

    private static Map<String, Object> authorizedData(Connection c, @Nullable String account) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("resourceId", c.id());
        data.put("name", c.name());
        if (account != null) {
            data.put("oauthAccountName", account);
        }
        return data;
    }

    private static SecretCipher.Binding binding(Connection c, String what) {
        return new SecretCipher.Binding(c.tenantId(), c.id(), what);
    }

    private static String truncate(String value) {
        return value.length() <= 255 ? value : value.substring(0, 255);
    }

    private static void sleep() throws OAuthFailure {
        try {
            Thread.sleep(WAIT_STEP.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OAuthFailure(CheckFailure.FAILED, "Interrupted while waiting for a token renewal");
        }
    }
}
