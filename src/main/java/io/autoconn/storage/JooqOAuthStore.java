package io.autoconn.storage;

import static io.autoconn.storage.Tables.OAuthStates;
import static io.autoconn.storage.Tables.OAuthTokens;

import io.autoconn.audit.AuditEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Optional;
import org.jooq.Record;

/** {@link OAuthStore} through jOOQ, the same statements on SQLite and PostgreSQL. */
@Singleton
public class JooqOAuthStore implements OAuthStore {
    private final Database database;
    private final AuditRows audit;

    public JooqOAuthStore(Database database, JsonMapper json) {
        this.database = database;
        this.audit = new AuditRows(json);
    }

    @Override
    public void savePending(PendingAuthorization p) {
        database.write(w -> w.insertInto(OAuthStates.TABLE)
                .set(OAuthStates.STATE_HASH, p.stateHash())
                .set(OAuthStates.TENANT_ID, p.tenantId())
                .set(OAuthStates.CONNECTION_ID, p.connectionId())
                .set(OAuthStates.USER_ID, p.userId())
                .set(OAuthStates.VERIFIER, p.verifier())
                .set(OAuthStates.REDIRECT_URI, p.redirectUri())
                .set(OAuthStates.EXPIRES_AT, Micros.of(p.expiresAt()))
                .execute());
    }

    @Override
    public Optional<PendingAuthorization> consume(String stateHash) {
        return database.transaction(tx -> {
            Record r = tx.select(OAuthStates.TENANT_ID, OAuthStates.CONNECTION_ID, OAuthStates.USER_ID,
                            OAuthStates.VERIFIER, OAuthStates.REDIRECT_URI, OAuthStates.EXPIRES_AT)
                    .from(OAuthStates.TABLE).where(OAuthStates.STATE_HASH.eq(stateHash)).fetchOne();
            // The delete decides: of two callbacks racing with one state, only one deletes the row.
            if (r == null || tx.deleteFrom(OAuthStates.TABLE).where(OAuthStates.STATE_HASH.eq(stateHash)).execute() != 1) {
                return Optional.<PendingAuthorization>empty();
            }
            return Optional.of(new PendingAuthorization(stateHash, r.get(OAuthStates.TENANT_ID),
                    r.get(OAuthStates.CONNECTION_ID), r.get(OAuthStates.USER_ID), r.get(OAuthStates.VERIFIER),
                    r.get(OAuthStates.REDIRECT_URI), Micros.toInstant(r.get(OAuthStates.EXPIRES_AT))));
        });
    }

    @Override
    public Optional<Tokens> tokens(String tenantId, String connectionId) {
        return database.dsl().select(OAuthTokens.ACCESS_TOKEN, OAuthTokens.REFRESH_TOKEN, OAuthTokens.EXPIRES_AT,
                        OAuthTokens.ACCOUNT_NAME)
                .from(OAuthTokens.TABLE)
                .where(OAuthTokens.TENANT_ID.eq(tenantId), OAuthTokens.CONNECTION_ID.eq(connectionId))
                .fetchOptional(r -> new Tokens(tenantId, connectionId, r.get(OAuthTokens.ACCESS_TOKEN),
                        r.get(OAuthTokens.REFRESH_TOKEN),
                        r.get(OAuthTokens.EXPIRES_AT) == null ? null : Micros.toInstant(r.get(OAuthTokens.EXPIRES_AT)),
                        r.get(OAuthTokens.ACCOUNT_NAME)));
    }

    @Override
    public boolean acquireLease(String tenantId, String connectionId, String owner, Instant now, Instant until) {
        return database.transaction(tx -> {
            tx.insertInto(OAuthTokens.TABLE)
                    .set(OAuthTokens.CONNECTION_ID, connectionId)
                    .set(OAuthTokens.TENANT_ID, tenantId)
                    .set(OAuthTokens.UPDATED_AT, Micros.of(now))
                    .onConflictDoNothing()
                    .execute();
            return tx.update(OAuthTokens.TABLE)
                    .set(OAuthTokens.LEASE_OWNER, owner)
                    .set(OAuthTokens.LEASE_UNTIL, Micros.of(until))
                    .where(OAuthTokens.CONNECTION_ID.eq(connectionId), OAuthTokens.TENANT_ID.eq(tenantId))
                    .and(OAuthTokens.LEASE_UNTIL.isNull().or(OAuthTokens.LEASE_UNTIL.lt(Micros.of(now))))
                    .execute() == 1;
        });
    }

    @Override
    public void releaseLease(String connectionId, String owner) {
        database.write(w -> w.update(OAuthTokens.TABLE)
                .setNull(OAuthTokens.LEASE_OWNER)
                .setNull(OAuthTokens.LEASE_UNTIL)
                .where(OAuthTokens.CONNECTION_ID.eq(connectionId), OAuthTokens.LEASE_OWNER.eq(owner))
                .execute());
    }

    @Override
    public void forget(String tenantId, String connectionId) {
        database.transaction(tx -> {
            tx.deleteFrom(OAuthTokens.TABLE)
                    .where(OAuthTokens.TENANT_ID.eq(tenantId), OAuthTokens.CONNECTION_ID.eq(connectionId)).execute();
            return tx.deleteFrom(OAuthStates.TABLE)
                    .where(OAuthStates.TENANT_ID.eq(tenantId), OAuthStates.CONNECTION_ID.eq(connectionId)).execute();
        });
    }

    @Override
    public void saveTokens(Tokens t, Instant now, @Nullable AuditEvent event) {
        database.transaction(tx -> {
            tx.insertInto(OAuthTokens.TABLE)
                    .set(OAuthTokens.CONNECTION_ID, t.connectionId())
                    .set(OAuthTokens.TENANT_ID, t.tenantId())
                    .set(OAuthTokens.UPDATED_AT, Micros.of(now))
                    .onConflictDoNothing()
                    .execute();
            tx.update(OAuthTokens.TABLE)
                    .set(OAuthTokens.ACCESS_TOKEN, t.accessToken())
                    .set(OAuthTokens.REFRESH_TOKEN, t.refreshToken())
                    .set(OAuthTokens.EXPIRES_AT, t.expiresAt() == null ? null : Micros.of(t.expiresAt()))
                    .set(OAuthTokens.ACCOUNT_NAME, t.accountName())
                    .setNull(OAuthTokens.LEASE_OWNER)
                    .setNull(OAuthTokens.LEASE_UNTIL)
                    .set(OAuthTokens.UPDATED_AT, Micros.of(now))
                    .where(OAuthTokens.CONNECTION_ID.eq(t.connectionId()), OAuthTokens.TENANT_ID.eq(t.tenantId()))
                    .execute();
            if (event != null) {
                audit.insert(tx, event);
            }
            return null;
        });
    }
}
