package io.autoconn.identity.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import io.autoconn.error.ApiException;
import io.autoconn.identity.Role;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How claims are read: nested paths, list or space-separated roles, the role mapping, the tenant's source. */
class SignInClaimsTest {
    @Test
    void rolesComeFromANestedListOrASpaceSeparatedStringThroughTheMapping() {
        OidcConfig config = new OidcConfig();
        config.setRolesClaim("realm_access.roles");
        config.setRoleMapping("ops=TenantAdmin, bi = AnalyticsAdmin");
        SignInClaims claims = new SignInClaims(config);

        JWTClaimsSet nested = new JWTClaimsSet.Builder()
                .claim("realm_access", Map.of("roles", List.of("ops", "offline_access"))).build();
        assertThat(claims.roles(nested)).contains(Set.of(Role.TENANT_ADMIN));

        JWTClaimsSet spaced = new JWTClaimsSet.Builder().claim("realm_access", Map.of("roles", "bi TenantAdmin")).build();
        assertThat(claims.roles(spaced)).contains(Set.of(Role.ANALYTICS_ADMIN, Role.TENANT_ADMIN));

        assertThat(claims.roles(new JWTClaimsSet.Builder().claim("realm_access", Map.of()).build()))
                .as("no claim: the stored roles stand").isEqualTo(Optional.empty());
        assertThat(claims.roles(new JWTClaimsSet.Builder()
                .claim("realm_access", Map.of("roles", List.of("nothing-of-ours"))).build()))
                .as("a claim naming none of our roles takes them all").contains(Set.of());
    }

    @Test
    void aMappingToAnUnknownRoleStopsTheStart() {
        OidcConfig config = new OidcConfig();
        config.setRoleMapping("ops=Admin");
        assertThatThrownBy(() -> new SignInClaims(config)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'ops=Admin'").hasMessageContaining("TenantAdmin, AnalyticsAdmin");
    }

    @Test
    void theFixedTenantWinsOverTheClaim() {
        OidcConfig config = new OidcConfig();
        JWTClaimsSet token = new JWTClaimsSet.Builder().claim("org", "acme").build();
        config.setTenantClaim("org");
        assertThat(new SignInClaims(config).tenant(token)).isEqualTo("acme");
        config.setTenant("default");
        assertThat(new SignInClaims(config).tenant(token)).isEqualTo("default");
        config.setTenant("");
        config.setTenantClaim("tenant");
        assertThatThrownBy(() -> new SignInClaims(config).tenant(token)).isInstanceOf(ApiException.class)
                .hasMessageContaining("no 'tenant' claim");
    }
}
