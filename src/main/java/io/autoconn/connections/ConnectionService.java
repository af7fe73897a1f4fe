package io.autoconn.connections;

import io.autoconn.access.ContentAccess;
import io.autoconn.access.Content;
import io.autoconn.access.ContentAccess.Operation;
import io.autoconn.access.ContentGuard;
import io.autoconn.audit.AuditEvent;
import io.autoconn.automations.ConnectionUsages;
import io.autoconn.config.AutoconnConfig;
import io.autoconn.connectors.CheckFailure;
import io.autoconn.connectors.CheckMetrics;
import io.autoconn.connectors.ConnectionChecker;
import io.autoconn.connectors.ConnectorCatalog;
import io.autoconn.connectors.ConnectorDefinition;
import io.autoconn.connectors.ParamDefinition;
import io.autoconn.connectors.ProbeInput;
import io.autoconn.connectors.ProbeResult;
import io.autoconn.error.ApiException;
import io.autoconn.error.ErrorCode;
import io.autoconn.error.FieldChecks;
import io.autoconn.identity.Caller;
import io.autoconn.oauth.OAuthConnections;
import io.autoconn.query.ListRequest;
import io.autoconn.secrets.Secret;
import io.autoconn.secrets.SecretCipher;
import io.autoconn.storage.ConnectionStore;
import io.autoconn.storage.DirectoryStore;
import io.autoconn.storage.RowIds;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every operation on connections: who may see and change them (decided by {@link ContentAccess}),
 * validation against the connector, secret encryption, checks, and optimistic concurrency. A caller
 * sees a connection they may not see as not existing (404); one they see but may not change this way
 * is 403 CONNECTION-FORBIDDEN.
 */
@Singleton
public class ConnectionService {
    /** Concurrent edits without If-Match are re-applied on the fresh row this many times. */
    private static final int EDIT_ATTEMPTS = 5;

    private final ConnectionStore store;
    private final ConnectionCache cache;
    private final DirectoryStore directory;
    private final ContentGuard guard;
    private final ConnectorCatalog catalog;
    private final ConnectionChecker checker;
    private final SecretCipher cipher;
    private final Clock clock;
    private final AutoconnConfig config;
    private final ConnectionUsages usages;
    private final OAuthConnections oauth;
    private final CheckMetrics metrics;

    public ConnectionService(ConnectionStore store, ConnectionCache cache, DirectoryStore directory, ContentGuard guard,
                             ConnectorCatalog catalog, ConnectionChecker checker, SecretCipher cipher, Clock clock,
                             AutoconnConfig config, ConnectionUsages usages, OAuthConnections oauth,
                             CheckMetrics metrics) {
        this.store = store;
        this.cache = cache;
        this.directory = directory;
        this.guard = guard;
        this.catalog = catalog;
        this.checker = checker;
        this.cipher = cipher;
        this.clock = clock;
        this.config = config;
        this.usages = usages;
        this.oauth = oauth;
        this.metrics = metrics;
    }

    public ConnectionStore.Page list(Caller caller, boolean listAll, ListRequest request) {
        if (listAll && !caller.isAdmin()) {
            throw new ApiException(ErrorCode.LIST_ALL_FORBIDDEN,
                    "listAll=true is restricted to TenantAdmin and AnalyticsAdmin users");
        }
        return store.list(caller.tenantId(), listAll ? null
                : guard.readerOf(caller),
                request);
    }

