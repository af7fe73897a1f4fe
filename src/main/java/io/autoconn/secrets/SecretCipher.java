package io.autoconn.secrets;

import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.crypto.SecretKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AES-256-GCM for secret parameter values at rest, under the tenant's data key ({@link DataKeys}). Each
 * value gets a fresh 96-bit nonce, and the associated data binds the ciphertext to its tenant, connection
 * and param: a ciphertext copied into another row fails to decrypt. The text form is
 * {@code v2.<dataKeyId>.<base64url(nonce|ciphertext|tag)>}.
 *
 * <p>Values written before envelope encryption, {@code v1.<masterKeyId>.<...>} (sealed directly by a master
 * key, same associated data), still decrypt; {@link #upgrade} re-encrypts them as v2, as every edit of their
 * connection and {@code keys rotate} do.
 */
@Singleton
public final class SecretCipher {
    private static final Logger LOG = LoggerFactory.getLogger(SecretCipher.class);
    private static final String V1 = "v1";
    private static final String V2 = "v2";

    private final KeyRing ring;
    private final DataKeys dataKeys;

    public SecretCipher(KeyRing ring, DataKeys dataKeys) {
        this.ring = ring;
        this.dataKeys = dataKeys;
    }

    /** Where a secret belongs; it is the AES-GCM associated data. */
    public record Binding(String tenantId, String connectionId, String paramId) {
        byte[] bytes() {
            return (tenantId + '\u0000' + connectionId + '\u0000' + paramId).getBytes(StandardCharsets.UTF_8);
        }
    }

    /** @throws io.autoconn.error.ApiException 503 when this server cannot unwrap the tenant's data key */
    public String encrypt(Secret secret, Binding binding) {
        DataKeys.DataKey key = dataKeys.forEncryption(binding.tenantId());
        byte[] plain = secret.reveal().getBytes(StandardCharsets.UTF_8);
        try {
            return V2 + "." + key.id() + "." + Aead.seal(key.key(), plain, binding.bytes());
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /** @throws SecretDecryptionException when no key this server holds decrypts the text for this binding */
    public Secret decrypt(String text, Binding binding) {
        try {
            String[] parts = text.split("\\.", 3);
            if (parts.length != 3) {
                throw SecretDecryptionException.rejected("it is not an autoconn ciphertext");
            }
            SecretKey key = switch (parts[0]) {
                case V2 -> dataKeys.forDecryption(parts[1], binding.tenantId()).key();
                case V1 -> ring.find(parts[1]).map(MasterKey::key).orElseThrow(() -> SecretDecryptionException.keyMissing(
                        "it was encrypted (v1) with master key " + parts[1] + ", which this server does not hold"));
                default -> throw SecretDecryptionException.rejected("it is not an autoconn ciphertext");
            };
            byte[] plain = Aead.open(key, parts[2], binding.bytes()).orElseThrow(() -> SecretDecryptionException.rejected(
                    "it does not decrypt for this tenant, connection and parameter (copied from another row, or altered)"));
            return Secret.of(new String(plain, StandardCharsets.UTF_8));
        } catch (SecretDecryptionException e) {
            LOG.warn("The secret param {} of connection {} (tenant {}) cannot be decrypted: {}", binding.paramId(),
                    binding.connectionId(), binding.tenantId(), e.reason());
            throw e;
        }
    }

    /** A v1 value re-encrypted as v2; a v2 value, or a v1 value no held key decrypts, as it is. */
    public String upgrade(String text, Binding binding) {
        if (!isLegacy(text)) {
            return text;
        }
        try {
            return encrypt(decrypt(text, binding), binding);
        } catch (SecretDecryptionException e) {
            return text;
        }
    }

    /** Whether {@code text} is a v1 value, sealed directly by a master key. */
    public static boolean isLegacy(String text) {
        return text.startsWith(V1 + ".");
    }

    /**
     * A stored secret that cannot be decrypted: the key it needs is not held ({@link #keyMissing()}), or the
     * text does not authenticate (altered, or copied from another row). The message names key ids, never
     * key material or plaintext.
     */
    public static final class SecretDecryptionException extends RuntimeException {
        private final boolean keyMissing;
        private final String reason;

        private SecretDecryptionException(boolean keyMissing, String reason) {
            super("Cannot decrypt a stored secret: " + reason, null, false, false);
            this.keyMissing = keyMissing;
            this.reason = reason;
        }

        static SecretDecryptionException keyMissing(String reason) {
            return new SecretDecryptionException(true, reason);
        }

        static SecretDecryptionException rejected(String reason) {
            return new SecretDecryptionException(false, reason);
        }

        public boolean keyMissing() {
            return keyMissing;
        }

        public String reason() {
            return reason;
        }
    }
}
