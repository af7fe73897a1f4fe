package io.autoconn.access;

import io.autoconn.access.ContentAccess.Operation;
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

    /** What {@code caller}'s own list holds: what they own, and what is in the spaces they are a member of. */
    public Reader readerOf(Caller caller) {
        return new Reader(caller.userId(), spaces.memberSpaceIds(caller.tenantId(), caller.userId()));
    }
}
