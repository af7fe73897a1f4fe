package io.autoconn.storage;

import static io.autoconn.storage.Tables.SpaceAssignments.*;

import io.autoconn.audit.AuditEvent;
import io.autoconn.query.ListRequest;
import io.autoconn.query.Listable;
import io.autoconn.query.Paginator;
import io.autoconn.spaces.Assignment;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.exception.DataAccessException;

/** {@link AssignmentStore} in SQL through jOOQ: the same statements on SQLite and PostgreSQL. */
@Singleton
public class JooqAssignmentStore implements AssignmentStore {
    private static final Listable LISTABLE = Listable.builder(TABLE, ID)
            .sortable(new LinkedHashMap<String, Field<?>>(Map.of("createdAt", CREATED_AT)))
            .defaultSort("createdAt")
            .select(SpaceRows.ASSIGNMENT_COLUMNS)
            .build();

    private final Database database;
    private final DSLContext dsl;
    private final AuditRows audit;

    public JooqAssignmentStore(Database database, JsonMapper jsonMapper) {
        this.database = database;
        this.dsl = database.dsl();
        this.audit = new AuditRows(jsonMapper);
    }

    @Override
    public boolean insert(Assignment a, AuditEvent event) {
        try {
            return database.transaction(tx -> {
                if (tx.fetchExists(TABLE, SPACE_ID.eq(a.spaceId()), ASSIGNEE_ID.eq(a.assigneeId()))) {
                    return false;
                }
                tx.insertInto(TABLE)
                        .set(ID, a.id())
                        .set(TENANT_ID, a.tenantId())
                        .set(SPACE_ID, a.spaceId())
                        .set(TYPE, Assignment.USER)
                        .set(ASSIGNEE_ID, a.assigneeId())
                        .set(ROLES, SpaceRows.rolesColumn(a.roles()))
                        .set(CREATED_BY, a.createdBy())
                        .set(CREATED_AT, Micros.of(a.createdAt()))
                        .set(UPDATED_BY, a.updatedBy())
                        .set(UPDATED_AT, Micros.of(a.updatedAt()))
                        .execute();
                audit.insert(tx, event);
                return true;
            });
        } catch (DataAccessException e) {
            // The same user assigned twice at once on PostgreSQL: the unique index keeps one.
            if (SpaceRows.isIntegrityViolation(e)
                    && dsl.fetchExists(TABLE, SPACE_ID.eq(a.spaceId()), ASSIGNEE_ID.eq(a.assigneeId()))) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Optional<Assignment> find(String tenantId, String spaceId, String assignmentId) {
        return dsl.select(SpaceRows.ASSIGNMENT_COLUMNS).from(TABLE)
                .where(TENANT_ID.eq(tenantId), SPACE_ID.eq(spaceId), ID.eq(assignmentId))
                .fetchOptional()
                .map(SpaceRows::assignment);
    }

    @Override
    public boolean update(Assignment a, AuditEvent event) {
        return database.transaction(tx -> {
            boolean updated = tx.update(TABLE)
                    .set(ROLES, SpaceRows.rolesColumn(a.roles()))
                    .set(UPDATED_BY, a.updatedBy())
                    .set(UPDATED_AT, Micros.of(a.updatedAt()))
                    .where(TENANT_ID.eq(a.tenantId()), SPACE_ID.eq(a.spaceId()), ID.eq(a.id()))
                    .execute() == 1;
            if (updated) {
                audit.insert(tx, event);
            }
            return updated;
        });
    }

    @Override
    public boolean delete(String tenantId, String spaceId, String assignmentId, AuditEvent event) {
        return database.transaction(tx -> {
            boolean deleted = tx.deleteFrom(TABLE)
                    .where(TENANT_ID.eq(tenantId), SPACE_ID.eq(spaceId), ID.eq(assignmentId))
                    .execute() == 1;
            if (deleted) {
                audit.insert(tx, event);
            }
            return deleted;
        });
    }

    @Override
    public Page list(String tenantId, String spaceId, @Nullable String assigneeId, ListRequest request) {
        Condition matching = TENANT_ID.eq(tenantId).and(SPACE_ID.eq(spaceId));
        if (assigneeId != null) {
            matching = matching.and(ASSIGNEE_ID.eq(assigneeId));
        }
        io.autoconn.query.Page page = Paginator.fetch(dsl, LISTABLE, matching, request);
        return new Page(page.rows().stream().map(SpaceRows::assignment).toList(), dsl.fetchCount(TABLE, matching),
                page.nextCursor(), page.prevCursor());
    }
}
