package io.autoconn.access;

import io.autoconn.identity.Caller;
import io.autoconn.spaces.Membership;
import io.autoconn.spaces.SpaceRole;
import io.autoconn.spaces.SpaceType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may do what to a space itself, as Qlik's help pages describe it. "Admin" is a TenantAdmin or
 * AnalyticsAdmin of the space's tenant (Qlik lets both administer spaces).
 *
 * <ul>
 *   <li>See a space: its members (the owner and every assigned user) and admins; anyone else gets 404.</li>
 *   <li>Rename it, change its description, delete it, see and manage its assignments: the space's owner,
 *       its facilitators ("Can manage") and admins; other members get 403.</li>
 *   <li>Give it another owner: admins only.</li>
 *   <li>Create one: any user creates a shared space; managed and data spaces are created by admins
 *       (autoconn has no ManagedSpaceCreator/DataSpaceCreator roles).</li>
 * </ul>
 */
public final class SpaceAccess {
    /** The roles that manage a space, its members and (see {@link ContentAccess}) every connection and automation in it. */
    static final Set<SpaceRole> MANAGERS = EnumSet.of(SpaceRole.FACILITATOR);

    private SpaceAccess() {
    }

    public static boolean canSee(Caller caller, Membership m) {
        return m.isMember() || caller.isAdmin();
    }

    /** Renaming, describing, deleting, and seeing or changing the assignments of a space. */
    public static Verdict manage(Caller caller, Membership m, String action) {
        if (!canSee(caller, m)) {
            return Verdict.hidden();
        }
        return Verdict.allowedIf(m.holdsAny(MANAGERS) || caller.isAdmin(), "To " + action + " of space '"
                + m.space().name() + "' you must own the space, hold its facilitator role, or be a TenantAdmin or "
                + "AnalyticsAdmin; you hold " + describe(m.roles()));
    }

    public static Verdict changeOwner(Caller caller, Membership m) {
        if (!canSee(caller, m)) {
            return Verdict.hidden();
        }
        return Verdict.allowedIf(caller.isAdmin(),
                "Only a TenantAdmin or AnalyticsAdmin may give space '" + m.space().name() + "' another owner");
    }

    public static Verdict create(Caller caller, SpaceType type) {
        return Verdict.allowedIf(type == SpaceType.SHARED || caller.isAdmin(), "Only a TenantAdmin or "
                + "AnalyticsAdmin may create a " + type.qlikName() + " space; any user may create a shared space");
    }

    /** Qlik's {@code meta.actions} of a space for this caller (ActionName values). */
    public static List<String> actions(Caller caller, Membership m) {
        List<String> actions = new ArrayList<>();
        if (changeOwner(caller, m).isAllowed()) {
            actions.add("change_owner");
        }
        if (ContentAccess.placeIn(caller, "connection", m).isAllowed()) {
            actions.add("create");
        }
        if (manage(caller, m, "delete").isAllowed()) {
            actions.add("delete");
        }
        if (m.space().type() == SpaceType.MANAGED && m.holdsAny(EnumSet.of(SpaceRole.PUBLISHER))) {
            actions.add("publish");
        }
        actions.add("read");
        if (manage(caller, m, "update").isAllowed()) {
            actions.add("update");
        }
        return actions;
    }

    static String describe(Set<SpaceRole> roles) {
        return roles.isEmpty() ? "no role in it"
                : roles.stream().map(SpaceRole::qlikName).collect(Collectors.joining(", "));
    }
}
