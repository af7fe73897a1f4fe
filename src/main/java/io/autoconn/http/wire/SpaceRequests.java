package io.autoconn.http.wire;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** Request bodies of the space and assignment operations, as the spaces spec names them. */
public final class SpaceRequests {
    private SpaceRequests() {
    }

    /** SpaceCreate. */
    @Serdeable
    public record Create(@Nullable String name, @Nullable String type, @Nullable String description) {
    }

    /** SpaceUpdate. */
    @Serdeable
    public record Update(@Nullable String name, @Nullable String ownerId, @Nullable String description) {
    }

    /** One operation of a SpacePatch (a JSON Patch document). */
    @Serdeable
    public record PatchOperation(@Nullable String op, @Nullable String path, @Nullable String value) {
    }

    /** AssignmentCreate. */
    @Serdeable
    public record CreateAssignment(@Nullable String type, @Nullable String assigneeId, @Nullable List<String> roles) {
    }

    /** AssignmentUpdate. */
    @Serdeable
    public record UpdateAssignment(@Nullable List<String> roles) {
    }
}
