package io.autoconn.oauth;

import io.autoconn.secrets.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Collectors;

/** PKCE (RFC 7636, S256) and the random values of the authorization code flow. */
record Pkce(Secret verifier, String challenge) {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    static Pkce generate() {
        String verifier = randomToken();
        return new Pkce(Secret.of(verifier), B64.encodeToString(sha256(verifier)));
    }

    /** 256 random bits, base64url: a verifier (43 characters, as RFC 7636 asks) or a state. */
    static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return B64.encodeToString(bytes);
    }

    /** The stored form of a state: whoever reads the table cannot replay it. */
    static String sha256Hex(String value) {
        return HexFormat.of().formatHex(sha256(value));
    }

    static String form(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> OAuthClient.encode(e.getKey()) + "=" + OAuthClient.encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
