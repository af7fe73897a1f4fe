package io.autoconn.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The master key file {@code $AUTOCONN_DATA_DIR/master.key}, used when {@code AUTOCONN_MASTER_KEY} is unset:
 * one base64 key per line, the newest first. Generated on first start; {@code keys rotate} adds a key on top,
 * re-wraps, then moves the old lines to {@code master.key.retired}. Every write goes to a temporary file
 * created owner-only and is then moved into place, so the file is never half-written nor readable by others,
 * even for a moment. A file others may read is refused, as ssh refuses such a private key.
 */
public final class KeyFile {
    public static final String NAME = "master.key";
    static final String RETIRED = "master.key.retired";
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private final Path file;

    public KeyFile(Path dataDir) {
        this.file = dataDir.toAbsolutePath().normalize().resolve(NAME);
    }

    public Path path() {
        return file;
    }

    /** The keys in the file, newest first; a first key is generated when there is no file yet. */
    public List<MasterKey> load() {
        try {
            Files.createDirectories(file.getParent());
            createIfAbsent();
            refuseIfOthersMayRead();
            List<MasterKey> keys = new ArrayList<>();
            List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
            for (int i = 0; i < lines.size(); i++) {
                if (!lines.get(i).isBlank()) {
                    keys.add(MasterKey.decode(lines.get(i), file + " line " + (i + 1)));
                }
            }
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("The master key file " + file + " holds no key");
            }
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the master key file " + file, e);
        }
    }

    /** Puts {@code base64} on top: the key the next rotation wraps with, the others still read. */
    public void addOnTop(String base64) {
        List<String> lines = new ArrayList<>(List.of(base64));
        lines.addAll(lines());
        replace(file, lines);
    }

    /** Keeps the first key only; the others are appended to {@code master.key.retired} (for old backups). */
    public void retireAllButFirst() {
        List<String> lines = lines();
        if (lines.size() < 2) {
            return;
        }
        Path retired = file.resolveSibling(RETIRED);
        List<String> kept = new ArrayList<>();
        if (Files.exists(retired)) {
            kept.addAll(read(retired));
        }
        kept.addAll(lines.subList(1, lines.size()));
        replace(retired, kept);
        replace(file, lines.subList(0, 1));
    }

    private List<String> lines() {
        return read(file).stream().filter(l -> !l.isBlank()).map(String::strip).toList();
    }

    private static List<String> read(Path path) {
        try {
            return Files.readAllLines(path, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path, e);
        }
    }

    private void createIfAbsent() throws IOException {
        if (Files.exists(file)) {
            return;
        }
        Path temp = Files.createTempFile(file.getParent(), NAME, ".tmp", OWNER_ONLY);
        try {
            Files.writeString(temp, MasterKey.generate() + "\n", StandardCharsets.US_ASCII);
            Files.createLink(file, temp);
        } catch (FileAlreadyExistsException e) {
            // another process won the race; use its key
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private void refuseIfOthersMayRead() throws IOException {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        if (permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ)) {
            throw new IllegalStateException("The master key file " + file + " may be read by other users ("
                    + PosixFilePermissions.toString(permissions) + "); make it owner-only: chmod 600 " + file);
        }
    }

    private static void replace(Path target, List<String> lines) {
        try {
            Path temp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp", OWNER_ONLY);
            try {
                Files.write(temp, lines, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target, e);
        }
    }
}
