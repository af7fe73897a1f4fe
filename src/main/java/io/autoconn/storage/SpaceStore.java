package io.autoconn.storage;

import io.autoconn.audit.AuditEvent;
import io.autoconn.query.ListRequest;
import io.autoconn.spaces.Assignment;
import io.autoconn.spaces.Membership;
import io.autoconn.spaces.Space;
import io.autoconn.spaces.SpaceRole;
import io.autoconn.spaces.SpaceType;
import io.micronaut.core.annotation.Nullable;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Where spaces live, and who is a member of which. Every method is scoped to a tenant; every change
 * writes its audit events in its own transaction. Assignments are in {@link AssignmentStore}.
 */
public interface SpaceStore {
    /** @return false, writing nothing, when the tenant already has a space of that name (case-insensitively) */
    boolean insert(Space space, AuditEvent event);

    Optional<Space> find(String tenantId, String spaceId);

    /** The user's membership of the space (with no roles when they have none); empty when there is no such space. */
    Optional<Membership> membership(String tenantId, String spaceId, String userId);

    /** The ids of the spaces the user owns or is assigned to. */
    List<String> memberSpaceIds(String tenantId, String userId);

    /** The user's assigned roles in each of these spaces that they are assigned to. */
    Map<String, Set<SpaceRole>> assignedRoles(String tenantId, String userId, Collection<String> spaceIds);

    /**
     * Stores {@code updated} (name, description, owner, updatedAt). A new owner's own assignment goes
     * (the owner holds every role), audited by {@code assignmentRemoved}.
     */
    UpdateResult update(Space updated, AuditEvent event, Function<Assignment, AuditEvent> assignmentRemoved);

    /**
     * Deletes the space and its assignments (each audited by {@code assignmentRemoved}), unless connections
     * are still in it.
     */
    DeleteResult delete(String tenantId, String spaceId, AuditEvent event,
                        Function<Assignment, AuditEvent> assignmentRemoved);

    /** One page of spaces matching {@code query}, and how many match in all. */
    Page list(String tenantId, Query query, ListRequest request);

    /**
     * What a space list is narrowed to.
     *
     * @param viewerId only the spaces this user is a member of; null for every space of the tenant
     * @param nameContains a case-insensitive part of the name
     * @param types only these types (empty: all)
     * @param ownerId only spaces this user owns
     * @param rolesOf with {@code roles}: only spaces where this user holds one of them
     */
    record Query(@Nullable String viewerId, @Nullable String nameContains, Set<SpaceType> types,
                 @Nullable String ownerId, @Nullable String rolesOf, Set<SpaceRole> roles) {
    }

    record Page(List<Space> spaces, long count, @Nullable String nextCursor, @Nullable String prevCursor) {
    }

    enum UpdateResult { UPDATED, NOT_FOUND, NAME_TAKEN }

    /** What a delete did: deleted, found nothing, or found the space still holding these connections. */
    sealed interface DeleteResult {
        record Deleted() implements DeleteResult {
        }

        record NotFound() implements DeleteResult {
        }

        /** @param connections some of the connections still in the space, by id, with their names */
        /** What the space still holds: its connections and its automations, each counted and the first named. */
        record NotEmpty(Held connections, Held automations) implements DeleteResult {
            public long count() {
                return connections.count() + automations.count();
            }
        }

        /** How many of one kind, and the first few by name (id to name, in name order). */
        record Held(long count, Map<String, String> first) {
        }
    }
}
