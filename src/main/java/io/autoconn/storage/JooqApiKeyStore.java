package io.autoconn.storage;

import static io.autoconn.storage.Tables.ApiKeys.*;

import io.autoconn.audit.AuditEvent;
import io.autoconn.identity.ApiKey;
import io.autoconn.identity.ApiKeyStatus;
import io.autoconn.identity.CredentialChange;
import io.autoconn.query.ListRequest;
import io.autoconn.query.Listable;
import io.autoconn.query.Paginator;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** {@link ApiKeyStore} in SQL through jOOQ: the same statements on SQLite and PostgreSQL. */
@Singleton
public class JooqApiKeyStore implements ApiKeyStore {
    /** Every column but the token's hash, which only authentication reads. */
    private static final List<Field<?>> COLUMNS =
            List.of(ID, TENANT_ID, USER_ID, CREATED_BY, DESCRIPTION, CREATED_AT, UPDATED_AT, EXPIRES_AT, REVOKED_AT,
                    SCOPES);
    /** Who created a key: the user itself for keys made before createdByUser was recorded. */
    private static final Field<String> CREATOR = DSL.coalesce(CREATED_BY, USER_ID);
    static final Map<String, Field<?>> SORTABLE = sortable();
    private static final Listable LISTABLE = Listable.builder(TABLE, ID)
            .sortable(SORTABLE)
            .defaultSort("created")
            .select(COLUMNS)
            .build();

    private final Database database;
    private final DSLContext dsl;
    private final AuditRows audit;
    private final ChangeNotifications notifications;

    public JooqApiKeyStore(Database database, JsonMapper jsonMapper, ChangeNotifications notifications) {
        this.database = database;
        this.dsl = database.dsl();
        this.audit = new AuditRows(jsonMapper);
        this.notifications = notifications;
    }

    /** Qlik's sort fields but {@code status}, which changes with time and so cannot anchor a cursor. */
    private static Map<String, Field<?>> sortable() {
        Map<String, Field<?>> fields = new LinkedHashMap<>();
        fields.put("created", CREATED_AT);
        fields.put("description", DSL.coalesce(DSL.lower(DESCRIPTION), DSL.inline("")));
        fields.put("sub", USER_ID);
        fields.put("createdByUser", CREATOR);
        return Collections.unmodifiableMap(fields);
    }

    @Override
    public void insert(ApiKey k, String keyHash, AuditEvent event) {
        database.transaction(tx -> {
            tx.insertInto(TABLE)
                    .set(ID, k.id())
                    .set(TENANT_ID, k.tenantId())
                    .set(USER_ID, k.userId())
                    .set(CREATED_BY, k.createdBy())
                    .set(KEY_HASH, keyHash)
                    .set(DESCRIPTION, k.description())
                    .set(CREATED_AT, Micros.of(k.createdAt()))
                    .set(UPDATED_AT, Micros.of(k.updatedAt()))
                    .set(EXPIRES_AT, k.expiresAt() == null ? null : Micros.of(k.expiresAt()))
                    .set(REVOKED_AT, k.revokedAt() == null ? null : Micros.of(k.revokedAt()))
                    .set(SCOPES, NameListColumns.scopes(k.scopes()))
                    .execute();
            audit.insert(tx, event);
            return null;
        });
    }

    @Override
    public Optional<ApiKey> find(String tenantId, String id) {
        return dsl.select(COLUMNS).from(TABLE)
                .where(TENANT_ID.eq(tenantId), ID.eq(id))
                .fetchOptional()
                .map(JooqApiKeyStore::toApiKey);
    }

    @Override
    public Page list(String tenantId, Filter filter, ListRequest request) {
        Condition selected = TENANT_ID.eq(tenantId);
        if (filter.userId() != null) {
            selected = selected.and(USER_ID.eq(filter.userId()));
        }
        if (filter.createdBy() != null) {
            selected = selected.and(CREATOR.eq(filter.createdBy()));
        }
        if (filter.status() != null) {
            selected = selected.and(withStatus(filter.status(), Micros.of(filter.now())));
        }
        io.autoconn.query.Page page = Paginator.fetch(dsl, LISTABLE, selected, request);
        return new Page(page.rows().stream().map(JooqApiKeyStore::toApiKey).toList(), page.nextCursor(),
                page.prevCursor());
    }

    /** The same rule as {@link ApiKey#status} and as authentication: a key expires at its expiry. */
    private static Condition withStatus(ApiKeyStatus status, long nowMicros) {
        return switch (status) {
            case REVOKED -> REVOKED_AT.isNotNull();
            case EXPIRED -> REVOKED_AT.isNull().and(EXPIRES_AT.le(nowMicros));
            case ACTIVE -> REVOKED_AT.isNull().and(EXPIRES_AT.isNull().or(EXPIRES_AT.gt(nowMicros)));
        };
    }

    @Override
    public boolean update(ApiKey k, AuditEvent event) {
        return database.transaction(tx -> {
            boolean updated = tx.update(TABLE)
                    .set(DESCRIPTION, k.description())
                    .set(UPDATED_AT, Micros.of(k.updatedAt()))
                    .where(TENANT_ID.eq(k.tenantId()), ID.eq(k.id()))
                    .execute() == 1;
            if (updated) {
                audit.insert(tx, event);
            }
            return updated;
        });
    }

    @Override
    public boolean revoke(String tenantId, String id, Instant at, AuditEvent event) {
        return database.transaction(tx -> {
            boolean revoked = tx.update(TABLE)
                    .set(REVOKED_AT, Micros.of(at))
                    .set(UPDATED_AT, Micros.of(at))
                    .where(TENANT_ID.eq(tenantId), ID.eq(id), REVOKED_AT.isNull())
                    .execute() == 1;
            if (revoked) {
                audit.insert(tx, event);
                notifications.announce(tx, ChangeNotifications.Topic.CREDENTIALS, CredentialChange.key(tenantId, id));
            }
            return revoked;
        });
    }

    private static ApiKey toApiKey(Record r) {
        Long updated = r.get(UPDATED_AT);
        Long expires = r.get(EXPIRES_AT);
        Long revoked = r.get(REVOKED_AT);
        return new ApiKey(r.get(ID), r.get(TENANT_ID), r.get(USER_ID),
                r.get(CREATED_BY) == null ? r.get(USER_ID) : r.get(CREATED_BY),
                r.get(DESCRIPTION) == null ? "" : r.get(DESCRIPTION),
                Micros.toInstant(r.get(CREATED_AT)),
                Micros.toInstant(updated == null ? r.get(CREATED_AT) : updated),
                expires == null ? null : Micros.toInstant(expires),
                revoked == null ? null : Micros.toInstant(revoked),
                NameListColumns.scopes(r.get(SCOPES)));
    }
}
