package io.autoconn.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for secret parameter values at rest. Each value gets a fresh 96-bit nonce, and the
 * associated data binds the ciphertext to its tenant, connection and param: a ciphertext copied into
 * another row fails to decrypt. The text form, {@code v1.<keyId>.<base64url(nonce|ciphertext|tag)>},
 * names the key it was made with, so keys can be rotated later.
 */
public final class SecretCipher {
    private static final String FORMAT = "v1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final SecretKey key;
    private final String keyId;

    public SecretCipher(byte[] keyBytes) {
        if (keyBytes.length != 32) {
            throw new IllegalArgumentException("The master key must be 32 bytes (AES-256), got " + keyBytes.length);
        }
        this.key = new SecretKeySpec(keyBytes, "AES");
        this.keyId = keyIdOf(keyBytes);
    }

    /** Where a secret belongs; it is the AES-GCM associated data. */
    public record Binding(String tenantId, String connectionId, String paramId) {
        byte[] bytes() {
            return (tenantId + '\u0000' + connectionId + '\u0000' + paramId).getBytes(StandardCharsets.UTF_8);
        }
    }

    public String encrypt(Secret secret, Binding binding) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, binding);
            byte[] sealed = cipher.doFinal(secret.reveal().getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return FORMAT + "." + keyId + "." + B64.encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** @throws SecretDecryptionException when the text was not made by this key for this binding */
    public Secret decrypt(String text, Binding binding) {
        String[] parts = text.split("\\.", 3);
        if (parts.length != 3 || !parts[0].equals(FORMAT)) {
            throw new SecretDecryptionException("not a " + FORMAT + " ciphertext");
        }
        if (!parts[1].equals(keyId)) {
            throw new SecretDecryptionException("made with key " + parts[1] + ", the master key is " + keyId);
        }
        try {
            byte[] in = B64D.decode(parts[2]);
            if (in.length < NONCE_BYTES + TAG_BITS / 8) {
                throw new SecretDecryptionException("ciphertext too short");
            }
            byte[] nonce = java.util.Arrays.copyOf(in, NONCE_BYTES);
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, nonce, binding);
            byte[] plain = cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
            return Secret.of(new String(plain, StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SecretDecryptionException("authentication failed (tampered, or bound to another row)");
        }
    }

    private Cipher cipher(int mode, byte[] nonce, Binding binding) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(binding.bytes());
        return cipher;
    }

    /** A short public fingerprint of the key: not secret, it only tells keys apart. */
    private static String keyIdOf(byte[] keyBytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(keyBytes);
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static final class SecretDecryptionException extends RuntimeException {
        SecretDecryptionException(String message) {
            super("Cannot decrypt a stored secret: " + message);
        }
    }
}
