package io.autoconn.storage;

import io.autoconn.audit.AuditEvent;
import io.autoconn.query.ListRequest;
import io.autoconn.query.Listable;
import io.autoconn.query.Paginator;
import io.autoconn.spaces.Assignment;
import io.autoconn.spaces.Membership;
import io.autoconn.spaces.Space;
import io.autoconn.spaces.SpaceRole;
import io.autoconn.spaces.SpaceType;
import io.autoconn.storage.Tables.Automations;
import io.autoconn.storage.Tables.Connections;
import io.autoconn.storage.Tables.SpaceAssignments;
import io.autoconn.storage.Tables.Spaces;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/** {@link SpaceStore} in SQL through jOOQ: the same statements on SQLite and PostgreSQL. */
@Singleton
public class JooqSpaceStore implements SpaceStore {
    /** How many of the connections still in a space a refused delete names. */
    static final int NAMED_CONNECTIONS = 10;

    private static final Listable LISTABLE = Listable.builder(Spaces.TABLE, Spaces.ID)
            .sortable(sortable())
            .defaultSort("name")
            .select(SpaceRows.SPACE_COLUMNS)
            .build();

    private final Database database;
    private final DSLContext dsl;
    private final AuditRows audit;

    public JooqSpaceStore(Database database, JsonMapper jsonMapper) {
        this.database = database;
        this.dsl = database.dsl();
        this.audit = new AuditRows(jsonMapper);
    }

    private static Map<String, Field<?>> sortable() {
        Map<String, Field<?>> fields = new LinkedHashMap<>();
        fields.put("name", DSL.lower(Spaces.NAME)); // as the unique index compares names
        fields.put("createdAt", Spaces.CREATED_AT);
        fields.put("type", Spaces.TYPE);
        return fields;
    }

    @Override
    public boolean insert(Space s, AuditEvent event) {
        try {
            return database.transaction(tx -> {
                if (nameTaken(tx, s.tenantId(), s.name(), s.id())) {
                    return false;
                }
                tx.insertInto(Spaces.TABLE)
                        .set(Spaces.ID, s.id())
                        .set(Spaces.TENANT_ID, s.tenantId())
                        .set(Spaces.NAME, s.name())
                        .set(Spaces.DESCRIPTION, s.description())
                        .set(Spaces.TYPE, s.type().qlikName())
                        .set(Spaces.OWNER_ID, s.ownerId())
                        .set(Spaces.CREATED_BY, s.createdBy())
                        .set(Spaces.CREATED_AT, Micros.of(s.createdAt()))
                        .set(Spaces.UPDATED_AT, Micros.of(s.updatedAt()))
                        .execute();
                audit.insert(tx, event);
                return true;
            });
        } catch (DataAccessException e) {
            // Two servers on one PostgreSQL creating the same name at once: the unique index decides.
            if (SpaceRows.isIntegrityViolation(e) && nameTaken(dsl, s.tenantId(), s.name(), s.id())) {
                return false;
            }
            throw e;
        }
    }

    private static boolean nameTaken(DSLContext ctx, String tenantId, String name, String exceptId) {
        return ctx.fetchExists(Spaces.TABLE, Spaces.TENANT_ID.eq(tenantId),
                DSL.lower(Spaces.NAME).eq(DSL.lower(DSL.val(name))), Spaces.ID.ne(exceptId));
    }

    @Override
    public Optional<Space> find(String tenantId, String spaceId) {
        return dsl.select(SpaceRows.SPACE_COLUMNS).from(Spaces.TABLE)
                .where(Spaces.TENANT_ID.eq(tenantId), Spaces.ID.eq(spaceId))
                .fetchOptional()
                .map(SpaceRows::space);
    }

    @Override
    public Optional<Membership> membership(String tenantId, String spaceId, String userId) {
        return dsl.select(SpaceRows.SPACE_COLUMNS).select(SpaceAssignments.ROLES)
                .from(Spaces.TABLE)
                .leftJoin(SpaceAssignments.TABLE).on(SpaceAssignments.SPACE_ID.eq(Spaces.ID),
                        SpaceAssignments.ASSIGNEE_ID.eq(userId))
                .where(Spaces.TENANT_ID.eq(tenantId), Spaces.ID.eq(spaceId))
                .fetchOptional()
                .map(r -> new Membership(SpaceRows.space(r), userId, r.get(SpaceAssignments.ROLES) == null
                        ? Set.of() : SpaceRows.roles(r.get(SpaceAssignments.ROLES))));
    }

