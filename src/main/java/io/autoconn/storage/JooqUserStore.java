package io.autoconn.storage;

import static io.autoconn.storage.Tables.Users.*;

import io.autoconn.audit.AuditEvent;
import io.autoconn.identity.Caller;
import io.autoconn.identity.CredentialChange;
import io.autoconn.identity.Role;
import io.autoconn.identity.User;
import io.autoconn.identity.UserStatus;
import io.autoconn.query.AttributeType;
import io.autoconn.query.FilterAttribute;
import io.autoconn.query.ListRequest;
import io.autoconn.query.Listable;
import io.autoconn.query.Paginator;
import io.autoconn.query.ScimFilter;
import io.autoconn.storage.Tables.Tenants;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** {@link UserStore} in SQL through jOOQ: the same statements on SQLite and PostgreSQL. */
@Singleton
public class JooqUserStore implements UserStore {
    static final Map<String, FilterAttribute> FILTERABLE = filterable();
    static final Map<String, Field<?>> SORTABLE = sortable();
    private static final List<Field<?>> COLUMNS =
            List.of(ID, TENANT_ID, NAME, EMAIL, SUBJECT, ROLES, STATUS, CREATED_AT, UPDATED_AT);
    private static final Listable LISTABLE = Listable.builder(TABLE, ID)
            .filterable(FILTERABLE)
            .sortable(SORTABLE)
            .defaultSort("name") // Qlik's default, +name
            .select(COLUMNS)
            .build();

    private final Database database;
    private final DSLContext dsl;
    private final AuditRows audit;
    private final ChangeNotifications notifications;

    public JooqUserStore(Database database, JsonMapper jsonMapper, ChangeNotifications notifications) {
        this.database = database;
        this.dsl = database.dsl();
        this.audit = new AuditRows(jsonMapper);
        this.notifications = notifications;
    }

    private static Map<String, FilterAttribute> filterable() {
        Map<String, FilterAttribute> attributes = new LinkedHashMap<>();
        attributes.put("id", new FilterAttribute("id", ID, AttributeType.STRING));
        attributes.put("name", new FilterAttribute("name", NAME, AttributeType.STRING));
        attributes.put("email", new FilterAttribute("email", EMAIL, AttributeType.STRING));
        attributes.put("status", new FilterAttribute("status", STATUS, AttributeType.STRING));
        attributes.put("subject", new FilterAttribute("subject", SUBJECT, AttributeType.STRING));
        attributes.put("createdAt", new FilterAttribute("createdAt", CREATED_AT, AttributeType.TIMESTAMP));
        return Collections.unmodifiableMap(attributes);
    }

    /** Sort columns must be non-null for the keyset: a user without an email sorts first, as "". */
    private static Map<String, Field<?>> sortable() {
        Map<String, Field<?>> fields = new LinkedHashMap<>();
        fields.put("name", DSL.lower(NAME));
        fields.put("id", ID);
        fields.put("email", DSL.coalesce(DSL.lower(EMAIL), DSL.inline("")));
        fields.put("status", STATUS);
        fields.put("subject", DSL.coalesce(SUBJECT, ID));
        fields.put("createdAt", CREATED_AT);
        return Collections.unmodifiableMap(fields);
    }

    @Override
    public Optional<User> find(String tenantId, String id) {
        return find(dsl, tenantId, id);
    }

    static Optional<User> find(DSLContext dsl, String tenantId, String id) {
        return findWhere(dsl, TENANT_ID.eq(tenantId), ID.eq(id));
    }

    @Override
    public Optional<User> findBySubject(String tenantId, String subject) {
        return findWhere(dsl, TENANT_ID.eq(tenantId), SUBJECT.eq(subject));
    }

    private static Optional<User> findWhere(DSLContext dsl, Condition... where) {
        return dsl.select(COLUMNS).from(TABLE).where(where).fetchOptional().map(JooqUserStore::toUser);
    }

    @Override
    public Page list(String tenantId, ListRequest request) {
        io.autoconn.query.Page page = Paginator.fetch(dsl, LISTABLE, TENANT_ID.eq(tenantId), request);
        return new Page(page.rows().stream().map(JooqUserStore::toUser).toList(), page.nextCursor(), page.prevCursor());
    }

    @Override
    public int count(String tenantId, @Nullable String filter) {
        return dsl.fetchCount(TABLE, TENANT_ID.eq(tenantId).and(ScimFilter.compile(filter, FILTERABLE)));
    }

