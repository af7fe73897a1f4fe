package io.autoconn.secrets;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * One master key: 32 bytes that wrap data keys and never reach the database. Its {@link #id()} is a
 * public fingerprint (the first 4 bytes of its SHA-256), stored beside what it wraps so a server knows
 * which key it needs; {@link #toString()} shows the id and where the key came from, never the key.
 */
public final class MasterKey {
    private final String id;
    private final SecretKey key;
    private final String source;

    private MasterKey(byte[] bytes, String source) {
        this.id = fingerprint(bytes);
        this.key = new SecretKeySpec(bytes, "AES");
        this.source = source;
    }

    /** The key in {@code base64}; {@code source} names where it came from in error messages. */
    public static MasterKey decode(String base64, String source) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + " is not valid base64");
        }
        try {
            return of(bytes, source);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    public static MasterKey of(byte[] bytes, String source) {
        if (bytes.length != 32) {
            throw new IllegalArgumentException(source + " must be 32 bytes (AES-256) in base64, got " + bytes.length
                    + " bytes");
        }
        return new MasterKey(bytes, source);
    }

    /** A new random key, as base64: what {@code keys generate} prints and {@code keys rotate} adds to a key file. */
    public static String generate() {
        byte[] bytes = Aead.randomKeyBytes();
        try {
            return Base64.getEncoder().encodeToString(bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    public String id() {
        return id;
    }

    /** Where the key was configured: a variable name or a file and line. */
    public String source() {
        return source;
    }

    SecretKey key() {
        return key;
    }

    static String fingerprint(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "MasterKey[id=" + id + ", from " + source + "]";
    }
}