    @Override
    public List<String> memberSpaceIds(String tenantId, String userId) {
        return dsl.select(Spaces.ID).from(Spaces.TABLE)
                .where(Spaces.TENANT_ID.eq(tenantId), Spaces.OWNER_ID.eq(userId))
                .union(DSL.select(SpaceAssignments.SPACE_ID).from(SpaceAssignments.TABLE)
                        .where(SpaceAssignments.TENANT_ID.eq(tenantId), SpaceAssignments.ASSIGNEE_ID.eq(userId)))
                .fetch(0, String.class);
    }

    @Override
    public Map<String, Set<SpaceRole>> assignedRoles(String tenantId, String userId, Collection<String> spaceIds) {
        if (spaceIds.isEmpty()) {
            return Map.of();
        }
        return dsl.select(SpaceAssignments.SPACE_ID, SpaceAssignments.ROLES).from(SpaceAssignments.TABLE)
                .where(SpaceAssignments.TENANT_ID.eq(tenantId), SpaceAssignments.ASSIGNEE_ID.eq(userId),
                        SpaceAssignments.SPACE_ID.in(spaceIds))
                .fetchMap(r -> r.get(SpaceAssignments.SPACE_ID), r -> SpaceRows.roles(r.get(SpaceAssignments.ROLES)));
    }

    @Override
    public UpdateResult update(Space s, AuditEvent event, Function<Assignment, AuditEvent> assignmentRemoved) {
        try {
            return database.transaction(tx -> {
                String formerOwner = tx.select(Spaces.OWNER_ID).from(Spaces.TABLE)
                        .where(Spaces.TENANT_ID.eq(s.tenantId()), Spaces.ID.eq(s.id()))
                        .fetchOptional(Spaces.OWNER_ID).orElse(null);
                if (formerOwner == null) {
                    return UpdateResult.NOT_FOUND;
                }
                if (nameTaken(tx, s.tenantId(), s.name(), s.id())) {
                    return UpdateResult.NAME_TAKEN;
                }
                tx.update(Spaces.TABLE)
                        .set(Spaces.NAME, s.name())
                        .set(Spaces.DESCRIPTION, s.description())
                        .set(Spaces.OWNER_ID, s.ownerId())
                        .set(Spaces.UPDATED_AT, Micros.of(s.updatedAt()))
                        .where(Spaces.TENANT_ID.eq(s.tenantId()), Spaces.ID.eq(s.id()))
                        .execute();
                audit.insert(tx, event);
                if (!formerOwner.equals(s.ownerId())) {
                    removeAssignments(tx, SpaceAssignments.SPACE_ID.eq(s.id()).and(SpaceAssignments.ASSIGNEE_ID.eq(s.ownerId())),
                            assignmentRemoved);
                }
                return UpdateResult.UPDATED;
            });
        } catch (DataAccessException e) {
            if (SpaceRows.isIntegrityViolation(e) && nameTaken(dsl, s.tenantId(), s.name(), s.id())) {
                return UpdateResult.NAME_TAKEN;
            }
            throw e;
        }
    }

    private void removeAssignments(DSLContext tx, Condition which, Function<Assignment, AuditEvent> removed) {
        List<Assignment> doomed = tx.select(SpaceRows.ASSIGNMENT_COLUMNS).from(SpaceAssignments.TABLE).where(which)
                .fetch(SpaceRows::assignment);
        tx.deleteFrom(SpaceAssignments.TABLE).where(which).execute();
        doomed.forEach(a -> audit.insert(tx, removed.apply(a)));
    }

