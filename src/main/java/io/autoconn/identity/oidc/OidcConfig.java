package io.autoconn.identity.oidc;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * Sign-in with JWT bearer tokens of an OIDC issuer ({@code autoconn.oidc.*}, fed by {@code AUTOCONN_OIDC_*}; the
 * README's "Signing in with OIDC" explains each). Off while {@code issuer} is blank.
 */
@ConfigurationProperties("autoconn.oidc")
public class OidcConfig {
    private String issuer = "";
    private String audience = "";
    private String jwksUrl = "";
    private Duration clockSkew = Duration.ofSeconds(60);
    private Duration httpTimeout = Duration.ofSeconds(5);
    private Duration jwksCacheTtl = Duration.ofMinutes(5);
    private Duration jwksMinRefreshInterval = Duration.ofSeconds(30);
    private String tenant = "";
    private String tenantClaim = "tenant";
    private String rolesClaim = "roles";
    private String roleMapping = "";
    private String nameClaim = "name";
    private String emailClaim = "email";
    private boolean createUsers;

    public boolean enabled() {
        return !issuer.isEmpty();
    }

    public String getIssuer() {
        return issuer;
    }

    /** Kept exactly as given (but stripped): {@code iss} must equal it, trailing slash included. */
    public void setIssuer(@Nullable String issuer) {
        this.issuer = strip(issuer);
    }

    public String getAudience() {
        return audience;
    }

    public void setAudience(@Nullable String audience) {
        this.audience = strip(audience);
    }

    /** Blank: from the issuer's discovery document. */
    public String getJwksUrl() {
        return jwksUrl;
    }

    public void setJwksUrl(@Nullable String jwksUrl) {
        this.jwksUrl = strip(jwksUrl);
    }

    public Duration getClockSkew() {
        return clockSkew;
    }

    public void setClockSkew(Duration clockSkew) {
        this.clockSkew = clockSkew;
    }

    /** Connect and read timeout of each discovery or JWKS request. */
    public Duration getHttpTimeout() {
        return httpTimeout;
    }

    public void setHttpTimeout(Duration httpTimeout) {
        this.httpTimeout = httpTimeout;
    }

    public Duration getJwksCacheTtl() {
        return jwksCacheTtl;
    }

    public void setJwksCacheTtl(Duration jwksCacheTtl) {
        this.jwksCacheTtl = jwksCacheTtl;
    }

    /** At most two JWKS fetches per this interval, however many tokens name an unknown key. */
    public Duration getJwksMinRefreshInterval() {
        return jwksMinRefreshInterval;
    }

    public void setJwksMinRefreshInterval(Duration jwksMinRefreshInterval) {
        this.jwksMinRefreshInterval = jwksMinRefreshInterval;
    }

    /** The one tenant (name or id) every token signs in to; blank: the tenant claim says. */
    public String getTenant() {
        return tenant;
    }

    public void setTenant(@Nullable String tenant) {
        this.tenant = strip(tenant);
    }

    public String getTenantClaim() {
        return tenantClaim;
    }

    public void setTenantClaim(@Nullable String tenantClaim) {
        this.tenantClaim = strip(tenantClaim);
    }

    public String getRolesClaim() {
        return rolesClaim;
    }

    public void setRolesClaim(@Nullable String rolesClaim) {
        this.rolesClaim = strip(rolesClaim);
    }

    /** {@code value=Role,...}: claim values naming a role other than by its Qlik name. */
    public String getRoleMapping() {
        return roleMapping;
    }

    public void setRoleMapping(@Nullable String roleMapping) {
        this.roleMapping = strip(roleMapping);
    }

    public String getNameClaim() {
        return nameClaim;
    }

    public void setNameClaim(@Nullable String nameClaim) {
        this.nameClaim = strip(nameClaim);
    }

    public String getEmailClaim() {
        return emailClaim;
    }

    public void setEmailClaim(@Nullable String emailClaim) {
        this.emailClaim = strip(emailClaim);
    }

    public boolean isCreateUsers() {
        return createUsers;
    }

    public void setCreateUsers(boolean createUsers) {
        this.createUsers = createUsers;
    }

    private static String strip(@Nullable String value) {
        return value == null ? "" : value.strip();
    }
}
