package io.autoconn.identity.oidc;

import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * Nimbus' claims verification (issuer, audience, expiry and not-before with a clock skew, required claims), whose
 * refusals are restated as a precise sentence for the caller: which claim, what it says, what was expected.
 */
final class ClaimsCheck extends DefaultJWTClaimsVerifier<SecurityContext> {
    private static final List<String> REQUIRED = List.of("iss", "sub", "exp");

    private final String issuer;
    private final String audience;
    private final Duration skew;

    ClaimsCheck(String issuer, String audience, Duration skew) {
        super(Set.of(audience), new JWTClaimsSet.Builder().issuer(issuer).build(), Set.copyOf(REQUIRED), null);
        setMaxClockSkew(Math.toIntExact(skew.toSeconds()));
        this.issuer = issuer;
        this.audience = audience;
        this.skew = skew;
    }

    @Override
    public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
        try {
            super.verify(claims, context);
        } catch (BadJWTException e) {
            throw new Refused(explain(claims, e));
        }
    }

    private String explain(JWTClaimsSet claims, BadJWTException e) {
        Instant now = currentTime().toInstant();
        for (String claim : REQUIRED) {
            if (claims.getClaim(claim) == null) {
                return "The token has no '" + claim + "' claim";
            }
        }
        Date exp = claims.getExpirationTime();
        if (exp.toInstant().plus(skew).isBefore(now)) {
            return "The token expired at " + exp.toInstant() + " (allowed clock skew " + skew.toSeconds() + "s)";
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && nbf.toInstant().minus(skew).isAfter(now)) {
            return "The token is not valid before " + nbf.toInstant() + " (allowed clock skew " + skew.toSeconds() + "s)";
        }
        if (!issuer.equals(claims.getIssuer())) {
            return "The token was issued by '" + claims.getIssuer() + "'; this server accepts tokens of '" + issuer + "'";
        }
        if (!claims.getAudience().contains(audience)) {
            return "The token's audience " + claims.getAudience() + " does not include '" + audience + "'";
        }
        return "The token's claims are refused: " + e.getMessage();
    }

    /** A refusal whose message is the sentence for the caller. */
    static final class Refused extends BadJWTException {
        Refused(String message) {
            super(message);
        }
    }
}
