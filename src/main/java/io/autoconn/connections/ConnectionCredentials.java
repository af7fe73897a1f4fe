package io.autoconn.connections;

import io.autoconn.config.AutoconnConfig;
import io.autoconn.connectors.ConnectorCatalog;
import io.autoconn.connectors.ConnectorDefinition;
import io.autoconn.connectors.ParamDefinition;
import io.autoconn.connectors.ProbeInput;
import io.autoconn.error.ApiException;
import io.autoconn.error.ErrorCode;
import io.autoconn.identity.Caller;
import io.autoconn.identity.Scope;
import io.autoconn.oauth.OAuthConnections;
import io.autoconn.secrets.Secret;
import io.autoconn.storage.AuditStore;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A connection's params in clear, for the automation runtime that must use them, not only know they
 * exist: only to an API key carrying {@link Scope#CONNECTION_CREDENTIALS} whose user may see the
 * connection, and every read is audited (which params, never their values).
 */
@Singleton
public class ConnectionCredentials {
    private final ConnectionService connections;
    private final ConnectorCatalog catalog;
    private final AuditStore audits;
    private final Clock clock;
    private final OAuthConnections oauth;
    private final AutoconnConfig config;

    public ConnectionCredentials(ConnectionService connections, ConnectorCatalog catalog, AuditStore audits,
                                 Clock clock, OAuthConnections oauth, AutoconnConfig config) {
        this.oauth = oauth;
        this.config = config;
        this.connections = connections;
        this.catalog = catalog;
        this.audits = audits;
        this.clock = clock;
    }

    public Credentials read(Caller caller, String id) {
        if (!caller.scopes().contains(Scope.CONNECTION_CREDENTIALS)) {
            throw new ApiException(ErrorCode.SCOPE_REQUIRED, "Reading a connection's credentials needs an API key with "
                    + "the scope '" + Scope.CONNECTION_CREDENTIALS.value() + "' (a TenantAdmin creates such keys)");
        }
        Connection connection = connections.get(caller, id);
        ConnectorDefinition connector = catalog.require(connection.connectorId());
        ProbeInput input;
        try {
            input = connections.decrypted(connector, connection);
        } catch (UnreadableSecret e) {
            throw new ApiException(ErrorCode.CREDENTIALS_UNREADABLE, e.getMessage());
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (ParamDefinition param : connector.params()) {
            (param.secret() ? input.secret(param.name()).map(Secret::reveal) : input.value(param.name()))
                    .ifPresent(value -> values.put(param.name(), value));
        }
        // An OAuth2 connection's token, renewed first if it is about to expire (409 when none can be had).
        OAuthConnections.AccessToken token = connector.usesOAuth2()
                ? oauth.accessToken(connection, config.getCheckTimeout()) : null;
        audits.append(ConnectionAudit.credentialsRead(caller, connection, values.keySet(), clock.instant()));
        return new Credentials(connection, values, token);
    }

    /** A connection's params in clear, by name, in the connector's order. */
    public record Credentials(Connection connection, Map<String, String> values,
                              @Nullable OAuthConnections.AccessToken oauth) {
        public Credentials {
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        @Override
        public String toString() {
            return "Credentials[" + connection.id() + ", params=" + values.keySet() + ", oauth=" + (oauth != null) + "]";
        }
    }
}
