package io.autoconn.storage;

import io.autoconn.identity.Caller;
import io.autoconn.connections.ConnectionChange;
import io.autoconn.identity.CredentialChange;
import io.autoconn.identity.IdentityAudit;
import io.autoconn.identity.User;
import io.autoconn.storage.Tables.ApiKeys;
import io.autoconn.storage.Tables.Automations;
import io.autoconn.storage.Tables.Connections;
import io.autoconn.storage.Tables.SpaceAssignments;
import io.autoconn.storage.Tables.Spaces;
import io.autoconn.storage.Tables.Users;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Deleting a user: the one place that knows everything that refers to a user, and what becomes of it.
 * Runs inside the transaction of {@link JooqUserStore#delete}, which holds the tenant's user lock, so all
 * of it happens or none of it, each step with its audit events:
 * <ol>
 *   <li>the tenant's last active TenantAdmin is never deleted;</li>
 *   <li>connections and automations the user owns refuse the deletion, unless it is forced: then they
 *       are deleted (an automation's connection usages go with it);</li>
 *   <li>the user's API keys are deleted (they could never authenticate again anyway), and every instance
 *       told so ({@link ChangeNotifications});</li>
 *   <li>the user's space assignments are deleted;</li>
 *   <li>spaces the user owns pass to the admin deleting the user (to another active TenantAdmin when
 *       admins delete themselves): their content is other people's too, and a space always has an owner,
 *       who holds every role, so the new owner's own assignment there goes;</li>
 *   <li>the user.</li>
 * </ol>
 * Whatever else comes to refer to users is settled here too, before the user row goes.
 */
final class UserDeletion {
    /** How many connections, and automations, a refusal names; it also gives their totals. */
    static final int NAMED = 10;

    private final DSLContext tx;
    private final AuditRows audit;
    private final ChangeNotifications notifications;
    private final Caller actor;
    private final Instant at;

    UserDeletion(DSLContext tx, AuditRows audit, ChangeNotifications notifications, Caller actor, Instant at) {
        this.tx = tx;
        this.audit = audit;
        this.notifications = notifications;
        this.actor = actor;
        this.at = at;
    }

    /** False when the tenant has no such user. */
    boolean delete(String tenantId, String userId, boolean force) {
        Optional<User> found = JooqUserStore.find(tx, tenantId, userId);
        if (found.isEmpty()) {
            return false;
        }
        User user = found.get();
        refuseTheLastTenantAdmin(user);
        settleOwnedResources(user, force);
        deleteApiKeys(user);
        deleteAssignments(DSL.and(SpaceAssignments.TENANT_ID.eq(tenantId), SpaceAssignments.ASSIGNEE_ID.eq(userId)));
        transferSpaceOwnership(user);
        tx.deleteFrom(Users.TABLE).where(Users.TENANT_ID.eq(tenantId), Users.ID.eq(userId)).execute();
        audit.insert(tx, IdentityAudit.userDeleted(actor, user, at));
        return true;
    }

    private void refuseTheLastTenantAdmin(User user) {
        if (user.isActiveTenantAdmin() && JooqUserStore.activeTenantAdmins(tx, user.tenantId()) == 1) {
            throw new UserStore.LastTenantAdmin();
        }
    }

    /** Refuses the deletion while the user owns connections or automations, unless it is forced. */
    private void settleOwnedResources(User user, boolean force) {
        Condition connections = DSL.and(Connections.TENANT_ID.eq(user.tenantId()), Connections.OWNER_ID.eq(user.id()));
        Condition automations = DSL.and(Automations.TENANT_ID.eq(user.tenantId()), Automations.OWNER_ID.eq(user.id()));
        UserStore.Owned ownedConnections = owned(Connections.TABLE, Connections.ID, Connections.NAME, connections);
        UserStore.Owned ownedAutomations = owned(Automations.TABLE, Automations.ID, Automations.NAME, automations);
        if (ownedConnections.count() + ownedAutomations.count() == 0) {
            return;
        }
        if (!force) {
            throw new UserStore.OwnsResources(ownedConnections, ownedAutomations);
        }
        deleteAutomations(user, automations);
        deleteConnections(user, connections);
    }

    private UserStore.Owned owned(Table<?> table, Field<String> id, Field<String> name, Condition ofUser) {
        int count = tx.fetchCount(table, ofUser);
        List<UserStore.Named> first = count == 0 ? List.of() : tx.select(id, name).from(table).where(ofUser)
                .orderBy(DSL.lower(name), id)
                .limit(NAMED)
                .fetch(r -> new UserStore.Named(r.value1(), r.value2()));
        return new UserStore.Owned(first, count);
    }

    private void deleteAutomations(User user, Condition owned) {
        var automations = tx.select(Automations.ID, Automations.NAME, Automations.SPACE_ID)
                .from(Automations.TABLE).where(owned).fetch();
        tx.deleteFrom(Automations.TABLE).where(owned).execute();
        for (var a : automations) {
            audit.insert(tx, IdentityAudit.automationDeletedWithOwner(actor, a.value1(), a.value2(), user.id(),
                    a.value3(), at));
        }
    }

    private void deleteConnections(User user, Condition owned) {
        var connections = tx.select(Connections.ID, Connections.NAME, Connections.CONNECTOR_ID, Connections.SPACE_ID)
                .from(Connections.TABLE).where(owned).fetch();
        tx.deleteFrom(Connections.TABLE).where(owned).execute();
        for (var c : connections) {
            audit.insert(tx, IdentityAudit.connectionDeletedWithOwner(actor, c.value1(), c.value2(), c.value3(),
                    user.id(), c.value4(), at));
            notifications.announce(tx, ChangeNotifications.Topic.CONNECTIONS,
                    ConnectionChange.of(user.tenantId(), c.value1()));
        }
    }

    private void deleteApiKeys(User user) {
        var keysOfUser = DSL.and(ApiKeys.TENANT_ID.eq(user.tenantId()), ApiKeys.USER_ID.eq(user.id()));
        List<String> keyIds = tx.select(ApiKeys.ID).from(ApiKeys.TABLE).where(keysOfUser).fetch(ApiKeys.ID);
        tx.deleteFrom(ApiKeys.TABLE).where(keysOfUser).execute();
        keyIds.forEach(keyId -> audit.insert(tx, IdentityAudit.apiKeyDeletedWithUser(actor, keyId, user.id(), at)));
        notifications.announce(tx, ChangeNotifications.Topic.CREDENTIALS,
                CredentialChange.user(user.tenantId(), user.id()));
    }

    private void transferSpaceOwnership(User user) {
        var ownedSpaces = DSL.and(Spaces.TENANT_ID.eq(user.tenantId()), Spaces.OWNER_ID.eq(user.id()));
        var spaces = tx.select(Spaces.ID, Spaces.NAME).from(Spaces.TABLE).where(ownedSpaces).fetch();
        if (spaces.isEmpty()) {
            return;
        }
        String heir = heirOf(user);
        tx.update(Spaces.TABLE).set(Spaces.OWNER_ID, heir).set(Spaces.UPDATED_AT, Micros.of(at))
                .where(ownedSpaces).execute();
        for (var s : spaces) {
            deleteAssignments(DSL.and(SpaceAssignments.SPACE_ID.eq(s.value1()), SpaceAssignments.ASSIGNEE_ID.eq(heir)));
            audit.insert(tx, IdentityAudit.spaceOwnerInherited(actor, s.value1(), s.value2(), user.id(), heir, at));
        }
    }

    /** Who takes over the deleted user's spaces: the deleting admin, unless that is the user themselves. */
    private String heirOf(User user) {
        if (!actor.userId().equals(user.id())) {
            return actor.userId();
        }
        // An admin deleting themselves is not the last active TenantAdmin (refused before): take the oldest other.
        return tx.select(Users.ID).from(Users.TABLE)
                .where(JooqUserStore.isActiveTenantAdmin(user.tenantId()), Users.ID.ne(user.id()))
                .orderBy(Users.CREATED_AT, Users.ID).limit(1).fetchSingle(Users.ID);
    }

    private void deleteAssignments(Condition which) {
        var assignments = tx.select(SpaceAssignments.ID, SpaceAssignments.SPACE_ID, SpaceAssignments.ASSIGNEE_ID)
                .from(SpaceAssignments.TABLE).where(which).fetch();
        tx.deleteFrom(SpaceAssignments.TABLE).where(which).execute();
        for (var a : assignments) {
            audit.insert(tx, IdentityAudit.assignmentDeletedWithUser(actor, a.value1(), a.value2(), a.value3(), at));
        }
    }
}
