package io.autoconn.spaces;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/** A shared, managed or data space of a tenant. {@code createdBy} is unknown for spaces made before it was kept. */
public record Space(String id, String tenantId, String name, String description, SpaceType type, String ownerId,
                    @Nullable String createdBy, Instant createdAt, Instant updatedAt) {
}
