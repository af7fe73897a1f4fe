package io.autoconn.spaces;

import io.autoconn.audit.AuditEvent;
import io.autoconn.identity.Caller;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The audit events of space and assignment changes. */
final class SpaceAudit {
    static final String SPACE = "space";
    static final String ASSIGNMENT = "space-assignment";
    private static final String CREATED = "created";
    private static final String UPDATED = "updated";
    private static final String DELETED = "deleted";

    private SpaceAudit() {
    }

    static AuditEvent created(Caller caller, Space s) {
        return AuditEvent.of(caller, SPACE, CREATED, s.id(), s.createdAt(), identity(s));
    }

    static AuditEvent updated(Caller caller, Space before, Space after) {
        return AuditEvent.of(caller, SPACE, UPDATED, after.id(), after.updatedAt(), Map.of(
                AuditEvent.CHANGED_FIELDS, changedFields(before, after), "name", after.name(), "type", after.type().qlikName()));
    }

    /** The API field names that differ, sorted. */
    static List<String> changedFields(Space before, Space after) {
        TreeSet<String> fields = new TreeSet<>();
        if (!before.name().equals(after.name())) {
            fields.add("name");
        }
        if (!before.description().equals(after.description())) {
            fields.add("description");
        }
        if (!before.ownerId().equals(after.ownerId())) {
            fields.add("ownerId");
        }
        return List.copyOf(fields);
    }

    static AuditEvent deleted(Caller caller, Space s, Instant at) {
        return AuditEvent.of(caller, SPACE, DELETED, s.id(), at, identity(s));
    }

    static AuditEvent assignmentCreated(Caller caller, Assignment a) {
        return AuditEvent.of(caller, ASSIGNMENT, CREATED, a.id(), a.createdAt(), identity(a));
    }

    static AuditEvent assignmentUpdated(Caller caller, Assignment before, Assignment after) {
        List<String> changed = before.roles().equals(after.roles()) ? List.of() : List.of("roles");
        return AuditEvent.of(caller, ASSIGNMENT, UPDATED, after.id(), after.updatedAt(), Map.of(
                AuditEvent.CHANGED_FIELDS, changed, "spaceId", after.spaceId(), "assigneeId", after.assigneeId(),
                "roles", roleNames(after)));
    }

    static AuditEvent assignmentDeleted(Caller caller, Assignment a, Instant at) {
        return AuditEvent.of(caller, ASSIGNMENT, DELETED, a.id(), at, identity(a));
    }

    private static Map<String, Object> identity(Space s) {
        return Map.of("name", s.name(), "type", s.type().qlikName(), "ownerId", s.ownerId());
    }

    private static Map<String, Object> identity(Assignment a) {
        return Map.of("spaceId", a.spaceId(), "assigneeId", a.assigneeId(), "type", Assignment.USER,
                "roles", roleNames(a));
    }

    private static List<String> roleNames(Assignment a) {
        return a.roles().stream().map(SpaceRole::qlikName).toList();
    }
}
