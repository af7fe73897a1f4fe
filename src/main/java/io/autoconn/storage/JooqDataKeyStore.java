package io.autoconn.storage;

import io.autoconn.connections.ConnectionChange;
import io.autoconn.storage.Tables.ActiveMasterKey;
import io.autoconn.storage.Tables.Connections;
import io.autoconn.storage.Tables.DataKeys;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertSetMoreStep;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** {@link DataKeyStore} in SQL through jOOQ: the same statements on SQLite and PostgreSQL. */
@Singleton
public class JooqDataKeyStore implements DataKeyStore {
    /** A v1 value starts a JSON string: {@code "v1.}; base64url and key ids never contain a quote. */
    private static final Condition HAS_LEGACY_VALUE = Connections.SECRETS.like("%\"v1.%");

    private static final List<Field<?>> COLUMNS = List.of(DataKeys.ID, DataKeys.TENANT_ID, DataKeys.MASTER_KEY_ID,
            DataKeys.WRAPPED_KEY, DataKeys.CREATED_AT, DataKeys.WRAPPED_AT);

    private final Database database;
    private final DSLContext dsl;
    private final JsonColumns json;
    private final ChangeNotifications notifications;

    public JooqDataKeyStore(Database database, JsonMapper jsonMapper, ChangeNotifications notifications) {
        this.database = database;
        this.notifications = notifications;
        this.dsl = database.dsl();
        this.json = new JsonColumns(jsonMapper);
    }

    @Override
    public Optional<String> activeMasterKeyId() {
        return dsl.select(ActiveMasterKey.KEY_ID).from(ActiveMasterKey.TABLE)
                .where(ActiveMasterKey.SINGLETON.eq(1))
                .fetchOptional(ActiveMasterKey.KEY_ID);
    }

    @Override
    public String initActiveMasterKey(String keyId, Instant at) {
        database.write(writer -> activeRow(writer, keyId, at).onConflictDoNothing().execute());
        return activeMasterKeyId().orElseThrow();
    }

    @Override
    public void setActiveMasterKey(String keyId, Instant at) {
        // On PostgreSQL the update waits for the share locks of data key creations in flight (createForTenant);
        // on SQLite every write transaction, in any process, runs alone.
        database.write(writer -> activeRow(writer, keyId, at)
                .onConflict(ActiveMasterKey.SINGLETON)
                .doUpdate()
                .set(ActiveMasterKey.KEY_ID, keyId)
                .set(ActiveMasterKey.CHANGED_AT, Micros.of(at))
                .execute());
    }

    private static InsertSetMoreStep<Record> activeRow(DSLContext writer, String keyId, Instant at) {
        return writer.insertInto(ActiveMasterKey.TABLE)
                .set(ActiveMasterKey.SINGLETON, 1)
                .set(ActiveMasterKey.KEY_ID, keyId)
                .set(ActiveMasterKey.CHANGED_AT, Micros.of(at));
    }

    @Override
    public Optional<WrappedDataKey> find(String id) {
        return findOne(DataKeys.ID.eq(id));
    }

    @Override
    public Optional<WrappedDataKey> findForTenant(String tenantId) {
        return findOne(DataKeys.TENANT_ID.eq(tenantId));
    }

    private Optional<WrappedDataKey> findOne(Condition condition) {
        return dsl.select(COLUMNS).from(DataKeys.TABLE).where(condition).fetchOptional().map(JooqDataKeyStore::toDataKey);
    }

    @Override
    public WrappedDataKey createForTenant(String tenantId, String defaultMasterKeyId,
                                          Function<String, WrappedDataKey> wrap) {
        database.transaction(tx -> {
            var select = tx.select(ActiveMasterKey.KEY_ID).from(ActiveMasterKey.TABLE)
                    .where(ActiveMasterKey.SINGLETON.eq(1));
            // The share lock holds a rotation's switch of the active key until this data key is committed.
            String active = (database.backend() == Backend.POSTGRESQL ? select.forShare() : select)
                    .fetchOptional(ActiveMasterKey.KEY_ID).orElse(null);
            if (active == null) {
                active = defaultMasterKeyId;
                activeRow(tx, active, Instant.now()).onConflictDoNothing().execute();
            }
            WrappedDataKey key = wrap.apply(active);
            tx.insertInto(DataKeys.TABLE)
                    .set(DataKeys.ID, key.id())
                    .set(DataKeys.TENANT_ID, key.tenantId())
                    .set(DataKeys.MASTER_KEY_ID, key.masterKeyId())
                    .set(DataKeys.WRAPPED_KEY, key.wrappedKey())
                    .set(DataKeys.CREATED_AT, Micros.of(key.createdAt()))
                    .set(DataKeys.WRAPPED_AT, Micros.of(key.wrappedAt()))
                    .onConflictDoNothing()
                    .execute();
            return null;
        });
        return findForTenant(tenantId).orElseThrow();
    }

