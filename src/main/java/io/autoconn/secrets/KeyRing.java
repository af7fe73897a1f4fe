package io.autoconn.secrets;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The master keys this process holds, the first being the one it names when it initializes a new
 * database. Which key wraps new data keys is the database's choice ({@code active_master_key}), set by
 * {@code keys rotate}: every server of a deployment follows it, whatever order their settings changed in.
 *
 * <p>Keys from {@code AUTOCONN_MASTER_KEY}/{@code AUTOCONN_MASTER_KEY_PREVIOUS} are fixed for the life of the
 * process. Keys from the key file are read again when a key is asked for that the ring lacks (at most once a
 * second), so a running single-box server follows {@code keys rotate} adding a key to its file.
 */
public final class KeyRing {
    private static final Duration RELOAD_INTERVAL = Duration.ofSeconds(1);

    private final Supplier<List<MasterKey>> source;
    private final boolean reloadable;
    private final String description;
    private volatile List<MasterKey> keys;
    private volatile Instant lastLoad;

    private KeyRing(Supplier<List<MasterKey>> source, boolean reloadable, String description) {
        this.source = source;
        this.reloadable = reloadable;
        this.description = description;
        this.keys = List.copyOf(source.get());
        this.lastLoad = Instant.now();
    }

    /** Keys fixed for the life of the process (from settings). */
    public static KeyRing of(List<MasterKey> keys, String description) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("No master key");
        }
        return new KeyRing(() -> keys, false, description);
    }

    /** Keys read from the key file, and read again on a miss. */
    public static KeyRing from(KeyFile file) {
        return new KeyRing(file::load, true, "the key file " + file.path());
    }

    public MasterKey primary() {
        return keys.get(0);
    }

    /** The key with this id, reading the key file again (at most once a second) when it is not held. */
    public Optional<MasterKey> find(String id) {
        Optional<MasterKey> found = held(id);
        if (found.isEmpty() && reloadable && Instant.now().isAfter(lastLoad.plus(RELOAD_INTERVAL))) {
            reload();
            found = held(id);
        }
        return found;
    }

    /** Reads the key file again now (a no-op for keys from settings). */
    public synchronized void reload() {
        if (reloadable) {
            keys = List.copyOf(source.get());
            lastLoad = Instant.now();
        }
    }

    public List<String> ids() {
        return keys.stream().map(MasterKey::id).toList();
    }

    /** Where the keys come from, for messages: the settings, or the key file's path. */
    public String description() {
        return description;
    }

    private Optional<MasterKey> held(String id) {
        return keys.stream().filter(k -> k.id().equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return "KeyRing" + ids() + " from " + description;
    }
}
