package io.autoconn.identity;

import io.autoconn.error.ApiException;
import io.autoconn.error.ErrorCode;
import io.micronaut.core.annotation.Nullable;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * References to roles as clients send them: {@code {"id": ...}} or {@code {"name": ...}} objects
 * (Qlik's RefIDs and RefNames), or bare names in the deprecated {@code roles} field.
 */
final class RoleRefs {
    private RoleRefs() {
    }

    /** The role an {@code {"id"}} or {@code {"name"}} reference names; {@code where} says where it was. */
    static Role resolve(@Nullable String id, @Nullable String name, String where) {
        if (id == null && name == null) {
            throw new ApiException(ErrorCode.UNKNOWN_ROLE, where + ": a role reference needs an id or a name");
        }
        String given = id != null ? id : name;
        return Role.fromQlikName(given).orElseThrow(() -> new ApiException(ErrorCode.UNKNOWN_ROLE, where
                + ": there is no role '" + given + "'; the roles are " + Role.names()
                + " (a user with none of them is a plain user)"));
    }

    /** The role a JSON value names: a reference object, or a bare name when {@code bareNames}. */
    static Role resolve(@Nullable Object value, boolean bareNames, String where) {
        if (bareNames && value instanceof String name) {
            return resolve(null, name, where);
        }
        if (value instanceof Map<?, ?> ref && isText(ref.get("id")) && isText(ref.get("name"))) {
            return resolve((String) ref.get("id"), (String) ref.get("name"), where);
        }
        throw new ApiException(ErrorCode.INVALID_PATCH, where + ": expected "
                + (bareNames ? "a role name such as \"TenantAdmin\"" : "a role reference such as {\"name\": \"TenantAdmin\"}"));
    }

    /** The roles a JSON value names: one role, or a list of them. */
    static Set<Role> resolveAll(@Nullable Object value, boolean bareNames, String where) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (value instanceof List<?> list) {
            list.forEach(item -> roles.add(resolve(item, bareNames, where)));
        } else {
            roles.add(resolve(value, bareNames, where));
        }
        return roles;
    }

    private static boolean isText(@Nullable Object value) {
        return value == null || value instanceof String;
    }
}
