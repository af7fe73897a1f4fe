package io.autoconn.access;

import io.autoconn.access.ContentAccess.Operation;
import io.autoconn.error.ApiException;
import io.autoconn.error.ErrorCode;
import io.autoconn.identity.Caller;
import io.autoconn.spaces.Membership;
import io.autoconn.storage.Reader;
import io.autoconn.storage.SpaceStore;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * {@link ContentAccess} for one connection or automation: looks up the caller's membership of the space
 * it is in (or is to be put in) and asks the matrix.
 */
@Singleton
public class ContentGuard {
    private final SpaceStore spaces;

    public ContentGuard(SpaceStore spaces) {
        this.spaces = spaces;
    }

    /**
     * May {@code caller} do {@code operation} to the {@code noun} ("connection", "automation") owned by
     * {@code ownerId} in {@code spaceId} (null: its owner's personal space)?
     */
    public Verdict decide(Caller caller, Operation operation, String noun, String ownerId, @Nullable String spaceId) {
        if (spaceId == null) {
            return ContentAccess.decide(caller, operation, noun, ownerId, null);
        }
        // The space exists (a foreign key, and spaces holding content are not deleted).
        Optional<Membership> space = spaces.membership(caller.tenantId(), spaceId, caller.userId());
        return space.isEmpty() ? Verdict.hidden() : ContentAccess.decide(caller, operation, noun, ownerId, space.get());
    }

    /** May {@code caller} put a {@code noun} into {@code spaceId} (create it there, or move it there)? */
    public Verdict placeIn(Caller caller, String noun, String spaceId) {
        return spaces.membership(caller.tenantId(), spaceId, caller.userId())
                .map(target -> ContentAccess.placeIn(caller, noun, target))
                .orElse(Verdict.hidden());
    }

    /**
     * Throws unless {@code caller} may do {@code operation} to the {@code content} {@code id}: its "not
     * found" when they may not see it, its "forbidden" with the reason when they may see it only.
     */
    public void authorize(Caller caller, Operation operation, Content content, String id, String ownerId,
                          @Nullable String spaceId) {
        Verdict verdict = decide(caller, operation, content.noun(), ownerId, spaceId);
        switch (verdict.outcome()) {
            case ALLOWED -> {
            }
            case HIDDEN -> throw content.notFound(id);
            case FORBIDDEN -> throw content.forbidden("You may not " + operation.verb() + " " + content.noun() + " '"
                    + id + "': " + verdict.reason());
        }
    }

    /**
     * The space a {@code content} is to be put in (null or empty: its owner's personal space, answered as
     * null), if the caller may put it there; a space they cannot see is an unknown space.
     */
    @Nullable
    public String placeableSpace(Caller caller, Content content, @Nullable String spaceId) {
        if (spaceId == null || spaceId.isEmpty()) {
            return null;
        }
        Verdict verdict = placeIn(caller, content.noun(), spaceId);
        return switch (verdict.outcome()) {
            case ALLOWED -> spaceId;
            case HIDDEN -> throw new ApiException(ErrorCode.UNKNOWN_SPACE, "No space with id '" + spaceId + "' in this tenant");
            case FORBIDDEN -> throw content.forbidden(verdict.reason());
        };
    }

    /** What {@code caller}'s own list holds: what they own, and what is in the spaces they are a member of. */
    public Reader readerOf(Caller caller) {
        return new Reader(caller.userId(), spaces.memberSpaceIds(caller.tenantId(), caller.userId()));
    }
}
