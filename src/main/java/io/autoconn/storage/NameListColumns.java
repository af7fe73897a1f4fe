package io.autoconn.storage;

import io.autoconn.identity.Role;
import io.autoconn.identity.Scope;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Columns that hold a set of names, sorted, between commas: a user's roles (their Qlik names), an API
 * key's scopes. Unknown names are ignored on read, so a name a newer version writes does not break an
 * older one. No role name contains another, so {@code LIKE '%TenantAdmin%'} finds exactly the tenant admins.
 */
final class NameListColumns {
    private static final String SEPARATOR = ",";

    private NameListColumns() {
    }

    static Set<Role> roles(String column) {
        return parse(column, Role.class, Role::fromQlikName);
    }

    static String roles(Set<Role> roles) {
        return format(roles, Role::qlikName);
    }

    static Set<Scope> scopes(String column) {
        return parse(column, Scope.class, Scope::fromValue);
    }

    static String scopes(Set<Scope> scopes) {
        return format(scopes, Scope::value);
    }

    private static <E extends Enum<E>> Set<E> parse(String column, Class<E> type, Function<String, Optional<E>> byName) {
        Set<E> parsed = EnumSet.noneOf(type);
        Arrays.stream(column.split(SEPARATOR)).map(String::strip)
                .flatMap(name -> byName.apply(name).stream())
                .forEach(parsed::add);
        return parsed;
    }

    private static <E> String format(Collection<E> values, Function<E, String> name) {
        return values.stream().map(name).sorted().collect(Collectors.joining(SEPARATOR));
    }
}
