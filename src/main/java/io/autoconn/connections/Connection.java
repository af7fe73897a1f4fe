package io.autoconn.connections;

import io.autoconn.connectors.CheckError;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.Map;

/**
 * A stored connection, as the domain sees it. Parameter values are keyed by the connector's param id;
 * secret params are kept apart, as ciphertexts only (see {@code io.autoconn.secrets.SecretCipher}).
 * {@code version} increases with every write and is the ETag the API shows.
 */
public record Connection(
        String id,
        String tenantId,
        String ownerId,
        @Nullable String spaceId,
        String connectorId,
        String name,
        Map<String, String> params,
        Map<String, String> secretCiphertexts,
        boolean connected,
        @Nullable CheckError error,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    public Connection {
        params = Map.copyOf(params);
        secretCiphertexts = Map.copyOf(secretCiphertexts);
    }

    public Connection withCheck(boolean connected, @Nullable CheckError error) {
        return new Connection(id, tenantId, ownerId, spaceId, connectorId, name, params, secretCiphertexts,
                connected, error, version, createdAt, updatedAt);
    }

    /** This connection after an edit: the next version, stamped with the time of the edit. */
    public Connection edited(String name, @Nullable String spaceId, String ownerId, Map<String, String> params,
                             Map<String, String> secretCiphertexts, Instant now) {
        return new Connection(id, tenantId, ownerId, spaceId, connectorId, name, params, secretCiphertexts,
                connected, error, version + 1, createdAt, now);
    }
}
