package io.autoconn.access;

import static io.autoconn.spaces.SpaceRole.CODEVELOPER;
import static io.autoconn.spaces.SpaceRole.FACILITATOR;
import static io.autoconn.spaces.SpaceRole.OPERATOR;
import static io.autoconn.spaces.SpaceRole.PRODUCER;

import io.autoconn.identity.Caller;
import io.autoconn.spaces.Membership;
import io.autoconn.spaces.SpaceRole;
import io.autoconn.spaces.SpaceType;
import io.micronaut.core.annotation.Nullable;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The permission matrix of what lives in spaces, automation connections and automations alike: for
 * every operation, whether a caller may do it. The only place these rules live; the services ask it
 * through {@link ContentGuard} and nothing else decides. Below, "connection" stands for either.
 *
 * <p>A connection is personal (no space: its owner's personal space) or in a shared, managed or data
 * space. "Admin" is a TenantAdmin or AnalyticsAdmin of the connection's tenant; another tenant's
 * connections never reach this class (every read is scoped to the caller's tenant).
 *
 * <ul>
 *   <li><b>See</b> (get, list, check): the connection's owner, every member of its space (any role),
 *       admins. Anyone else does not learn that it exists (404).</li>
 *   <li><b>Edit</b> (update, and moving it out of its space): a personal connection by its owner only;
 *       a space connection by the space's managers (its owner and facilitators), and by the
 *       connection's owner while they hold a {@link #CONTRIBUTORS contributing} role there.
 *       Admins do not edit what is not theirs: an edit keeps the stored secrets and re-runs the check
 *       against the (new) target, so editing someone else's connection could send their credentials
 *       anywhere.</li>
 *   <li><b>Delete</b>: whoever may edit, and admins (removing a connection discloses nothing).</li>
 *   <li><b>Change owner</b>: the connection's owner and admins.</li>
 *   <li><b>Place</b> a connection in a space (create it there, or move it there): members holding a
 *       contributing role of that space type. A space the caller cannot see is an unknown space.
 *       Anyone may create in their personal space; moving a connection out of a space returns it to
 *       its owner's personal space, which needs edit rights on it.</li>
 * </ul>
 * Seen but not allowed is 403 with the reason; not seen is 404, so no caller can probe for connections.
 */
public final class ContentAccess {
    /** The connection operations that act on an existing connection. */
    public enum Operation {
        READ("read"), CHECK("check"), UPDATE("update"), DELETE("delete"), CHANGE_OWNER("change the owner of"),
        CHANGE_SPACE("move"), ENABLE_DISABLE("enable or disable");

        private final String verb;

        Operation(String verb) {
            this.verb = verb;
        }

        public String verb() {
            return verb;
        }
    }

    /**
     * Per space type, the roles that may put connections into a space and let a connection's owner keep
     * editing it there: those that create content in Qlik's role tables (shared "Can edit" and "Can edit
     * data in apps"; managed "Can operate", which runs the space's reloads; data "Can edit"), plus
     * "Can manage". A space's owner holds every role, so these include the owner.
     */
    static final Map<SpaceType, Set<SpaceRole>> CONTRIBUTORS = Map.of(
            SpaceType.SHARED, EnumSet.of(FACILITATOR, PRODUCER, CODEVELOPER),
            SpaceType.MANAGED, EnumSet.of(FACILITATOR, OPERATOR),
            SpaceType.DATA, EnumSet.of(FACILITATOR, PRODUCER));

    private ContentAccess() {
    }

    /**
     * @param ownerId the connection's owner
     * @param space the caller's membership of the connection's space (holding no roles when they have
     *     none), or null for a personal connection
     */
    public static Verdict decide(Caller caller, Operation operation, String noun, String ownerId,
                                 @Nullable Membership space) {
        boolean owner = caller.userId().equals(ownerId);
        if (!seesWherever(caller, ownerId) && (space == null || !space.isMember())) {
            return Verdict.hidden();
        }
        return switch (operation) {
            case READ, CHECK -> Verdict.allowed();
            case UPDATE, CHANGE_SPACE, ENABLE_DISABLE -> edit(owner, operation, noun, space);
            case DELETE -> caller.isAdmin() ? Verdict.allowed() : edit(owner, operation, noun, space);
            case CHANGE_OWNER -> Verdict.allowedIf(owner || caller.isAdmin(),
                    "only its owner or a TenantAdmin or AnalyticsAdmin may change the owner of " + article(noun));
        };
    }

    /**
     * Whether {@code caller} sees (reads, checks) the connection owned by {@code ownerId} whatever space it is in:
     * its owner and admins do. Anyone else sees it only as a member of its space.
     */
    public static boolean seesWherever(Caller caller, String ownerId) {
        return caller.userId().equals(ownerId) || caller.isAdmin();
    }

    private static Verdict edit(boolean owner, Operation operation, String noun, @Nullable Membership space) {
        if (space == null) {
            return Verdict.allowedIf(owner, "a personal " + noun + " is its owner's alone to " + operation.verb()
                    + (operation == Operation.UPDATE ? "" : " (administrators may delete it or change its owner)"));
        }
        Set<SpaceRole> contributors = CONTRIBUTORS.get(space.space().type());
        return Verdict.allowedIf(space.holdsAny(SpaceAccess.MANAGERS) || owner && space.holdsAny(contributors),
                "to " + operation.verb() + " " + article(noun) + " in " + describe(space) + " you must own the space, "
                        + "hold its facilitator role, or own the " + noun + " and hold one of "
                        + SpaceAccess.describe(contributors) + " there; you hold " + SpaceAccess.describe(space.roles()));
    }

    /**
     * Whether the caller may put a connection into {@code target} (create it there, or move it there);
     * null is the connection owner's personal space.
     */
    public static Verdict placeIn(Caller caller, String noun, @Nullable Membership target) {
        if (target == null) {
            return Verdict.allowed();
        }
        if (!SpaceAccess.canSee(caller, target)) {
            return Verdict.hidden();
        }
        Set<SpaceRole> contributors = CONTRIBUTORS.get(target.space().type());
        return Verdict.allowedIf(target.holdsAny(contributors), "To put " + article(noun) + " in " + describe(target)
                + " you must hold one of " + SpaceAccess.describe(contributors) + " there (the space's owner holds "
                + "them all); you hold " + SpaceAccess.describe(target.roles()));
    }

    private static String article(String noun) {
        return ("aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
    }

    private static String describe(Membership space) {
        return space.space().type().qlikName() + " space '" + space.space().name() + "'";
    }
}
