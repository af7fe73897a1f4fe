package io.autoconn.storage;

import io.autoconn.connections.Connection;
import io.autoconn.connections.ConnectionSummary;
import io.autoconn.connectors.CheckError;
import io.autoconn.query.ListRequest;
import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Optional;

/**
 * Where connections live. Every method is scoped to a tenant: a row of another tenant is never found,
 * changed or listed. One implementation serves every backend; {@code ConnectionStoreContract} is the
 * test suite each backend must pass.
 */
public interface ConnectionStore {
    void insert(Connection connection);

    Optional<Connection> find(String tenantId, String id);

    /**
     * Replaces the stored row with {@code connection} if the stored version is still
     * {@code expectedVersion}; false when it changed meanwhile or the row is gone.
     */
    boolean replace(Connection connection, long expectedVersion);

    /** Stores the outcome of a check (not an edit: {@code updatedAt} stays, the version moves). */
    boolean recordCheck(String tenantId, String id, boolean connected, @Nullable CheckError error);

    boolean delete(String tenantId, String id);

    /** One page of the tenant's connections, or of one owner's when {@code ownerId} is given. */
    Page list(String tenantId, @Nullable String ownerId, ListRequest request);

    record Page(List<ConnectionSummary> connections, @Nullable String nextCursor, @Nullable String prevCursor) {
    }
}