    @Override
    public DeleteResult delete(String tenantId, String spaceId, AuditEvent event,
                               Function<Assignment, AuditEvent> assignmentRemoved) {
        try {
            return database.transaction(tx -> {
                if (!tx.fetchExists(Spaces.TABLE, Spaces.TENANT_ID.eq(tenantId), Spaces.ID.eq(spaceId))) {
                    return new DeleteResult.NotFound();
                }
                DeleteResult.NotEmpty held = contentOf(tx, tenantId, spaceId);
                if (held.count() > 0) {
                    return held;
                }
                removeAssignments(tx, SpaceAssignments.SPACE_ID.eq(spaceId), assignmentRemoved);
                tx.deleteFrom(Spaces.TABLE).where(Spaces.TENANT_ID.eq(tenantId), Spaces.ID.eq(spaceId)).execute();
                audit.insert(tx, event);
                return new DeleteResult.Deleted();
            });
        } catch (DataAccessException e) {
            // A connection moved in meanwhile (PostgreSQL), or another table refers to the space: its foreign key refused.
            if (SpaceRows.isIntegrityViolation(e)) {
                return contentOf(dsl, tenantId, spaceId);
            }
            throw e;
        }
    }

    private static DeleteResult.NotEmpty contentOf(DSLContext ctx, String tenantId, String spaceId) {
        return new DeleteResult.NotEmpty(
                held(ctx, Connections.TABLE, Connections.ID, Connections.NAME,
                        Connections.TENANT_ID.eq(tenantId).and(Connections.SPACE_ID.eq(spaceId))),
                held(ctx, Automations.TABLE, Automations.ID, Automations.NAME,
                        Automations.TENANT_ID.eq(tenantId).and(Automations.SPACE_ID.eq(spaceId))));
    }

    private static DeleteResult.Held held(DSLContext ctx, Table<?> table, Field<String> id, Field<String> name,
                                          Condition inSpace) {
        long count = ctx.fetchCount(table, inSpace);
        Map<String, String> named = new LinkedHashMap<>();
        if (count > 0) {
            ctx.select(id, name).from(table).where(inSpace).orderBy(DSL.lower(name), id).limit(NAMED_CONNECTIONS)
                    .forEach(r -> named.put(r.value1(), r.value2()));
        }
        return new DeleteResult.Held(count, named);
    }

    @Override
    public Page list(String tenantId, Query query, ListRequest request) {
        Condition matching = matching(tenantId, query);
        io.autoconn.query.Page page = Paginator.fetch(dsl, LISTABLE, matching, request);
        long count = dsl.fetchCount(Spaces.TABLE, matching);
        return new Page(page.rows().stream().map(SpaceRows::space).toList(), count, page.nextCursor(), page.prevCursor());
    }

    private static Condition matching(String tenantId, Query q) {
        Condition c = Spaces.TENANT_ID.eq(tenantId);
        if (q.viewerId() != null) {
            c = c.and(Spaces.OWNER_ID.eq(q.viewerId()).or(Spaces.ID.in(assignedTo(tenantId, q.viewerId(), DSL.noCondition()))));
        }
        if (q.nameContains() != null) {
            c = c.and(Spaces.NAME.containsIgnoreCase(DSL.val(q.nameContains())));
        }
        if (!q.types().isEmpty()) {
            c = c.and(Spaces.TYPE.in(q.types().stream().map(SpaceType::qlikName).toList()));
        }
        if (q.ownerId() != null) {
            c = c.and(Spaces.OWNER_ID.eq(q.ownerId()));
        }
        if (q.rolesOf() != null && !q.roles().isEmpty()) {
            // An owner holds every role of the space's type; others hold what their assignment gives.
            List<String> typesGivingARole = java.util.Arrays.stream(SpaceType.values())
                    .filter(t -> t.assignableRoles().stream().anyMatch(q.roles()::contains))
                    .map(SpaceType::qlikName).collect(Collectors.toList());
            c = c.and(Spaces.OWNER_ID.eq(q.rolesOf()).and(Spaces.TYPE.in(typesGivingARole))
                    .or(Spaces.ID.in(assignedTo(tenantId, q.rolesOf(), SpaceRows.givesAnyOf(q.roles())))));
        }
        return c;
    }

    private static org.jooq.Select<org.jooq.Record1<String>> assignedTo(String tenantId, String userId, Condition roles) {
        return DSL.select(SpaceAssignments.SPACE_ID).from(SpaceAssignments.TABLE)
                .where(SpaceAssignments.TENANT_ID.eq(tenantId), SpaceAssignments.ASSIGNEE_ID.eq(userId), roles);
    }
}
