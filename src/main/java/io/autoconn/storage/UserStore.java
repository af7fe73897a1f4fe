package io.autoconn.storage;

import io.autoconn.audit.AuditEvent;
import io.autoconn.identity.Caller;
import io.autoconn.identity.User;
import io.autoconn.query.ListRequest;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * The users of each tenant. Every method is scoped to a tenant. Every change writes its audit event in
 * its own transaction, and no change may leave a tenant without an active TenantAdmin: such a change is
 * rolled back with {@link LastTenantAdmin}.
 */
public interface UserStore {
    Optional<User> find(String tenantId, String id);

    /** The tenant's user with this identity-provider subject (unique within the tenant). */
    Optional<User> findBySubject(String tenantId, String subject);

    Page list(String tenantId, ListRequest request);

    /** How many users of the tenant match {@code filter} (a SCIM filter, null for all). */
    int count(String tenantId, @Nullable String filter);

    /** Inserts a user; {@link DuplicateUser} when the tenant has a user with its email or subject. */
    void insert(User user, AuditEvent event);

    /**
     * Applies {@code change} to the current user and stores the result, all in one transaction that no other
     * change to the tenant's users interleaves with. A change that returns a user without an editable
     * difference writes nothing. Empty when there is no such user.
     *
     * @param change may throw to refuse the change (nothing is written then)
     * @param event the audit event of a change from the first user to the second
     */
    Optional<User> update(String tenantId, String id, UnaryOperator<User> change, BiFunction<User, User, AuditEvent> event);

    /**
     * Deletes a user and settles everything that refers to it, in one transaction: see
     * {@code UserDeletion}. False when there is no such user.
     *
     * @param force whether the user's connections and automations are deleted with it; without it a user
     *     who owns any is refused with {@link OwnsResources}
     */
    boolean delete(String tenantId, String id, boolean force, Caller actor, Instant at);

    record Page(List<User> users, @Nullable String nextCursor, @Nullable String prevCursor) {
    }

    /** The change would leave the tenant without an active TenantAdmin; nothing was written. */
    final class LastTenantAdmin extends RuntimeException {
        public LastTenantAdmin() {
            super("The tenant's last active TenantAdmin", null, false, false);
        }
    }

    /** Another user of the tenant already has this {@code field} ("email" or "subject"); nothing was written. */
    final class DuplicateUser extends RuntimeException {
        private final String field;

        public DuplicateUser(String field) {
            super("Duplicate user " + field, null, false, false);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /**
     * The user owns connections or automations and deletion was not forced; nothing was written. Each list
     * holds the first few by name; the counts say how many there are in all.
     */
    final class OwnsResources extends RuntimeException {
        private final Owned connections;
        private final Owned automations;

        public OwnsResources(Owned connections, Owned automations) {
            super("The user owns " + connections.count() + " connections and " + automations.count() + " automations",
                    null, false, false);
            this.connections = connections;
            this.automations = automations;
        }

        public Owned connections() {
            return connections;
        }

        public Owned automations() {
            return automations;
        }
    }

    /** Resources of one kind a user owns: the first few by name, and how many there are. */
    record Owned(List<Named> first, int count) {
        public Owned {
            first = List.copyOf(first);
        }
    }

    record Named(String id, String name) {
    }
}
