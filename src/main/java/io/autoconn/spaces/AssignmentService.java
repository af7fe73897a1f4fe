package io.autoconn.spaces;

import io.autoconn.access.SpaceAccess;
import io.autoconn.error.ApiException;
import io.autoconn.error.ErrorCode;
import io.autoconn.identity.Caller;
import io.autoconn.query.ListRequest;
import io.autoconn.storage.AssignmentStore;
import io.autoconn.storage.DirectoryStore;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Who is a member of a space, with which roles. Only users are assigned (groups: 400). Seeing and
 * changing assignments is for the space's owner, its facilitators and admins ({@link SpaceAccess#manage});
 * the owner has no assignment: they hold every role of the space type.
 */
@Singleton
public class AssignmentService {
    private static final Set<String> UNSUPPORTED_TYPES = Set.of("group", "bot");

    private final SpaceService spaces;
    private final AssignmentStore store;
    private final DirectoryStore directory;
    private final Clock clock;

    public AssignmentService(SpaceService spaces, AssignmentStore store, DirectoryStore directory, Clock clock) {
        this.spaces = spaces;
        this.store = store;
        this.directory = directory;
        this.clock = clock;
    }

    /**
     * @param type "user" or null for all; "group" and "bot" match nothing, since there are no such assignments
     */
    public AssignmentStore.Page list(Caller caller, String spaceId, @Nullable String assigneeId, @Nullable String type,
                                     ListRequest request) {
        managed(caller, spaceId, "see the assignments");
        if (type != null && !type.isEmpty() && !type.equals(Assignment.USER)) {
            if (!UNSUPPORTED_TYPES.contains(type)) {
                throw new ApiException(ErrorCode.INVALID_QUERY_PARAMETER, "type must be user, group or bot; got '" + type + "'");
            }
            return new AssignmentStore.Page(List.of(), 0, null, null);
        }
        return store.list(caller.tenantId(), spaceId, assigneeId == null || assigneeId.isEmpty() ? null : assigneeId,
                request);
    }

    public Assignment get(Caller caller, String spaceId, String assignmentId) {
        managed(caller, spaceId, "see the assignments");
        return find(caller, spaceId, assignmentId);
    }

    public Assignment create(Caller caller, String spaceId, NewAssignment request) {
        Membership m = managed(caller, spaceId, "change the assignments");
        if (request.type() == null || !request.type().equals(Assignment.USER)) {
            if (request.type() != null && UNSUPPORTED_TYPES.contains(request.type())) {
                throw new ApiException(ErrorCode.UNSUPPORTED_ASSIGNMENT_TYPE, "Only users can be assigned to spaces "
                        + "here; " + request.type() + " assignments are not supported");
            }
            throw new ApiException(ErrorCode.INVALID_FIELD, "type is required and must be user; got "
                    + (request.type() == null ? "nothing" : "'" + request.type() + "'"));
        }
        String assignee = request.assigneeId();
        if (assignee == null || assignee.isBlank()) {
            throw new ApiException(ErrorCode.INVALID_FIELD, "assigneeId is required: the id of the user to assign");
        }
        Set<SpaceRole> roles = validRoles(m.space().type(), request.roles());
        if (!directory.userExists(caller.tenantId(), assignee)) {
            throw new ApiException(ErrorCode.UNKNOWN_USER, "assigneeId: no user with id '" + assignee + "' in this tenant");
        }
        if (m.space().ownerId().equals(assignee)) {
            throw new ApiException(ErrorCode.ASSIGNMENT_EXISTS, "User '" + assignee + "' owns space '" + m.space().name()
                    + "' and so holds every role in it already");
        }
        Instant now = clock.instant();
        Assignment assignment = new Assignment(UUID.randomUUID().toString(), caller.tenantId(), spaceId, assignee,
                roles, caller.userId(), now, caller.userId(), now);
        if (!store.insert(assignment, SpaceAudit.assignmentCreated(caller, assignment))) {
            throw new ApiException(ErrorCode.ASSIGNMENT_EXISTS, "User '" + assignee + "' is already assigned to space '"
                    + m.space().name() + "'; change that assignment's roles (PUT) instead");
        }
        return assignment;
    }

    /** Replaces the assignment's roles with the complete list given. */
    public Assignment update(Caller caller, String spaceId, String assignmentId, @Nullable List<String> roleNames) {
        Membership m = managed(caller, spaceId, "change the assignments");
        Assignment before = find(caller, spaceId, assignmentId);
        Assignment after = before.withRoles(validRoles(m.space().type(), roleNames), caller.userId(), clock.instant());
        if (!store.update(after, SpaceAudit.assignmentUpdated(caller, before, after))) {
            throw notFound(assignmentId);
        }
        return after;
    }

    public void delete(Caller caller, String spaceId, String assignmentId) {
        managed(caller, spaceId, "change the assignments");
        Assignment doomed = find(caller, spaceId, assignmentId);
        if (!store.delete(caller.tenantId(), spaceId, assignmentId,
                SpaceAudit.assignmentDeleted(caller, doomed, clock.instant()))) {
            throw notFound(assignmentId);
        }
    }

    private Membership managed(Caller caller, String spaceId, String action) {
        Membership m = spaces.visible(caller, spaceId);
        SpaceService.require(SpaceAccess.manage(caller, m, action));
        return m;
    }

    private Assignment find(Caller caller, String spaceId, String assignmentId) {
        return store.find(caller.tenantId(), spaceId, assignmentId).orElseThrow(() -> notFound(assignmentId));
    }

    private static ApiException notFound(String assignmentId) {
        return new ApiException(ErrorCode.ASSIGNMENT_NOT_FOUND, "No assignment with id '" + assignmentId + "' in this space");
    }

    private static Set<SpaceRole> validRoles(SpaceType type, @Nullable List<String> names) {
        if (names == null || names.isEmpty()) {
            throw new ApiException(ErrorCode.INVALID_FIELD, "roles must be a non-empty list of the roles of a "
                    + type.qlikName() + " space: " + names(type.assignableRoles()));
        }
        Set<SpaceRole> roles = EnumSet.noneOf(SpaceRole.class);
        for (String name : names) {
            SpaceRole role = name == null ? null : SpaceRole.fromQlikName(name).orElse(null);
            if (role == null || !type.assignableRoles().contains(role)) {
                throw new ApiException(ErrorCode.INVALID_FIELD, "role " + (name == null ? "null" : "'" + name + "'")
                        + " cannot be assigned in a " + type.qlikName() + " space; its roles are "
                        + names(type.assignableRoles()));
            }
            roles.add(role);
        }
        return roles;
    }

    private static String names(Set<SpaceRole> roles) {
        return roles.stream().map(SpaceRole::qlikName).collect(Collectors.joining(", "));
    }

    public record NewAssignment(@Nullable String type, @Nullable String assigneeId, @Nullable List<String> roles) {
    }
}
