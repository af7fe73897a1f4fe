package io.autoconn.storage;

import java.util.Optional;

/**
 * A committed change as {@link ChangeNotifications} carries it between instances: what {@code kind} of thing
 * changed (its topic's announcer and subscribers agree on the kinds), in which tenant, and which one.
 */
public record Change(String kind, String tenantId, String id) {
    /** {@code <kind> <tenantId> <id>}: kinds and ids never hold a space. */
    String encode() {
        return kind + ' ' + tenantId + ' ' + id;
    }

    /** Empty for text {@link #encode} did not make. */
    static Optional<Change> decode(String text) {
        String[] parts = text.split(" ");
        return parts.length == 3 ? Optional.of(new Change(parts[0], parts[1], parts[2])) : Optional.empty();
    }
}