    public Connection create(Caller caller, NewConnection request) {
        ConnectorDefinition connector = connectorFor(request.connectorId());
        String name = request.name() == null ? connector.name() : FieldChecks.name(request.name());
        String spaceId = guard.placeableSpace(caller, Content.CONNECTION, request.spaceId());
        ParamValues values = ParamValues.forCreate(connector, request.params());
        String id = RowIds.next();
        var now = clock.instant();
        Connection connection = new Connection(id, caller.tenantId(), caller.userId(), spaceId, connector.id(), name,
                values.plain(), encrypt(caller.tenantId(), id, values.newSecrets()), false, null, 1, now, now);
        if (connector.usesOAuth2()) {
            return createOAuth(caller, connector, connection);
        }
        ProbeResult result = probe(connector, connection, config.getCreateCheckTimeout());
        connection = connection.withCheck(result.connected(), result.error());
        store.insert(connection, ConnectionAudit.created(caller, connection));
        return connection;
    }

    /**
     * An OAuth2 connection is stored first: its tokens belong to the row. An authorization_code one stays
     * not connected until the user's consent comes back through the callback; a client_credentials one
     * gets its token and is checked at once.
     */
    private Connection createOAuth(Caller caller, ConnectorDefinition connector, Connection connection) {
        store.insert(connection, ConnectionAudit.created(caller, connection));
        if (connector.oauth2().authorizationCode()) {
            return connection;
        }
        ProbeResult result = probe(connector, connection, config.getCreateCheckTimeout());
        store.recordCheck(connection.tenantId(), connection.id(), result.connected(), result.error());
        return store.find(connection.tenantId(), connection.id())
                .orElse(connection.withCheck(result.connected(), result.error()));
    }

    public Connection get(Caller caller, String id) {
        return authorized(caller, id, Operation.READ, cache.find(caller.tenantId(), id));
    }

    /**
     * The connection {@code caller} reads, when that takes no I/O: it is in memory, and the caller may read it
     * wherever it is (a space member's right needs a lookup). Empty: {@link #get} answers.
     */
    public Optional<Connection> remembered(Caller caller, String id) {
        return cache.remembered(caller.tenantId(), id).filter(c -> ContentAccess.seesWherever(caller, c.ownerId()));
    }

    public Connection update(Caller caller, String id, @Nullable String ifMatch, ConnectionEdit edit) {
        Connection updated = edit(caller, id, ifMatch, Operation.UPDATE, ConnectionAudit.UPDATED, current -> {
            ConnectorDefinition connector = catalog.require(current.connectorId());
            String name = edit.name() == null ? current.name() : FieldChecks.name(edit.name());
            if (edit.params() == null) {
                return current.edited(name, current.spaceId(), current.ownerId(), current.params(),
                        upgraded(current), clock.instant());
            }
            ParamValues values = ParamValues.forUpdate(connector, current.params(),
                    current.secretCiphertexts().keySet(), edit.params());
            Map<String, String> ciphertexts = new HashMap<>(encrypt(current.tenantId(), current.id(), values.newSecrets()));
            Map<String, String> kept = upgraded(current);
            values.keptSecrets().forEach(paramId -> ciphertexts.put(paramId, kept.get(paramId)));
            return current.edited(name, current.spaceId(), current.ownerId(), values.plain(), ciphertexts, clock.instant());
        });
        if (edit.params() == null) {
            return updated;
        }
        ConnectorDefinition connector = catalog.require(updated.connectorId());
        if (connector.usesOAuth2()) {
            // New client or endpoints: the old tokens belong to another grant. An authorization_code
            // connection waits for the user's consent again (the answer carries a new redirect).
            oauth.forgetTokens(updated);
            if (connector.oauth2().authorizationCode()) {
                store.recordCheck(updated.tenantId(), updated.id(), false, null);
                return store.find(updated.tenantId(), updated.id()).orElse(updated.withCheck(false, null));
            }
        }
        // New credentials: tell the caller at once whether they work, as creation does.
        ProbeResult result = probe(connector, updated, config.getCreateCheckTimeout());
        store.recordCheck(updated.tenantId(), updated.id(), result.connected(), result.error());
        return store.find(updated.tenantId(), updated.id()).orElse(updated.withCheck(result.connected(), result.error()));
    }

