package io.autoconn.storage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Remembers what was read from the database, and never longer than the data stays that way: its owner
 * subscribes to the {@link ChangeNotifications} of what it holds and forgets the entries a change concerns
 * (this instance's changes before their request answers, other instances' within milliseconds).
 * <ul>
 *   <li>While changes may go unheard ({@link ChangeNotifications#listening()} false), nothing is remembered.</li>
 *   <li>A read that raced with a change is served but not remembered: every change moves {@link #generation},
 *       and an entry is stored only if no change came since its read began.</li>
 *   <li>Entries live at most {@code ttl} (a safety net only; zero turns the cache off) and at most
 *       {@code maxEntries}. What was not found is not remembered.</li>
 * </ul>
 */
public final class CoherentCache<K, V> {
    private final ChangeNotifications notifications;
    private final Cache<K, V> entries;
    private final boolean enabled;
    /** Guards storing and forgetting, so that no store slips in between a change's count and its removal. */
    private final Object lock = new Object();
    private volatile long generation;

    public CoherentCache(ChangeNotifications notifications, int maxEntries, Duration ttl) {
        this.notifications = notifications;
        this.enabled = !ttl.isNegative() && !ttl.isZero();
        this.entries = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(enabled ? ttl : Duration.ZERO)
                .build();
    }

    /** False when its ttl is zero: nothing is remembered, and its owner need not subscribe. */
    public boolean enabled() {
        return enabled;
    }

    /** What is remembered under {@code key}: never reads the database, so an event loop may ask. */
    public Optional<V> remembered(K key) {
        return enabled ? Optional.ofNullable(entries.getIfPresent(key)) : Optional.empty();
    }

    /** What is remembered under {@code key}, else what {@code read} finds (in the database), remembered if it may. */
    public Optional<V> find(K key, Supplier<Optional<V>> read) {
        Optional<V> remembered = remembered(key);
        return remembered.isPresent() ? remembered : load(key, read);
    }

    private Optional<V> load(K key, Supplier<Optional<V>> read) {
        long readFrom = generation;
        boolean remember = enabled && notifications.listening();
        Optional<V> loaded = read.get();
        if (remember && loaded.isPresent()) {
            synchronized (lock) {
                if (generation == readFrom && notifications.listening()) {
                    entries.put(key, loaded.get());
                }
            }
        }
        return loaded;
    }

    public void forget(K key) {
        synchronized (lock) {
            generation++;
            entries.invalidate(key);
        }
    }

    public void forgetIf(Predicate<V> concerned) {
        synchronized (lock) {
            generation++;
            entries.asMap().values().removeIf(concerned);
        }
    }

    public void forgetAll() {
        synchronized (lock) {
            generation++;
            entries.invalidateAll();
        }
    }
}
