package io.autoconn.storage;

import io.autoconn.identity.Role;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How {@code users.roles} holds a user's roles: their Qlik names, sorted, comma-separated. No role name
 * contains another, so a {@code LIKE '%TenantAdmin%'} finds exactly the tenant admins.
 */
final class RoleColumn {
    private static final String SEPARATOR = ",";

    private RoleColumn() {
    }

    static Set<Role> parse(String roles) {
        Set<Role> parsed = EnumSet.noneOf(Role.class);
        Arrays.stream(roles.split(SEPARATOR)).map(String::strip)
                .flatMap(name -> Role.fromQlikName(name).stream())
                .forEach(parsed::add);
        return parsed;
    }

    static String format(Set<Role> roles) {
        return roles.stream().map(Role::qlikName).sorted().collect(Collectors.joining(SEPARATOR));
    }
}