    /**
     * Deletes a connection. One that automations use is refused (CONNECTION-IN-USE) unless {@code forced}; a
     * forced delete leaves the automations' workspaces as they are, and their usage rows go with the connection.
     */
    public void delete(Caller caller, String id, boolean forced) {
        Connection connection = authorized(caller, id, Operation.DELETE);
        if (!forced) {
            usages.refuseDeleteIfUsed(caller, connection.id());
        }
        if (!store.delete(connection.tenantId(), connection.id(),
                ConnectionAudit.deleted(caller, connection, clock.instant()))) {
            throw Content.CONNECTION.notFound(id);
        }
    }

    public void changeOwner(Caller caller, String id, @Nullable String userId) {
        // The new owner is checked once the caller may change this connection: others learn nothing (404).
        edit(caller, id, null, Operation.CHANGE_OWNER, ConnectionAudit.OWNER_CHANGED, current -> current.edited(
                current.name(), current.spaceId(), existingUser(caller, userId), current.params(),
                upgraded(current), clock.instant()));
    }

    private String existingUser(Caller caller, @Nullable String userId) {
        if (userId == null || userId.isBlank()) {
            throw new ApiException(ErrorCode.INVALID_FIELD, "userId is required");
        }
        if (!directory.userExists(caller.tenantId(), userId)) {
            throw new ApiException(ErrorCode.UNKNOWN_USER, "No user with id '" + userId + "' in this tenant");
        }
        return userId;
    }

    public void changeSpace(Caller caller, String id, @Nullable String spaceId) {
        // The target is judged after the connection itself, so a caller who may not move it learns nothing more.
        edit(caller, id, null, Operation.CHANGE_SPACE, ConnectionAudit.SPACE_CHANGED, current -> current.edited(
                current.name(), guard.placeableSpace(caller, Content.CONNECTION, spaceId), current.ownerId(), current.params(),
                upgraded(current), clock.instant()));
    }

    public ProbeResult check(Caller caller, String id) {
        Connection connection = authorized(caller, id, Operation.CHECK);
        ProbeResult result = probe(catalog.require(connection.connectorId()), connection, config.getCheckTimeout());
        if (!store.recordCheck(connection.tenantId(), connection.id(), result.connected(), result.error())) {
            throw Content.CONNECTION.notFound(id);
        }
        return result;
    }

    /** The current ETag value of a connection version. */
    public static String etag(Connection connection) {
        return "\"" + connection.version() + "\"";
    }

    /** Applies {@code change} to the current version (optimistically, retried), audited as {@code action}. */
    private Connection edit(Caller caller, String id, @Nullable String ifMatch, Operation operation, String action,
                            java.util.function.UnaryOperator<Connection> change) {
        for (int attempt = 0; attempt < EDIT_ATTEMPTS; attempt++) {
            Connection current = authorized(caller, id, operation);
            if (ifMatch != null && !ifMatch.strip().equals("*") && !ifMatch.strip().equals(etag(current))) {
                throw new ApiException(ErrorCode.PRECONDITION_FAILED, "If-Match " + ifMatch.strip()
                        + " does not match the current ETag " + etag(current) + "; get the connection again");
            }
            Connection changed = change.apply(current);
            AuditEvent event = ConnectionAudit.changed(caller, action, current, changed,
                    catalog.require(current.connectorId()));
            if (store.replace(changed, current.version(), event)) {
                return changed;
            }
            if (ifMatch != null) {
                throw new ApiException(ErrorCode.PRECONDITION_FAILED,
                        "The connection changed while this update was applied; get it again");
            }
        }
        throw new ApiException(ErrorCode.PRECONDITION_FAILED,
                "The connection is being changed concurrently; try again");
    }

    /** The connection as stored now (never remembered: an edit starts from the row), if the caller may do this. */
    private Connection authorized(Caller caller, String id, Operation operation) {
        return authorized(caller, id, operation, store.find(caller.tenantId(), id));
    }