    @Override
    public List<WrappedDataKey> wrappedWithOtherThan(String masterKeyId, @Nullable String afterId, int limit) {
        Condition condition = DataKeys.MASTER_KEY_ID.ne(masterKeyId);
        if (afterId != null) {
            condition = condition.and(DataKeys.ID.gt(afterId));
        }
        return dsl.select(COLUMNS).from(DataKeys.TABLE)
                .where(condition)
                .orderBy(DataKeys.ID)
                .limit(limit)
                .fetch(JooqDataKeyStore::toDataKey);
    }

    @Override
    public boolean rewrap(WrappedDataKey rewrapped, String expectedMasterKeyId) {
        return database.write(writer -> writer.update(DataKeys.TABLE)
                .set(DataKeys.MASTER_KEY_ID, rewrapped.masterKeyId())
                .set(DataKeys.WRAPPED_KEY, rewrapped.wrappedKey())
                .set(DataKeys.WRAPPED_AT, Micros.of(rewrapped.wrappedAt()))
                .where(DataKeys.ID.eq(rewrapped.id()), DataKeys.MASTER_KEY_ID.eq(expectedMasterKeyId))
                .execute()) == 1;
    }

    @Override
    public boolean delete(String id) {
        return database.write(writer -> writer.deleteFrom(DataKeys.TABLE).where(DataKeys.ID.eq(id)).execute()) == 1;
    }

    @Override
    public Map<String, Integer> countByMasterKey() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        dsl.select(DataKeys.MASTER_KEY_ID, DSL.count()).from(DataKeys.TABLE)
                .groupBy(DataKeys.MASTER_KEY_ID)
                .orderBy(DataKeys.MASTER_KEY_ID)
                .forEach(r -> counts.put(r.value1(), r.value2()));
        return counts;
    }

    @Override
    public List<SecretValues> withLegacyValues(@Nullable String afterId, int limit) {
        Condition condition = HAS_LEGACY_VALUE;
        if (afterId != null) {
            condition = condition.and(Connections.ID.gt(afterId));
        }
        return dsl.select(Connections.TENANT_ID, Connections.ID, Connections.VERSION, Connections.SECRETS)
                .from(Connections.TABLE)
                .where(condition)
                .orderBy(Connections.ID)
                .limit(limit)
                .fetch(this::toSecretValues);
    }

    @Override
    public Optional<SecretValues> secretValues(String tenantId, String connectionId) {
        return dsl.select(Connections.TENANT_ID, Connections.ID, Connections.VERSION, Connections.SECRETS)
                .from(Connections.TABLE)
                .where(Connections.TENANT_ID.eq(tenantId), Connections.ID.eq(connectionId))
                .fetchOptional(this::toSecretValues);
    }

    @Override
    public boolean replaceSecretValues(SecretValues values, Map<String, String> ciphertexts) {
        return database.transaction(tx -> {
            boolean replaced = tx.update(Connections.TABLE)
                    .set(Connections.SECRETS, json.writeMap(ciphertexts))
                    .set(Connections.VERSION, Connections.VERSION.plus(1))
                    .where(Connections.TENANT_ID.eq(values.tenantId()), Connections.ID.eq(values.connectionId()),
                            Connections.VERSION.eq(values.version()))
                    .execute() == 1;
            if (replaced) {
                // The version (the ETag) moved.
                notifications.announce(tx, ChangeNotifications.Topic.CONNECTIONS,
                        ConnectionChange.of(values.tenantId(), values.connectionId()));
            }
            return replaced;
        });
    }

    @Override
    public long countWithLegacyValues() {
        return dsl.fetchCount(Connections.TABLE, HAS_LEGACY_VALUE);
    }

    private SecretValues toSecretValues(Record r) {
        return new SecretValues(r.get(Connections.TENANT_ID), r.get(Connections.ID), r.get(Connections.VERSION),
                json.readMap(r.get(Connections.SECRETS)));
    }

    private static WrappedDataKey toDataKey(Record r) {
        return new WrappedDataKey(r.get(DataKeys.ID), r.get(DataKeys.TENANT_ID), r.get(DataKeys.MASTER_KEY_ID),
                r.get(DataKeys.WRAPPED_KEY), Micros.toInstant(r.get(DataKeys.CREATED_AT)),
                Micros.toInstant(r.get(DataKeys.WRAPPED_AT)));
    }
}
