package io.autoconn.connections;

import io.autoconn.audit.AuditEvent;
import io.autoconn.connectors.ConnectorDefinition;
import io.autoconn.connectors.ParamDefinition;
import io.autoconn.identity.Caller;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The audit events of connection changes. An update names the API fields it changed and, for
 * {@code params}, which parameters: by name only, since a parameter may be a secret.
 */
final class ConnectionAudit {
    static final String RESOURCE_TYPE = "automation-connection";
    static final String CREATED = "created";
    static final String UPDATED = "updated";
    static final String DELETED = "deleted";
    static final String OWNER_CHANGED = "owner-changed";
    static final String SPACE_CHANGED = "space-changed";
    static final String CREDENTIALS_READ = "credentials-read";

    private ConnectionAudit() {
    }

    static AuditEvent created(Caller caller, Connection c) {
        return AuditEvent.of(caller, RESOURCE_TYPE, CREATED, c.id(), c.createdAt(), identity(c));
    }

    static AuditEvent deleted(Caller caller, Connection c, Instant at) {
        return AuditEvent.of(caller, RESOURCE_TYPE, DELETED, c.id(), at, identity(c));
    }

    /** A read of the connection's credentials: which params were handed out, never their values. */
    static AuditEvent credentialsRead(Caller caller, Connection c, Collection<String> paramNames, Instant at) {
        Map<String, Object> data = new LinkedHashMap<>(identity(c));
        data.put("params", paramNames.stream().sorted().toList());
        return AuditEvent.of(caller, RESOURCE_TYPE, CREDENTIALS_READ, c.id(), at, data);
    }

    static AuditEvent changed(Caller caller, String action, Connection before, Connection after,
                              ConnectorDefinition connector) {
        TreeSet<String> fields = new TreeSet<>();
        TreeSet<String> params = new TreeSet<>();
        if (!before.name().equals(after.name())) {
            fields.add("name");
        }
        if (!before.ownerId().equals(after.ownerId())) {
            fields.add("ownerId");
        }
        if (!Objects.equals(before.spaceId(), after.spaceId())) {
            fields.add("spaceId");
        }
        for (ParamDefinition param : connector.params()) {
            Map<String, String> b = param.secret() ? before.secretCiphertexts() : before.params();
            Map<String, String> a = param.secret() ? after.secretCiphertexts() : after.params();
            if (!Objects.equals(b.get(param.id()), a.get(param.id()))) {
                params.add(param.name());
            }
        }
        if (!params.isEmpty()) {
            fields.add("params");
        }
        Map<String, Object> data = Map.of(AuditEvent.CHANGED_FIELDS, fields.stream().toList(),
                "params", params.stream().toList(), "name", after.name());
        return AuditEvent.of(caller, RESOURCE_TYPE, action, after.id(), after.updatedAt(), data);
    }

    private static Map<String, Object> identity(Connection c) {
        return c.spaceId() == null
                ? Map.of("name", c.name(), "connectorId", c.connectorId(), "ownerId", c.ownerId())
                : Map.of("name", c.name(), "connectorId", c.connectorId(), "ownerId", c.ownerId(), "spaceId", c.spaceId());
    }
}
