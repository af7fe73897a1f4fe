package io.autoconn.audit;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;

/**
 * What an audit list is narrowed to, as Qlik's audits API takes it: each field null (or empty) for
 * no restriction. {@code from} and {@code to} are both inclusive.
 */
public record AuditQuery(List<String> ids, @Nullable String eventType, @Nullable String resourceType,
                         @Nullable String userId, @Nullable Instant from, @Nullable Instant to) {
    public AuditQuery {
        ids = List.copyOf(ids);
    }

    /** The query as text: a list cursor is bound to it, so it cannot carry a walk into another query. */
    public String fingerprint() {
        return String.join("|", "audits", String.join(",", ids), String.valueOf(eventType),
                String.valueOf(resourceType), String.valueOf(userId), String.valueOf(from), String.valueOf(to));
    }
}
