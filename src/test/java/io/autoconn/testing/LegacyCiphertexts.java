package io.autoconn.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * v1 ciphertexts as autoconn wrote them before envelope encryption (AES-256-GCM straight under the master
 * key, {@code v1.<first 4 bytes of SHA-256(key), hex>.<base64url(nonce|ciphertext|tag)>}, associated data
 * {@code tenant\0connection\0param}), written here independently of the production code, so tests prove
 * old rows still read rather than that the code agrees with itself.
 */
public final class LegacyCiphertexts {
    /** A value written by the pre-envelope code with {@link #GOLDEN_KEY} for tenant-1/connection-1/param-1. */
    public static final String GOLDEN = "v1.ab5f8b5c.ROUFXYPMiXw71c9eA747QdTmLKaXIb_5vtKlgu9VZhhIoHUUu03XFlLjBjY";
    public static final String GOLDEN_KEY = "AwoRGB8mLTQ7QklQV15lbHN6gYiPlp2kq7K5wMfO1dw=";
    public static final String GOLDEN_PLAINTEXT = "v1-legacy-Canary";

    private LegacyCiphertexts() {
    }

    public static String encrypt(String base64MasterKey, String plaintext, String tenantId, String connectionId,
                                 String paramId) {
        try {
            byte[] key = Base64.getDecoder().decode(base64MasterKey);
            byte[] nonce = new byte[12];
            new SecureRandom().nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            cipher.updateAAD((tenantId + '\u0000' + connectionId + '\u0000' + paramId).getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[12 + sealed.length];
            System.arraycopy(nonce, 0, out, 0, 12);
            System.arraycopy(sealed, 0, out, 12, sealed.length);
            String keyId = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key), 0, 4);
            return "v1." + keyId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
