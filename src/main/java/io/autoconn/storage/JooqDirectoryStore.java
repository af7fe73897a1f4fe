package io.autoconn.storage;

import io.autoconn.audit.AuditEvent;
import io.autoconn.identity.Caller;
import io.autoconn.identity.Credential;
import io.autoconn.identity.IdentityAudit;
import io.autoconn.identity.Role;
import io.autoconn.identity.UserStatus;
import io.autoconn.storage.Tables.ApiKeys;
import io.autoconn.storage.Tables.Tenants;
import io.autoconn.storage.Tables.Users;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;

/** {@link DirectoryStore} in SQL through jOOQ. */
@Singleton
public class JooqDirectoryStore implements DirectoryStore {
    private static final String SEEDED_KEY_DESCRIPTION = "Seeded key";

    private final Database database;
    private final DSLContext dsl;
    private final AuditRows audit;

    /** For tests and tools: audit data written with a default JSON mapper. */
    public JooqDirectoryStore(Database database) {
        this(database, JsonMapper.createDefault());
    }

    @Inject
    public JooqDirectoryStore(Database database, JsonMapper jsonMapper) {
        this.database = database;
        this.dsl = database.dsl();
        this.audit = new AuditRows(jsonMapper);
    }

    @Override
    public Optional<Credential> credential(String keyHash) {
        return dsl.select(ApiKeys.ID, ApiKeys.EXPIRES_AT, Users.TENANT_ID, Users.ID, Users.ROLES, ApiKeys.SCOPES)
                .from(ApiKeys.TABLE)
                .join(Users.TABLE).on(Users.ID.eq(ApiKeys.USER_ID), Users.TENANT_ID.eq(ApiKeys.TENANT_ID))
                .where(ApiKeys.KEY_HASH.eq(keyHash),
                        ApiKeys.REVOKED_AT.isNull(),
                        Users.STATUS.eq(UserStatus.ACTIVE.value()))
                .fetchOptional()
                .map(r -> new Credential(r.value1(),
                        new Caller(r.value3(), r.value4(), NameListColumns.roles(r.value5()),
                                NameListColumns.scopes(r.value6())),
                        r.value2() == null ? null : Micros.toInstant(r.value2())));
    }

    @Override
    public boolean userExists(String tenantId, String userId) {
        return dsl.fetchExists(Users.TABLE, Users.TENANT_ID.eq(tenantId), Users.ID.eq(userId));
    }

    @Override
    public Optional<String> findTenantId(String idOrName) {
        return dsl.select(Tenants.ID).from(Tenants.TABLE).where(Tenants.ID.eq(idOrName)).fetchOptional(Tenants.ID)
                .or(() -> dsl.select(Tenants.ID).from(Tenants.TABLE).where(Tenants.NAME.eq(idOrName))
                        .fetchOptional(Tenants.ID));
    }

    @Override
    public boolean createTenant(NewTenant t, @Nullable String adminEmail, List<AuditEvent> events) {
        return database.transaction(tx -> {
            int inserted = tx.insertInto(Tenants.TABLE)
                    .set(Tenants.ID, t.tenantId())
                    .set(Tenants.NAME, t.tenantName())
                    .set(Tenants.CREATED_AT, Micros.of(t.createdAt()))
                    .onConflictDoNothing()
                    .execute();
            if (inserted == 0) {
                return false;
            }
            insertUser(tx, t.tenantId(), t.adminUserId(), t.adminName(), adminEmail, EnumSet.of(Role.TENANT_ADMIN),
                    t.createdAt());
            insertApiKey(tx, t.tenantId(), t.adminUserId(), t.apiKeyId(), t.apiKeyHash(), BOOTSTRAP_KEY_DESCRIPTION,
                    t.createdAt());
            events.forEach(event -> audit.insert(tx, event));
            return true;
        });
    }

    @Override
    public void createUser(String tenantId, String userId, String name, Set<Role> roles, Instant now) {
        database.transaction(tx -> {
            insertUser(tx, tenantId, userId, name, null, roles, now);
            audit.insert(tx, AuditEvent.bySystem(tenantId, IdentityAudit.USER, "created", userId, now,
                    Map.of("name", name, "assignedRoles", roles.stream().map(Role::qlikName).sorted().toList())));
            return null;
        });
    }

    /** A new active user; the subject is its id (autoconn has no identity provider to name it). */
    private static void insertUser(DSLContext dsl, String tenantId, String userId, String name,
                                   @Nullable String email, Set<Role> roles, Instant now) {
        dsl.insertInto(Users.TABLE)
                .set(Users.ID, userId)
                .set(Users.TENANT_ID, tenantId)
                .set(Users.NAME, name)
                .set(Users.EMAIL, email)
                .set(Users.SUBJECT, userId)
                .set(Users.ROLES, NameListColumns.roles(roles))
                .set(Users.STATUS, UserStatus.ACTIVE.value())
                .set(Users.CREATED_AT, Micros.of(now))
                .set(Users.UPDATED_AT, Micros.of(now))
                .execute();
    }

    @Override
    public void createApiKey(String tenantId, String userId, String keyId, String keyHash, Instant now) {
        createSystemKey(tenantId, userId, keyId, keyHash, SEEDED_KEY_DESCRIPTION, now);
    }

    private void createSystemKey(String tenantId, String userId, String keyId, String keyHash, String description,
                                 Instant now) {
        database.transaction(tx -> {
            if (insertApiKey(tx, tenantId, userId, keyId, keyHash, description, now) == 1) {
                audit.insert(tx, AuditEvent.bySystem(tenantId, IdentityAudit.API_KEY, "created", keyId, now,
                        Map.of("sub", userId, "description", description)));
            }
            return null;
        });
    }

    /** A never-expiring key the user made for itself; nothing when a key with this hash exists. */
    private static int insertApiKey(DSLContext dsl, String tenantId, String userId, String keyId, String keyHash,
                                    String description, Instant now) {
        return dsl.insertInto(ApiKeys.TABLE)
                .set(ApiKeys.ID, keyId)
                .set(ApiKeys.TENANT_ID, tenantId)
                .set(ApiKeys.USER_ID, userId)
                .set(ApiKeys.CREATED_BY, userId)
                .set(ApiKeys.KEY_HASH, keyHash)
                .set(ApiKeys.DESCRIPTION, description)
                .set(ApiKeys.CREATED_AT, Micros.of(now))
                .set(ApiKeys.UPDATED_AT, Micros.of(now))
                .onConflictDoNothing()
                .execute();
    }

    @Override
    public void ensureAdminKey(String tenantName, String keyHash, Instant now) {
        dsl.select(Users.TENANT_ID, Users.ID)
                .from(Users.TABLE)
                .join(Tenants.TABLE).on(Tenants.ID.eq(Users.TENANT_ID))
                .where(Tenants.NAME.eq(tenantName), Users.ROLES.contains(Role.TENANT_ADMIN.qlikName()))
                .orderBy(Users.CREATED_AT, Users.ID)
                .limit(1)
                .fetchOptional()
                .ifPresent(admin -> createSystemKey(admin.value1(), admin.value2(), UUID.randomUUID().toString(),
                        keyHash, BOOTSTRAP_KEY_DESCRIPTION, now));
    }
}
