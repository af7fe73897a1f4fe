package io.autoconn.identity.oidc;

import com.nimbusds.jwt.JWTClaimsSet;
import io.autoconn.error.ApiException;
import io.autoconn.error.ErrorCode;
import io.autoconn.identity.Role;
import io.micronaut.core.annotation.Nullable;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a verified token says about its caller, read through the configured claim names. A claim name may be a
 * dotted path into nested objects ({@code realm_access.roles}, as Keycloak nests roles).
 */
final class SignInClaims {
    private final OidcConfig config;
    private final Map<String, Role> roleNames;

    SignInClaims(OidcConfig config) {
        this.config = config;
        this.roleNames = roleNames(config.getRoleMapping());
    }

    /** Each role under its Qlik name, plus the configured {@code value=Role} pairs. */
    private static Map<String, Role> roleNames(String mapping) {
        Map<String, Role> names = new HashMap<>();
        for (Role role : Role.values()) {
            names.put(role.qlikName(), role);
        }
        for (String pair : mapping.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            String[] parts = pair.split("=", 2);
            Role role = parts.length == 2 ? Role.fromQlikName(parts[1].strip()).orElse(null) : null;
            if (role == null) {
                throw new IllegalStateException("AUTOCONN_OIDC_ROLE_MAPPING: '" + pair.strip() + "' is not"
                        + " value=Role with Role one of " + Role.names());
            }
            names.put(parts[0].strip(), role);
        }
        return Map.copyOf(names);
    }

    /** The tenant (name or id) the token signs in to: the configured one, else the tenant claim's. */
    String tenant(JWTClaimsSet claims) {
        if (!config.getTenant().isEmpty()) {
            return config.getTenant();
        }
        return text(claims, config.getTenantClaim()).orElseThrow(() -> new ApiException(ErrorCode.UNAUTHORIZED,
                "The token has no '" + config.getTenantClaim() + "' claim naming the tenant to sign in to"));
    }

    /**
     * The roles the token grants; empty when it has no roles claim (the stored roles stand then). Values that
     * name no role are ignored: issuers put other applications' roles there too.
     */
    Optional<Set<Role>> roles(JWTClaimsSet claims) {
        Object value = claim(claims, config.getRolesClaim());
        if (value == null) {
            return Optional.empty();
        }
        Collection<?> values = value instanceof Collection<?> list ? list : List.of(value.toString().split("[\\s,]+"));
        Set<Role> roles = EnumSet.noneOf(Role.class);
        values.stream().map(v -> roleNames.get(String.valueOf(v))).filter(r -> r != null).forEach(roles::add);
        return Optional.of(roles);
    }

    Optional<String> name(JWTClaimsSet claims) {
        return text(claims, config.getNameClaim());
    }

    Optional<String> email(JWTClaimsSet claims) {
        return text(claims, config.getEmailClaim());
    }

    private static Optional<String> text(JWTClaimsSet claims, String path) {
        Object value = claim(claims, path);
        return value instanceof String s && !s.isBlank() ? Optional.of(s.strip()) : Optional.empty();
    }

    @Nullable
    private static Object claim(JWTClaimsSet claims, String path) {
        Object value = claims.getClaims();
        for (String step : path.split("\\.")) {
            if (!(value instanceof Map<?, ?> object)) {
                return null;
            }
            value = object.get(step);
        }
        return value;
    }
}
