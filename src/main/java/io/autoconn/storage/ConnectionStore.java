package io.autoconn.storage;

import io.autoconn.audit.AuditEvent;
import io.autoconn.connections.Connection;
import io.autoconn.connections.ConnectionSummary;
import io.autoconn.connectors.CheckError;
import io.autoconn.query.ListRequest;
import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Optional;

/**
 * Where connections live. Every method is scoped to a tenant: a row of another tenant is never found,
 * changed or listed. One implementation serves every backend; {@code StorageContract} is the
 * test suite each backend must pass.
 */
public interface ConnectionStore {
    /**
     * Inserts a connection; {@code event} is written with it, in the same transaction, which this method
     * commits before it returns (perhaps together with other creates): not for use inside a transaction.
     */
    void insert(Connection connection, AuditEvent event);

    Optional<Connection> find(String tenantId, String id);

    /**
     * Replaces the stored row with {@code connection} if the stored version is still
     * {@code expectedVersion}; false when it changed meanwhile or the row is gone. {@code event} is
     * written only when the replace happens, in its transaction.
     */
    boolean replace(Connection connection, long expectedVersion, AuditEvent event);

    /** Stores the outcome of a check (not an edit: {@code updatedAt} stays, the version moves). */
    boolean recordCheck(String tenantId, String id, boolean connected, @Nullable CheckError error);

    /** Deletes a connection, writing {@code event} in the same transaction; false when it was not there. */
    boolean delete(String tenantId, String id, AuditEvent event);

    /** One page of the tenant's connections, or of those {@code reader} may list when given. */
    Page list(String tenantId, @Nullable Reader reader, ListRequest request);

    record Page(List<ConnectionSummary> connections, @Nullable String nextCursor, @Nullable String prevCursor) {
    }
}
