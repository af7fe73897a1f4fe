package io.autoconn.automations;

import io.autoconn.audit.AuditEvent;
import io.autoconn.identity.Caller;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The audit events of automation changes. An event identifies the automation (name, owner, space) and, for a
 * change, names the API fields it changed; the workspace is named, never copied.
 */
final class AutomationAudit {
    static final String RESOURCE_TYPE = "automation";
    static final String CREATED = "created";
    static final String UPDATED = "updated";
    static final String DELETED = "deleted";
    static final String OWNER_CHANGED = "owner-changed";
    static final String SPACE_CHANGED = "space-changed";
    static final String ENABLED = "enabled";
    static final String DISABLED = "disabled";

    private AutomationAudit() {
    }

    static AuditEvent created(Caller caller, Automation a) {
        return AuditEvent.of(caller, RESOURCE_TYPE, CREATED, a.id(), a.createdAt(), identity(a));
    }

    static AuditEvent deleted(Caller caller, Automation a, Instant at) {
        return AuditEvent.of(caller, RESOURCE_TYPE, DELETED, a.id(), at, identity(a));
    }

    static AuditEvent changed(Caller caller, String action, Automation before, Automation after) {
        Map<String, Object> data = new HashMap<>(identity(after));
        data.put(AuditEvent.CHANGED_FIELDS, changedFields(before, after));
        return AuditEvent.of(caller, RESOURCE_TYPE, action, after.id(), after.updatedAt(), data);
    }

    /** The API names of the fields that differ, sorted; empty when the change changes nothing. */
    static List<String> changedFields(Automation before, Automation after) {
        TreeSet<String> fields = new TreeSet<>();
        if (!before.name().equals(after.name())) {
            fields.add("name");
        }
        if (!before.description().equals(after.description())) {
            fields.add("description");
        }
        if (before.maxConcurrentRuns() != after.maxConcurrentRuns()) {
            fields.add("maxConcurrentRuns");
        }
        if (!before.workspace().equals(after.workspace())) {
            fields.add("workspace");
        }
        if (!before.ownerId().equals(after.ownerId())) {
            fields.add("ownerId");
        }
        if (!Objects.equals(before.spaceId(), after.spaceId())) {
            fields.add("spaceId");
        }
        if (before.state() != after.state()) {
            fields.add("state");
        }
        return List.copyOf(fields);
    }

    private static Map<String, Object> identity(Automation a) {
        return a.spaceId() == null
                ? Map.of("name", a.name(), "ownerId", a.ownerId())
                : Map.of("name", a.name(), "ownerId", a.ownerId(), "spaceId", a.spaceId());
    }
}