    @Override
    public void insert(User u, AuditEvent event) {
        database.transaction(tx -> {
            lockTenantUsers(tx, u.tenantId());
            if (u.email() != null && tx.fetchExists(TABLE, TENANT_ID.eq(u.tenantId()),
                    DSL.lower(EMAIL).eq(DSL.lower(DSL.val(u.email()))))) {
                throw new DuplicateUser("email");
            }
            if (tx.fetchExists(TABLE, TENANT_ID.eq(u.tenantId()), SUBJECT.eq(u.subject()))) {
                throw new DuplicateUser("subject");
            }
            tx.insertInto(TABLE)
                    .set(ID, u.id())
                    .set(TENANT_ID, u.tenantId())
                    .set(NAME, u.name())
                    .set(EMAIL, u.email())
                    .set(SUBJECT, u.subject())
                    .set(ROLES, NameListColumns.roles(u.roles()))
                    .set(STATUS, u.status().value())
                    .set(CREATED_AT, Micros.of(u.createdAt()))
                    .set(UPDATED_AT, Micros.of(u.updatedAt()))
                    .execute();
            audit.insert(tx, event);
            return null;
        });
    }

    @Override
    public Optional<User> update(String tenantId, String id, UnaryOperator<User> change,
                                 BiFunction<User, User, AuditEvent> event) {
        return database.transaction(tx -> {
            lockTenantUsers(tx, tenantId);
            Optional<User> found = find(tx, tenantId, id);
            if (found.isEmpty()) {
                return Optional.<User>empty();
            }
            User before = found.get();
            User after = change.apply(before);
            if (!before.differsEditably(after)) {
                return found;
            }
            tx.update(TABLE)
                    .set(NAME, after.name())
                    .set(ROLES, NameListColumns.roles(after.roles()))
                    .set(STATUS, after.status().value())
                    .set(UPDATED_AT, Micros.of(after.updatedAt()))
                    .where(TENANT_ID.eq(tenantId), ID.eq(id))
                    .execute();
            if (before.isActiveTenantAdmin() && activeTenantAdmins(tx, tenantId) == 0) {
                throw new LastTenantAdmin(); // rolls the update back
            }
            audit.insert(tx, event.apply(before, after));
            if (before.authenticatesDifferently(after)) {
                notifications.announce(tx, ChangeNotifications.Topic.CREDENTIALS, CredentialChange.user(tenantId, id));
            }
            return Optional.of(after);
        });
    }

    @Override
    public boolean delete(String tenantId, String id, boolean force, Caller actor, Instant at) {
        return database.transaction(tx -> {
            lockTenantUsers(tx, tenantId);
            return new UserDeletion(tx, audit, notifications, actor, at).delete(tenantId, id, force);
        });
    }

    /**
     * Makes concurrent changes to one tenant's users take turns, so that two admins demoting each other at
     * once cannot both see the other as the remaining admin. PostgreSQL: a row lock on the tenant, held to
     * the end of the transaction. SQLite: writers already take turns (one write transaction at a time).
     */
    private void lockTenantUsers(DSLContext tx, String tenantId) {
        if (database.backend() == Backend.POSTGRESQL) {
            tx.select(Tenants.ID).from(Tenants.TABLE).where(Tenants.ID.eq(tenantId)).forUpdate().fetch();
        }
    }

    static int activeTenantAdmins(DSLContext tx, String tenantId) {
        return tx.fetchCount(TABLE, isActiveTenantAdmin(tenantId));
    }

    static Condition isActiveTenantAdmin(String tenantId) {
        return DSL.and(TENANT_ID.eq(tenantId), STATUS.eq(UserStatus.ACTIVE.value()),
                ROLES.contains(Role.TENANT_ADMIN.qlikName()));
    }

    private static User toUser(Record r) {
        String status = r.get(STATUS);
        Long updated = r.get(UPDATED_AT);
        return new User(r.get(ID), r.get(TENANT_ID), r.get(NAME), r.get(EMAIL),
                r.get(SUBJECT) == null ? r.get(ID) : r.get(SUBJECT),
                NameListColumns.roles(r.get(ROLES)),
                UserStatus.fromValue(status).orElseThrow(() -> new IllegalStateException(
                        "User " + r.get(ID) + " has the unknown status '" + status + "'")),
                Micros.toInstant(r.get(CREATED_AT)),
                Micros.toInstant(updated == null ? r.get(CREATED_AT) : updated));
    }
}
