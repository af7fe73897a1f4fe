package io.autoconn.storage;

import io.autoconn.identity.Caller;
import io.autoconn.identity.Role;
import io.autoconn.storage.Tables.ApiKeys;
import io.autoconn.storage.Tables.Spaces;
import io.autoconn.storage.Tables.Tenants;
import io.autoconn.storage.Tables.Users;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Record3;

/** {@link DirectoryStore} in SQL through jOOQ. */
@Singleton
public class JooqDirectoryStore implements DirectoryStore {
    private static final String ACTIVE = "active";
    private static final String ROLE_SEPARATOR = ",";

    private final Database database;
    private final DSLContext dsl;

    public JooqDirectoryStore(Database database) {
        this.database = database;
        this.dsl = database.dsl();
    }

    @Override
    public Optional<Caller> authenticate(String keyHash, Instant now) {
        long nowMicros = Micros.of(now);
        return dsl.select(Users.TENANT_ID, Users.ID, Users.ROLES)
                .from(ApiKeys.TABLE)
                .join(Users.TABLE).on(Users.ID.eq(ApiKeys.USER_ID), Users.TENANT_ID.eq(ApiKeys.TENANT_ID))
                .where(ApiKeys.KEY_HASH.eq(keyHash),
                        ApiKeys.REVOKED_AT.isNull(),
                        ApiKeys.EXPIRES_AT.isNull().or(ApiKeys.EXPIRES_AT.gt(nowMicros)),
                        Users.STATUS.eq(ACTIVE))
                .fetchOptional()
                .map(this::toCaller);
    }

    private Caller toCaller(Record3<String, String, String> r) {
        return new Caller(r.value1(), r.value2(), parseRoles(r.value3()));
    }

    private static Set<Role> parseRoles(String roles) {
        Set<Role> parsed = EnumSet.noneOf(Role.class);
        Arrays.stream(roles.split(ROLE_SEPARATOR)).map(String::strip)
                .flatMap(name -> Role.fromQlikName(name).stream())
                .forEach(parsed::add);
        return parsed;
    }

    private static String formatRoles(Set<Role> roles) {
        return roles.stream().map(Role::qlikName).sorted().collect(Collectors.joining(ROLE_SEPARATOR));
    }

    @Override
    public boolean userExists(String tenantId, String userId) {
        return dsl.fetchExists(Users.TABLE, Users.TENANT_ID.eq(tenantId), Users.ID.eq(userId));
    }

    @Override
    public boolean spaceExists(String tenantId, String spaceId) {
        return dsl.fetchExists(Spaces.TABLE, Spaces.TENANT_ID.eq(tenantId), Spaces.ID.eq(spaceId));
    }

    @Override
    public boolean createTenantIfAbsent(NewTenant t) {
        return database.write(writer -> writer.transactionResult(tx -> {
            int inserted = tx.dsl().insertInto(Tenants.TABLE)
                    .set(Tenants.ID, t.tenantId())
                    .set(Tenants.NAME, t.tenantName())
                    .set(Tenants.CREATED_AT, Micros.of(t.createdAt()))
                    .onConflictDoNothing()
                    .execute();
            if (inserted == 0) {
                return false;
            }
            insertUser(tx.dsl(), t.tenantId(), t.adminUserId(), t.adminName(), EnumSet.of(Role.TENANT_ADMIN), t.createdAt());
            insertApiKey(tx.dsl(), t.tenantId(), t.adminUserId(), t.apiKeyId(), t.apiKeyHash(), t.createdAt());
            return true;
        }));
    }

    @Override
    public void createUser(String tenantId, String userId, String name, Set<Role> roles, Instant now) {
        database.write(writer -> insertUser(writer, tenantId, userId, name, roles, now));
    }

    private static int insertUser(DSLContext dsl, String tenantId, String userId, String name, Set<Role> roles,
                                  Instant now) {
        return dsl.insertInto(Users.TABLE)
                .set(Users.ID, userId)
                .set(Users.TENANT_ID, tenantId)
                .set(Users.NAME, name)
                .set(Users.ROLES, formatRoles(roles))
                .set(Users.STATUS, ACTIVE)
                .set(Users.CREATED_AT, Micros.of(now))
                .execute();
    }

    @Override
    public void createApiKey(String tenantId, String userId, String keyId, String keyHash, Instant now) {
        database.write(writer -> insertApiKey(writer, tenantId, userId, keyId, keyHash, now));
    }

    private static int insertApiKey(DSLContext dsl, String tenantId, String userId, String keyId, String keyHash,
                                    Instant now) {
        return dsl.insertInto(ApiKeys.TABLE)
                .set(ApiKeys.ID, keyId)
                .set(ApiKeys.TENANT_ID, tenantId)
                .set(ApiKeys.USER_ID, userId)
                .set(ApiKeys.KEY_HASH, keyHash)
                .set(ApiKeys.CREATED_AT, Micros.of(now))
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
                .ifPresent(admin -> createApiKey(admin.value1(), admin.value2(), UUID.randomUUID().toString(),
                        keyHash, now));
    }
}
