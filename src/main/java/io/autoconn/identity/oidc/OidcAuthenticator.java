package io.autoconn.identity.oidc;

import com.nimbusds.jwt.JWTClaimsSet;
import io.autoconn.error.ApiException;
import io.autoconn.error.ErrorCode;
import io.autoconn.identity.Caller;
import io.autoconn.identity.IdentityAudit;
import io.autoconn.identity.Role;
import io.autoconn.identity.User;
import io.autoconn.identity.UserFields;
import io.autoconn.identity.UserStatus;
import io.autoconn.storage.DirectoryStore;
import io.autoconn.storage.UserStore;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs in callers whose bearer token is a JWT of the configured OIDC issuer: the token is verified
 * ({@link TokenVerifier}), then mapped to a user of a tenant by its {@code sub}. Unknown subjects are created on
 * first sight when configured (race-safe: the subject is unique per tenant, and a losing racer reads the
 * winner's user), else refused. A token with a roles claim is the authority on the user's roles: a difference
 * is written to the stored user at sign-in (audited), so a demotion at the issuer takes effect at once, as a
 * demotion through the API does for API keys. Created at start-up ({@code @Context}), so that bad settings stop
 * the start instead of failing every request.
 */
@Context
public class OidcAuthenticator {
    private static final Logger LOG = LoggerFactory.getLogger(OidcAuthenticator.class);
    /** Three base64url segments, the last empty for alg none (refused, but with the reason). */
    private static final Pattern JWT = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

    private final OidcConfig config;
    private final @Nullable TokenVerifier verifier;
    private final SignInClaims claims;
    private final DirectoryStore directory;
    private final UserStore users;
    private final Clock clock;

    public OidcAuthenticator(OidcConfig config, DirectoryStore directory, UserStore users, Clock clock) {
        this.config = config;
        this.directory = directory;
        this.users = users;
        this.clock = clock;
        this.claims = new SignInClaims(config);
        this.verifier = config.enabled() ? new TokenVerifier(checked(config), new IssuerKeys(config)) : null;
    }

    private static OidcConfig checked(OidcConfig config) {
        if (config.getAudience().isEmpty()) {
            throw new IllegalStateException("AUTOCONN_OIDC_AUDIENCE must be set with AUTOCONN_OIDC_ISSUER: tokens"
                    + " are accepted only when their 'aud' names this server");
        }
        if (config.getJwksCacheTtl().compareTo(config.getJwksMinRefreshInterval()) <= 0) {
            throw new IllegalStateException("AUTOCONN_OIDC_JWKS_CACHE_TTL must be longer than"
                    + " AUTOCONN_OIDC_JWKS_MIN_REFRESH_INTERVAL");
        }
        return config;
    }

    /** Whether {@code bearer} is for this authenticator (a JWT, with OIDC on), not an API key. Cheap, no I/O. */
    public boolean accepts(String bearer) {
        return verifier != null && JWT.matcher(bearer).matches();
    }

    /**
     * The caller of a JWT bearer token; empty when the token is not a JWT or OIDC is off (it may be an API key).
     *
     * @throws ApiException 401 saying why the token is refused, or 503 when the issuer cannot be reached
     */
    public Optional<Caller> authenticate(String bearer) {
        if (!accepts(bearer)) {
            return Optional.empty();
        }
        JWTClaimsSet verified = verifier.verify(bearer);
        String tenantRef = claims.tenant(verified);
        String tenantId = directory.findTenantId(tenantRef).orElseThrow(() -> refused(
                "The token is for tenant '" + tenantRef + "', which does not exist here"));
        String subject = verified.getSubject();
        if (subject.length() > UserFields.MAX_NAME_LENGTH) {
            throw refused("The token's sub is longer than " + UserFields.MAX_NAME_LENGTH + " characters");
        }
        Optional<Set<Role>> tokenRoles = claims.roles(verified);
        User user = users.findBySubject(tenantId, subject)
                .orElseGet(() -> firstSignIn(tenantId, subject, verified, tokenRoles.orElse(Set.of())));
        if (user.status() != UserStatus.ACTIVE) {
            throw refused("User " + user.id() + " (sub '" + subject + "') is disabled");
        }
        Set<Role> roles = tokenRoles.map(r -> syncRoles(user, r)).orElse(user.roles());
        return Optional.of(new Caller(tenantId, user.id(), roles));
    }

    private User firstSignIn(String tenantId, String subject, JWTClaimsSet verified, Set<Role> roles) {
        if (!config.isCreateUsers()) {
            throw refused("No user of this tenant has the subject '" + subject + "'; a TenantAdmin can create one"
                    + " with that subject (POST /api/v1/users), or the server can create users at first sign-in"
                    + " (AUTOCONN_OIDC_CREATE_USERS=true)");
        }
        String email = claims.email(verified).map(OidcAuthenticator::email).orElse(null);
        String name = claims.name(verified).or(() -> Optional.ofNullable(email)).orElse(subject);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        User user = new User(UUID.randomUUID().toString(), tenantId, shortened(name), email, subject, roles,
                UserStatus.ACTIVE, now, now);
        try {
            users.insert(user, IdentityAudit.userCreatedAtSignIn(user));
            return user;
        } catch (UserStore.DuplicateUser e) {
            if (e.field().equals("email")) {
                throw refused("Another user of this tenant has the email '" + email + "' with another subject; a"
                        + " TenantAdmin must settle which user '" + subject + "' is");
            }
            // A concurrent first request of the same subject created the user: it is this one.
            return users.findBySubject(tenantId, subject).orElseThrow(() -> e);
        }
    }

    private Set<Role> syncRoles(User user, Set<Role> roles) {
        if (roles.equals(user.roles())) {
            return roles;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        try {
            users.update(user.tenantId(), user.id(), u -> u.edited(u.name(), roles, u.status(), now),
                    IdentityAudit::userUpdatedAtSignIn);
        } catch (UserStore.LastTenantAdmin e) {
            // The request still runs with the token's (lesser) roles; only the stored user keeps the role.
            LOG.warn("OIDC: user {} keeps TenantAdmin in storage although their token lacks it: they are the"
                    + " tenant's last active TenantAdmin", user.id());
        }
        return roles;
    }

    private static String email(String value) {
        try {
            return UserFields.email(value);
        } catch (ApiException e) {
            throw refused("The token's email claim cannot be a user's email: " + e.detail());
        }
    }

    private static String shortened(String name) {
        return name.length() <= UserFields.MAX_NAME_LENGTH ? name : name.substring(0, UserFields.MAX_NAME_LENGTH);
    }

    private static ApiException refused(String detail) {
        return new ApiException(ErrorCode.UNAUTHORIZED, detail);
    }
}
