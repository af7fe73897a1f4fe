package io.autoconn.secrets;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM with a fresh random 96-bit nonce per message, as base64url text of
 * {@code nonce | ciphertext | tag}: the one construction behind secret values (under a data key) and
 * wrapped data keys (under a master key).
 */
final class Aead {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private Aead() {
    }

    static String seal(SecretKey key, byte[] plain, byte[] associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, key, nonce, associatedData).doFinal(plain);
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return B64.encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** The plaintext, or empty when {@code text} was not sealed by this key with this associated data. */
    static java.util.Optional<byte[]> open(SecretKey key, String text, byte[] associatedData) {
        try {
            byte[] in = B64D.decode(text);
            if (in.length < NONCE_BYTES + TAG_BITS / 8) {
                return java.util.Optional.empty();
            }
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOf(in, NONCE_BYTES), associatedData);
            return java.util.Optional.of(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    static byte[] randomKeyBytes() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] nonce, byte[] associatedData)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(associatedData);
        return cipher;
    }
}
