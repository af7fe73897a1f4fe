package io.autoconn.spaces;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * What one user is in one space: its owner, who holds every role the space type can assign without
 * an assignment (as in Qlik), a member through an assignment, or nothing (no roles).
 */
public record Membership(Space space, String userId, Set<SpaceRole> assignedRoles) {
    public Membership {
        assignedRoles = Collections.unmodifiableSet(
                assignedRoles.isEmpty() ? EnumSet.noneOf(SpaceRole.class) : EnumSet.copyOf(assignedRoles));
    }

    public boolean isOwner() {
        return space.ownerId().equals(userId);
    }

    public boolean isMember() {
        return isOwner() || !assignedRoles.isEmpty();
    }

    /** The roles the user holds here: all assignable ones for the owner, else the assigned ones. */
    public Set<SpaceRole> roles() {
        if (!isOwner()) {
            return assignedRoles;
        }
        EnumSet<SpaceRole> all = EnumSet.copyOf(space.type().assignableRoles());
        all.addAll(assignedRoles);
        return Collections.unmodifiableSet(all);
    }

    public boolean holdsAny(Set<SpaceRole> wanted) {
        return roles().stream().anyMatch(wanted::contains);
    }
}
