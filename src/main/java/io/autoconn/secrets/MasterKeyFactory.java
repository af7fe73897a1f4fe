package io.autoconn.secrets;

import io.autoconn.config.AutoconnConfig;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The master key: {@code AUTOCONN_MASTER_KEY} (base64 of 32 bytes) or, when unset, a key file
 * generated on first start in the data directory, readable by the owner only. Servers sharing one
 * PostgreSQL database must share the key, so set the variable there.
 */
@Factory
public class MasterKeyFactory {
    static final String KEY_FILE = "master.key";

    @Singleton
    public SecretCipher secretCipher(AutoconnConfig config) {
        String configured = config.getMasterKey();
        if (!configured.isEmpty()) {
            return new SecretCipher(decode(configured, "AUTOCONN_MASTER_KEY"));
        }
        Path file = config.getDataDir().toAbsolutePath().normalize().resolve(KEY_FILE);
        try {
            Files.createDirectories(file.getParent());
            createIfAbsent(file);
            return new SecretCipher(decode(Files.readString(file, StandardCharsets.US_ASCII).strip(), file.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the master key file " + file, e);
        }
    }

    /** Writes a fresh key beside the target, then links it into place: never a half-written key file. */
    private static void createIfAbsent(Path file) throws IOException {
        if (Files.exists(file)) {
            return;
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Path temp = Files.createTempFile(file.getParent(), KEY_FILE, ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(temp, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
            Files.createLink(file, temp);
        } catch (FileAlreadyExistsException e) {
            // another server process won the race; use its key
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static byte[] decode(String base64, String source) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + " is not valid base64");
        }
    }
}
