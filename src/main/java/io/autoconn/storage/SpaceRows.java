package io.autoconn.storage;

import io.autoconn.spaces.Assignment;
import io.autoconn.spaces.Space;
import io.autoconn.spaces.SpaceRole;
import io.autoconn.spaces.SpaceType;
import io.autoconn.storage.Tables.SpaceAssignments;
import io.autoconn.storage.Tables.Spaces;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/** Rows of the spaces and space_assignments tables, to and from the domain; shared by their two stores. */
final class SpaceRows {
    static final List<Field<?>> SPACE_COLUMNS = List.of(Spaces.ID, Spaces.TENANT_ID, Spaces.NAME, Spaces.DESCRIPTION,
            Spaces.TYPE, Spaces.OWNER_ID, Spaces.CREATED_BY, Spaces.CREATED_AT, Spaces.UPDATED_AT);
    static final List<Field<?>> ASSIGNMENT_COLUMNS = List.of(SpaceAssignments.ID, SpaceAssignments.TENANT_ID,
            SpaceAssignments.SPACE_ID, SpaceAssignments.ASSIGNEE_ID, SpaceAssignments.ROLES, SpaceAssignments.CREATED_BY,
            SpaceAssignments.CREATED_AT, SpaceAssignments.UPDATED_BY, SpaceAssignments.UPDATED_AT);
    private static final String SEPARATOR = ",";

    private SpaceRows() {
    }

    static Space space(Record r) {
        return new Space(r.get(Spaces.ID), r.get(Spaces.TENANT_ID), r.get(Spaces.NAME), r.get(Spaces.DESCRIPTION),
                SpaceType.fromQlikName(r.get(Spaces.TYPE)).orElseThrow(
                        () -> new IllegalStateException("Space " + r.get(Spaces.ID) + " has unknown type " + r.get(Spaces.TYPE))),
                r.get(Spaces.OWNER_ID), r.get(Spaces.CREATED_BY), Micros.toInstant(r.get(Spaces.CREATED_AT)),
                Micros.toInstant(r.get(Spaces.UPDATED_AT)));
    }

    static Assignment assignment(Record r) {
        return new Assignment(r.get(SpaceAssignments.ID), r.get(SpaceAssignments.TENANT_ID),
                r.get(SpaceAssignments.SPACE_ID), r.get(SpaceAssignments.ASSIGNEE_ID), roles(r.get(SpaceAssignments.ROLES)),
                r.get(SpaceAssignments.CREATED_BY), Micros.toInstant(r.get(SpaceAssignments.CREATED_AT)),
                r.get(SpaceAssignments.UPDATED_BY), Micros.toInstant(r.get(SpaceAssignments.UPDATED_AT)));
    }

    /** The roles column: names between separators, ",consumer,producer,", so one role is a LIKE away. */
    static String rolesColumn(Set<SpaceRole> roles) {
        return SEPARATOR + roles.stream().map(SpaceRole::qlikName).sorted().collect(Collectors.joining(SEPARATOR))
                + SEPARATOR;
    }

    static Set<SpaceRole> roles(String column) {
        Set<SpaceRole> roles = EnumSet.noneOf(SpaceRole.class);
        Arrays.stream(column.split(SEPARATOR)).filter(n -> !n.isEmpty())
                .flatMap(n -> SpaceRole.fromQlikName(n).stream()).forEach(roles::add);
        return roles;
    }

    /** An assignment that gives at least one of {@code roles}. */
    static Condition givesAnyOf(Collection<SpaceRole> roles) {
        return DSL.or(roles.stream()
                .map(r -> SpaceAssignments.ROLES.contains(SEPARATOR + r.qlikName() + SEPARATOR))
                .toList());
    }

    /** A unique index or a foreign key refused the statement. */
    static boolean isIntegrityViolation(DataAccessException e) {
        return e.sqlStateClass() == org.jooq.exception.SQLStateClass.C23_INTEGRITY_CONSTRAINT_VIOLATION;
    }
}