    /** {@code found}, if the caller may do {@code operation} to it: 404 when they may not see it, else 403. */
    private Connection authorized(Caller caller, String id, Operation operation, Optional<Connection> found) {
        Connection c = found.orElseThrow(() -> Content.CONNECTION.notFound(id));
        guard.authorize(caller, operation, Content.CONNECTION, id, c.ownerId(), c.spaceId());
        return c;
    }


    private ConnectorDefinition connectorFor(@Nullable String connectorId) {
        if (connectorId == null || connectorId.isBlank()) {
            throw new ApiException(ErrorCode.INVALID_FIELD, "connectorId is required");
        }
        return catalog.find(connectorId).orElseThrow(() -> new ApiException(ErrorCode.UNKNOWN_CONNECTOR,
                "No connector with id '" + connectorId + "'; GET /api/v1/automation-connectors lists them"));
    }



    private Map<String, String> encrypt(String tenantId, String connectionId, Map<String, Secret> secrets) {
        Map<String, String> ciphertexts = new HashMap<>();
        secrets.forEach((paramId, secret) -> ciphertexts.put(paramId,
                cipher.encrypt(secret, new SecretCipher.Binding(tenantId, connectionId, paramId))));
        return ciphertexts;
    }

    /** The connection's ciphertexts, any v1 value (sealed by a master key) re-encrypted under its data key. */
    private Map<String, String> upgraded(Connection connection) {
        Map<String, String> ciphertexts = new HashMap<>();
        connection.secretCiphertexts().forEach((paramId, text) -> ciphertexts.put(paramId, cipher.upgrade(text,
                new SecretCipher.Binding(connection.tenantId(), connection.id(), paramId))));
        return ciphertexts;
    }

    /** Every check of a connection, of any connector, goes through here: so here it is counted. */
    private ProbeResult probe(ConnectorDefinition connector, Connection connection, Duration timeout) {
        return metrics.record(connector, () -> unmeasuredProbe(connector, connection, timeout));
    }

    private ProbeResult unmeasuredProbe(ConnectorDefinition connector, Connection connection, Duration timeout) {
        if (connector.usesOAuth2()) {
            return oauth.check(connection, timeout);
        }
        try {
            return checker.check(connector, decrypted(connector, connection), timeout);
        } catch (UnreadableSecret e) {
            return CheckFailure.SECRET_UNREADABLE.result(e.getMessage());
        }
    }

    /** The params a check or the runtime connects with; secrets decrypted, held as {@link Secret}. */
    ProbeInput decrypted(ConnectorDefinition connector, Connection connection) throws UnreadableSecret {
        Map<String, String> plain = new HashMap<>();
        Map<String, Secret> secrets = new HashMap<>();
        for (ParamDefinition param : connector.params()) {
            String stored = param.secret() ? connection.secretCiphertexts().get(param.id()) : connection.params().get(param.id());
            if (stored == null) {
                continue;
            }
            if (!param.secret()) {
                plain.put(param.name(), stored);
                continue;
            }
            try {
                secrets.put(param.name(), cipher.decrypt(stored,
                        new SecretCipher.Binding(connection.tenantId(), connection.id(), param.id())));
            } catch (SecretCipher.SecretDecryptionException e) {
                // Which key is missing is the operator's business: the server's log names it.
                throw new UnreadableSecret("Parameter '" + param.name() + "' " + (e.keyMissing()
                        ? "was encrypted with a key this server does not hold" : "does not decrypt for this connection"
                        + " (altered, or copied from another one)") + "; set it again");
            }
        }
        return new ProbeInput(plain, secrets);
    }

    /** A create request, as the domain takes it. */
    public record NewConnection(@Nullable String name, @Nullable String connectorId, @Nullable String spaceId,
                                List<ParamInput> params) {
    }

    /** An update request: null fields stay as they are. */
    public record ConnectionEdit(@Nullable String name, @Nullable List<ParamInput> params) {
    }
}
