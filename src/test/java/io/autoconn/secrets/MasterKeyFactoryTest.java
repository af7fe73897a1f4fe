package io.autoconn.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoconn.config.AutoconnConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where master keys come from: the settings, or a key file that stays owner-only through every change. */
class MasterKeyFactoryTest {
    @TempDir
    Path dir;

    private AutoconnConfig config() {
        AutoconnConfig config = new AutoconnConfig();
        config.setDataDir(dir);
        return config;
    }

    private static String permissions(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    @Test
    void aGeneratedKeyFileIsOwnerOnlyAndReused() throws Exception {
        KeyRing first = new MasterKeyFactory().keyRing(config());
        Path file = dir.resolve(KeyFile.NAME);
        assertThat(permissions(file)).isEqualTo("rw-------");
        assertThat(new MasterKeyFactory().keyRing(config()).ids()).isEqualTo(first.ids()).hasSize(1);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
        assertThat(first.description()).contains(file.toString());
    }

    @Test
    void aKeyFileOthersMayReadIsRefused() throws Exception {
        new MasterKeyFactory().keyRing(config());
        Path file = dir.resolve(KeyFile.NAME);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> new MasterKeyFactory().keyRing(config()))
                .hasMessageContaining("may be read by other users").hasMessageContaining("chmod 600 " + file);
    }

    @Test
    void addingAndRetiringKeysKeepsEveryFileOwnerOnlyAndARunningRingFollows() throws Exception {
        KeyRing ring = new MasterKeyFactory().keyRing(config());
        String oldId = ring.primary().id();
        KeyFile file = new KeyFile(dir);
        String added = MasterKey.generate();
        file.addOnTop(added);
        assertThat(permissions(file.path())).isEqualTo("rw-------");
        String newId = MasterKey.decode(added, "k").id();
        // The running ring reads the file again when asked for a key it lacks (at most once a second).
        Thread.sleep(1100);
        assertThat(ring.find(newId)).isPresent();
        assertThat(ring.ids()).containsExactly(newId, oldId);

        file.retireAllButFirst();
        assertThat(new KeyFile(dir).load()).extracting(MasterKey::id).containsExactly(newId);
        Path retired = dir.resolve(KeyFile.RETIRED);
        assertThat(permissions(retired)).isEqualTo("rw-------");
        assertThat(permissions(file.path())).isEqualTo("rw-------");
        assertThat(Files.readAllLines(retired)).hasSize(1).doesNotContain(added);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactlyInAnyOrder(file.path(), retired);
        }
    }

    @Test
    void configuredKeysWinAndMustBe32BytesOfBase64() {
        AutoconnConfig config = config();
        String key = MasterKey.generate();
        String previous = MasterKey.generate();
        config.setMasterKey(key);
        config.setMasterKeyPrevious(" " + previous + " , ");
        KeyRing ring = new MasterKeyFactory().keyRing(config);
        assertThat(ring.ids()).containsExactly(MasterKey.decode(key, "k").id(), MasterKey.decode(previous, "k").id());
        assertThat(dir.resolve(KeyFile.NAME)).doesNotExist();

        config.setMasterKey(Base64.getEncoder().encodeToString(new byte[16]));
        assertThatThrownBy(() -> new MasterKeyFactory().keyRing(config))
                .hasMessageContaining("AUTOCONN_MASTER_KEY must be 32 bytes");
        config.setMasterKey(key);
        config.setMasterKeyPrevious("not base64!");
        assertThatThrownBy(() -> new MasterKeyFactory().keyRing(config))
                .hasMessageContaining("AUTOCONN_MASTER_KEY_PREVIOUS (entry 1) is not valid base64")
                .hasMessageNotContaining("not base64!");
        config.setMasterKey("");
        config.setMasterKeyPrevious(previous);
        assertThatThrownBy(() -> new MasterKeyFactory().keyRing(config))
                .hasMessageContaining("AUTOCONN_MASTER_KEY_PREVIOUS is set but AUTOCONN_MASTER_KEY is not");
    }
}
