package io.autoconn.connectors;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A connector file's optional {@code oauth2} block: how connections of this connector get and renew their
 * tokens. URLs may name params as {@code {paramName}} (a generic connector takes its endpoints from the
 * connection); the client id and secret always come from the params this block names.
 *
 * @param grant            {@code authorization_code} (with PKCE S256) or {@code client_credentials}
 * @param authorizeUrl     the provider's authorization endpoint (authorization_code only)
 * @param tokenUrl         the token endpoint
 * @param userinfoUrl      requested with the access token by every check, and where the account name comes from;
 *                         without it the account name is read from the id token and a check only needs a token
 * @param accountNameClaim the claim naming the account (userinfo or id token); default {@code sub}
 * @param scopes           requested scopes, space-separated on the wire
 * @param clientIdParam    the (plain) param holding the client id
 * @param clientSecretParam the (password) param holding the client secret; optional for public clients
 */
@Serdeable
public record OAuth2Spec(
        String grant,
        @Nullable String authorizeUrl,
        String tokenUrl,
        @Nullable String userinfoUrl,
        @Nullable String accountNameClaim,
        @Nullable List<String> scopes,
        String clientIdParam,
        @Nullable String clientSecretParam) {
    public static final String AUTHORIZATION_CODE = "authorization_code";
    public static final String CLIENT_CREDENTIALS = "client_credentials";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_]+)}");

    public OAuth2Spec {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }

    public boolean authorizationCode() {
        return AUTHORIZATION_CODE.equals(grant);
    }

    public String accountClaim() {
        return accountNameClaim == null || accountNameClaim.isBlank() ? "sub" : accountNameClaim;
    }

    /** The param names a URL template refers to. */
    static List<String> placeholders(@Nullable String template) {
        if (template == null) {
            return List.of();
        }
        return PLACEHOLDER.matcher(template).results().map(m -> m.group(1)).toList();
    }

    /** {@code template} with every {@code {param}} replaced by its value; empty when one has no value. */
    public static Optional<String> resolve(@Nullable String template, Map<String, String> values) {
        if (template == null) {
            return Optional.empty();
        }
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null || value.isBlank()) {
                return Optional.empty();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value.strip().replaceAll("/+$", "")));
        }
        m.appendTail(out);
        return Optional.of(out.toString());
    }
}
