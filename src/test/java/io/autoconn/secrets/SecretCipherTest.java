package io.autoconn.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoconn.config.AutoconnConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretCipherTest {
    private static final SecretCipher.Binding ROW = new SecretCipher.Binding("tenant", "connection", "param");

    private static byte[] key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    @Test
    void encryptsWithAFreshNonceAndDecryptsBack() {
        SecretCipher cipher = new SecretCipher(key());
        String a = cipher.encrypt(Secret.of("hunter2-Canary"), ROW);
        String b = cipher.encrypt(Secret.of("hunter2-Canary"), ROW);
        assertThat(a).isNotEqualTo(b).doesNotContain("hunter2").startsWith("v1.");
        assertThat(cipher.decrypt(a, ROW).reveal()).isEqualTo("hunter2-Canary");
    }

    @Test
    void aCiphertextMovedToAnotherRowOrTamperedWithDoesNotDecrypt() {
        SecretCipher cipher = new SecretCipher(key());
        String text = cipher.encrypt(Secret.of("s"), ROW);
        for (SecretCipher.Binding other : new SecretCipher.Binding[] {
                new SecretCipher.Binding("other", "connection", "param"),
                new SecretCipher.Binding("tenant", "other", "param"),
                new SecretCipher.Binding("tenant", "connection", "other")}) {
            assertThatThrownBy(() -> cipher.decrypt(text, other)).isInstanceOf(SecretCipher.SecretDecryptionException.class);
        }
        char last = text.charAt(text.length() - 1);
        String tampered = text.substring(0, text.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertThatThrownBy(() -> cipher.decrypt(tampered, ROW)).isInstanceOf(SecretCipher.SecretDecryptionException.class);
        assertThatThrownBy(() -> new SecretCipher(key()).decrypt(text, ROW))
                .isInstanceOf(SecretCipher.SecretDecryptionException.class).hasMessageContaining("key");
        assertThatThrownBy(() -> cipher.decrypt("garbage", ROW)).isInstanceOf(SecretCipher.SecretDecryptionException.class);
    }

    @Test
    void secretsDoNotShowInToString() {
        Secret secret = Secret.of("p@ss-Canary");
        assertThat(secret.toString()).doesNotContain("p@ss");
        assertThat(String.valueOf(java.util.Map.of("k", secret))).doesNotContain("p@ss");
    }

    @Test
    void aGeneratedKeyFileIsOwnerOnlyAndReused(@TempDir Path dir) throws Exception {
        AutoconnConfig config = new AutoconnConfig();
        config.setDataDir(dir);
        SecretCipher first = new MasterKeyFactory().secretCipher(config);
        Path file = dir.resolve(MasterKeyFactory.KEY_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String text = first.encrypt(Secret.of("kept"), ROW);
        assertThat(new MasterKeyFactory().secretCipher(config).decrypt(text, ROW).reveal()).isEqualTo("kept");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aConfiguredKeyWinsAndMustBe32Bytes(@TempDir Path dir) {
        AutoconnConfig config = new AutoconnConfig();
        config.setDataDir(dir);
        byte[] key = key();
        config.setMasterKey(Base64.getEncoder().encodeToString(key));
        String text = new MasterKeyFactory().secretCipher(config).encrypt(Secret.of("x"), ROW);
        assertThat(new SecretCipher(key).decrypt(text, ROW).reveal()).isEqualTo("x");
        assertThat(dir.resolve(MasterKeyFactory.KEY_FILE)).doesNotExist();
        config.setMasterKey(Base64.getEncoder().encodeToString(new byte[16]));
        assertThatThrownBy(() -> new MasterKeyFactory().secretCipher(config)).hasMessageContaining("32 bytes");
    }
}
