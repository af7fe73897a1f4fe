package io.autoconn.storage;

import io.autoconn.audit.AuditEvent;
import io.autoconn.query.ListRequest;
import io.autoconn.spaces.Assignment;
import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Optional;

/** The members of spaces and their roles. Scoped to a tenant and a space; every change is audited in its transaction. */
public interface AssignmentStore {
    /** @return false, writing nothing, when the assignee already has an assignment in that space */
    boolean insert(Assignment assignment, AuditEvent event);

    Optional<Assignment> find(String tenantId, String spaceId, String assignmentId);

    /** Stores the assignment's roles and update stamp; false when it is gone. */
    boolean update(Assignment assignment, AuditEvent event);

    boolean delete(String tenantId, String spaceId, String assignmentId, AuditEvent event);

    /** One page of a space's assignments, oldest first, optionally of one assignee only. */
    Page list(String tenantId, String spaceId, @Nullable String assigneeId, ListRequest request);

    record Page(List<Assignment> assignments, long count, @Nullable String nextCursor, @Nullable String prevCursor) {
    }
}
