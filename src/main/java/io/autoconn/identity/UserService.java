package io.autoconn.identity;

import io.autoconn.error.ApiException;
import io.autoconn.error.ErrorCode;
import io.autoconn.query.ListRequest;
import io.autoconn.storage.UserStore;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The users API: every user of a tenant may list and read its users; only a TenantAdmin creates, changes
 * and deletes them. A user of another tenant does not exist (404). A tenant always keeps an active
 * TenantAdmin.
 */
@Singleton
public class UserService {
    private final UserStore store;
    private final Clock clock;

    public UserService(UserStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public UserStore.Page list(Caller caller, ListRequest request) {
        return store.list(caller.tenantId(), request);
    }

    public int count(Caller caller, @Nullable String filter) {
        return store.count(caller.tenantId(), filter);
    }

    public User get(Caller caller, String id) {
        return store.find(caller.tenantId(), id).orElseThrow(() -> notFound(id));
    }

    public User create(Caller caller, NewUser request) {
        requireTenantAdmin(caller, "create users");
        if (request.tenantId() != null && !request.tenantId().equals(caller.tenantId())) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Users are created in the caller's own tenant ("
                    + caller.tenantId() + "), not in tenant '" + request.tenantId() + "'; leave tenantId out");
        }
        if (request.status() != null && !request.status().equals(UserStatus.ACTIVE.value())) {
            throw new ApiException(ErrorCode.INVALID_FIELD, "status may only be \"active\": autoconn has no "
                    + "invitations, so users are created active and sign in with API keys; got \"" + request.status() + "\"");
        }
        String email = UserFields.email(request.email());
        if (request.name() == null && email == null) {
            throw new ApiException(ErrorCode.INVALID_FIELD, "name or email is required");
        }
        String name = request.name() == null ? email : UserFields.name(request.name());
        String id = UUID.randomUUID().toString();
        String subject = request.subject() == null ? id
                : UserFields.text("subject", request.subject(), UserFields.MAX_NAME_LENGTH);
        Instant now = now();
        User user = new User(id, caller.tenantId(), name, email, subject, roles(request.assignedRoles()),
                UserStatus.ACTIVE, now, now);
        try {
            store.insert(user, IdentityAudit.userCreated(caller, user));
        } catch (UserStore.DuplicateUser e) {
            String value = e.field().equals("email") ? email : subject;
            throw new ApiException(ErrorCode.USER_EXISTS, "This tenant already has a user with " + e.field()
                    + " '" + value + "'");
        }
        return user;
    }

    private static Set<Role> roles(@Nullable List<RoleReference> references) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (references == null) {
            return roles;
        }
        for (int i = 0; i < references.size(); i++) {
            RoleReference ref = references.get(i);
            String where = "assignedRoles[" + i + "]";
            roles.add(ref == null ? RoleRefs.resolve(null, null, where) : RoleRefs.resolve(ref.id(), ref.name(), where));
        }
        return roles;
    }

    public void patch(Caller caller, String id, List<PatchOperation> operations) {
        requireTenantAdmin(caller, "change users");
        UserPatch patch = UserPatch.parse(operations);
        Instant now = now();
        try {
            store.update(caller.tenantId(), id, user -> patch.applyTo(user, now),
                            (before, after) -> IdentityAudit.userUpdated(caller, before, after))
                    .orElseThrow(() -> notFound(id));
        } catch (UserStore.LastTenantAdmin e) {
            throw lastTenantAdmin(id, "disabled or lose the TenantAdmin role");
        }
    }

    public void delete(Caller caller, String id, boolean force) {
        requireTenantAdmin(caller, "delete users");
        try {
            if (!store.delete(caller.tenantId(), id, force, caller, now())) {
                throw notFound(id);
            }
        } catch (UserStore.LastTenantAdmin e) {
            throw lastTenantAdmin(id, "be deleted");
        } catch (UserStore.OwnsResources e) {
            throw ownsResources(id, e);
        }
    }

    /** Names what the user owns, connections first, and how to let the deletion through. */
    private static ApiException ownsResources(String id, UserStore.OwnsResources e) {
        boolean connections = e.connections().count() > 0;
        String owned = connections
                ? named(e.connections(), "connection") + (e.automations().count() > 0 ? "; and " : "") : "";
        owned += e.automations().count() > 0 ? named(e.automations(), "automation") : "";
        return new ApiException(connections ? ErrorCode.USER_HAS_CONNECTIONS : ErrorCode.USER_HAS_AUTOMATIONS,
                "User " + id + " owns " + owned + ". Give them to another user (POST /api/v1/automation-connections/{id}"
                        + "/actions/change-owner, POST /api/v1/automations/{id}/actions/change-owner),"
                        + " or delete the user with ?force=true to delete them with it");
    }

    /** "3 connections: 'a' (id1), 'b' (id2) and 1 more". */
    private static String named(UserStore.Owned owned, String kind) {
        int more = owned.count() - owned.first().size();
        return owned.count() + " " + kind + (owned.count() == 1 ? "" : "s") + ": "
                + owned.first().stream().map(c -> "'" + c.name() + "' (" + c.id() + ")").collect(Collectors.joining(", "))
                + (more > 0 ? " and " + more + " more" : "");
    }

    private static ApiException lastTenantAdmin(String id, String what) {
        return new ApiException(ErrorCode.LAST_TENANT_ADMIN, "User " + id + " is the tenant's last active "
                + "TenantAdmin and cannot " + what + ": a tenant must keep an administrator who can manage its users."
                + " Make another user an active TenantAdmin first");
    }

    private static void requireTenantAdmin(Caller caller, String what) {
        if (!caller.isTenantAdmin()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only a TenantAdmin may " + what);
        }
    }

    private static ApiException notFound(String id) {
        return new ApiException(ErrorCode.USER_NOT_FOUND, "No user with id '" + id + "' in this tenant");
    }

    /** Microseconds, the stored precision, so that what a call answers is what a later read answers. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** A role given by id or by name. */
    public record RoleReference(@Nullable String id, @Nullable String name) {
    }

    /** A create request, as the domain takes it; null fields are absent. */
    public record NewUser(@Nullable String name, @Nullable String email, @Nullable String subject,
                          @Nullable String status, @Nullable String tenantId,
                          @Nullable List<RoleReference> assignedRoles) {
    }
}
