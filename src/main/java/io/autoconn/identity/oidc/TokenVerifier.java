package io.autoconn.identity.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.autoconn.error.ApiException;
import io.autoconn.error.ErrorCode;
import java.security.Key;
import java.text.ParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a JWT bearer token: an asymmetric signature (RS*, PS*, ES*; never {@code none} or an HMAC, whose "key"
 * would be public) by one of the issuer's keys, then its claims ({@link ClaimsCheck}). Every refusal is a 401
 * saying precisely why, without the token; an issuer whose keys cannot be fetched is a 503.
 */
final class TokenVerifier {
    private static final Logger LOG = LoggerFactory.getLogger(TokenVerifier.class);
    static final Set<JWSAlgorithm> ACCEPTED = accepted();
    /** Plain JWTs and RFC 9068 access tokens. */
    private static final Set<JOSEObjectType> TYPES = Set.of(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"),
            new JOSEObjectType("application/at+jwt"));

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final String issuer;

    TokenVerifier(OidcConfig config, IssuerKeys keys) {
        this.issuer = config.getIssuer();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(typesOrNone()));
        processor.setJWSKeySelector(new KnownKeys(new JWSVerificationKeySelector<>(ACCEPTED, keys)));
        processor.setJWTClaimsSetVerifier(new ClaimsCheck(config.getIssuer(), config.getAudience(),
                config.getClockSkew()));
    }

    private static Set<JWSAlgorithm> accepted() {
        Set<JWSAlgorithm> algorithms = new HashSet<>(JWSAlgorithm.Family.RSA);
        algorithms.addAll(JWSAlgorithm.Family.EC);
        return Set.copyOf(algorithms);
    }

    private static Set<JOSEObjectType> typesOrNone() {
        Set<JOSEObjectType> types = new HashSet<>(TYPES);
        types.add(null); // most issuers send "JWT" or nothing
        return types;
    }

    /** The verified claims. */
    JWTClaimsSet verify(String token) {
        SignedJWT jwt = signed(token);
        JWSAlgorithm algorithm = jwt.getHeader().getAlgorithm();
        if (!ACCEPTED.contains(algorithm)) {
            throw refused("The token is signed with " + algorithm + "; only asymmetric signatures (RS*, PS*, ES*) "
                    + "by the issuer's published keys are accepted");
        }
        try {
            return processor.process(jwt, null);
        } catch (UnknownKey e) {
            throw refused("The token is signed with a key the issuer " + issuer + " does not publish (kid "
                    + kid(jwt.getHeader()) + ")");
        } catch (BadJWSException e) {
            throw refused("The token's signature does not verify with the issuer's key (kid " + kid(jwt.getHeader())
                    + ")");
        } catch (ClaimsCheck.Refused e) {
            throw refused(e.getMessage());
        } catch (KeySourceException e) {
            LOG.warn("OIDC: the signing keys of {} cannot be fetched: {}", issuer, e.getMessage());
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "The OIDC issuer " + issuer + " cannot be reached"
                    + " for its signing keys; API keys still work. Try again later");
        } catch (BadJOSEException | JOSEException e) {
            throw refused("The token is refused: " + e.getMessage());
        }
    }

    private static SignedJWT signed(String token) {
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            throw refused("The bearer token looks like a JWT but does not parse: " + e.getMessage());
        }
        if (jwt instanceof SignedJWT signed) {
            return signed;
        }
        // Three segments (see OidcAuthenticator) and not signed: alg none.
        throw refused("The token is unsigned (alg none); only tokens signed by the issuer are accepted");
    }

    private static String kid(JWSHeader header) {
        return header.getKeyID() == null ? "none" : "'" + header.getKeyID() + "'";
    }

    private static ApiException refused(String detail) {
        return new ApiException(ErrorCode.UNAUTHORIZED, detail);
    }

    /**
     * The issuer's keys for a token's header. None, or a refetch refused by the rate limit (the key was unknown
     * to the keys at hand), is {@link UnknownKey}, told apart from an issuer that cannot be reached.
     */
    private record KnownKeys(JWSKeySelector<SecurityContext> keys) implements JWSKeySelector<SecurityContext> {
        @Override
        public List<? extends Key> selectJWSKeys(JWSHeader header, SecurityContext context) throws KeySourceException {
            List<? extends Key> found;
            try {
                found = keys.selectJWSKeys(header, context);
            } catch (RateLimitReachedException e) {
                throw new UnknownKey();
            }
            if (found.isEmpty()) {
                throw new UnknownKey();
            }
            return found;
        }
    }

    private static final class UnknownKey extends KeySourceException {
        UnknownKey() {
            super("No key of the issuer matches the token's header");
        }
    }
}
