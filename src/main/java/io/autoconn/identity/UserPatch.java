package io.autoconn.identity;

import io.autoconn.error.ApiException;
import io.autoconn.error.ErrorCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A validated PATCH of a user, in Qlik's JSON Patch form. The whole patch is checked before any of it
 * applies, and applies as one change. Supported:
 * <ul>
 *   <li>{@code replace} (or the deprecated {@code set}) of {@code /name}, {@code /status} ({@code active} or
 *       {@code disabled}), {@code /assignedRoles} (a list of {@code {"id"}} or {@code {"name"}} references) and
 *       the deprecated {@code /roles} (a list of role names);</li>
 *   <li>{@code add} to {@code /assignedRoles} or {@code /assignedRoles/-} (a reference, or a list of them) and
 *       to {@code /roles} (a name or a list of names);</li>
 *   <li>{@code remove-value} from {@code /assignedRoles} or {@code /roles}, with the same values as add.</li>
 * </ul>
 */
public final class UserPatch {
    private static final String SUPPORTED = "/name, /status, /assignedRoles and /roles";

    private final List<UnaryOperator<Draft>> steps;

    private UserPatch(List<UnaryOperator<Draft>> steps) {
        this.steps = List.copyOf(steps);
    }

    /** @throws ApiException INVALID_PATCH or UNKNOWN_ROLE naming the first bad operation */
    public static UserPatch parse(List<PatchOperation> operations) {
        if (operations.isEmpty()) {
            throw new ApiException(ErrorCode.INVALID_PATCH, "The patch has no operations");
        }
        List<UnaryOperator<Draft>> steps = new ArrayList<>();
        for (int i = 0; i < operations.size(); i++) {
            PatchOperation op = operations.get(i);
            if (op == null) {
                throw new ApiException(ErrorCode.INVALID_PATCH, "operation " + (i + 1) + " is null, not an object");
            }
            steps.add(step(op, op.describe(i)));
        }
        return new UserPatch(steps);
    }

    private static UnaryOperator<Draft> step(PatchOperation op, String where) {
        if (op.op() == null || op.path() == null) {
            throw new ApiException(ErrorCode.INVALID_PATCH, where + ": op and path are required");
        }
        String kind = op.op().equals("set") ? "replace" : op.op();
        return switch (op.path()) {
            case "/name" -> {
                requireOp(kind, where, "replace");
                String name = UserFields.text(where + ": name", text(op.value(), where), UserFields.MAX_NAME_LENGTH);
                yield d -> d.name(name);
            }
            case "/status" -> {
                requireOp(kind, where, "replace");
                String value = text(op.value(), where);
                UserStatus status = UserStatus.fromValue(value).orElseThrow(() -> new ApiException(
                        ErrorCode.INVALID_PATCH, where + ": status must be \"active\" or \"disabled\", not \"" + value + "\""));
                yield d -> d.status(status);
            }
            case "/assignedRoles", "/roles" -> roles(kind, op, where, op.path().equals("/roles"));
            case "/assignedRoles/-" -> {
                requireOp(kind, where, "add");
                Set<Role> added = RoleRefs.resolveAll(op.value(), false, where);
                yield d -> d.addRoles(added);
            }
            default -> throw new ApiException(ErrorCode.INVALID_PATCH, where + ": autoconn cannot change "
                    + op.path() + "; the paths it patches are " + SUPPORTED);
        };
    }

    private static UnaryOperator<Draft> roles(String kind, PatchOperation op, String where, boolean bareNames) {
        requireOp(kind, where, "replace", "add", "remove-value");
        if (kind.equals("replace") && !(op.value() instanceof List<?>)) {
            throw new ApiException(ErrorCode.INVALID_PATCH, where + ": replace needs a list of roles ([] for a plain user)");
        }
        Set<Role> named = RoleRefs.resolveAll(op.value(), bareNames, where);
        return switch (kind) {
            case "replace" -> d -> d.roles(named);
            case "add" -> d -> d.addRoles(named);
            default -> d -> d.removeRoles(named);
        };
    }

    private static void requireOp(String kind, String where, String... allowed) {
        if (!List.of(allowed).contains(kind)) {
            throw new ApiException(ErrorCode.INVALID_PATCH, where + ": the op must be " + String.join(" or ", allowed));
        }
    }

    private static String text(Object value, String where) {
        if (value instanceof String s) {
            return s;
        }
        throw new ApiException(ErrorCode.INVALID_PATCH, where + ": value must be a string");
    }

    /** The user with every operation applied in order, last updated at {@code at}. */
    public User applyTo(User user, Instant at) {
        Draft draft = new Draft(user.name(), user.roles(), user.status());
        for (UnaryOperator<Draft> step : steps) {
            draft = step.apply(draft);
        }
        return user.edited(draft.name, draft.roles, draft.status, at);
    }

    /** The editable fields of a user while the operations apply. */
    private record Draft(String name, Set<Role> roles, UserStatus status) {
        Draft name(String newName) {
            return new Draft(newName, roles, status);
        }

        Draft status(UserStatus newStatus) {
            return new Draft(name, roles, newStatus);
        }

        Draft roles(Set<Role> newRoles) {
            return new Draft(name, Set.copyOf(newRoles), status);
        }

        Draft addRoles(Set<Role> added) {
            Set<Role> all = EnumSet.noneOf(Role.class);
            all.addAll(roles);
            all.addAll(added);
            return roles(all);
        }

        Draft removeRoles(Set<Role> removed) {
            Set<Role> left = EnumSet.noneOf(Role.class);
            left.addAll(roles);
            left.removeAll(removed);
            return roles(left);
        }
    }
}
