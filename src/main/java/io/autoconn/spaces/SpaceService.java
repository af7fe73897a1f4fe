package io.autoconn.spaces;

import io.autoconn.access.SpaceAccess;
import io.autoconn.access.Verdict;
import io.autoconn.error.ApiException;
import io.autoconn.error.ErrorCode;
import io.autoconn.identity.Caller;
import io.autoconn.query.ListRequest;
import io.autoconn.storage.DirectoryStore;
import io.autoconn.storage.SpaceStore;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Spaces: creating, listing, reading, changing and deleting them, with Qlik's rules on names and who may
 * do what ({@link SpaceAccess}). A space another user cannot see does not exist for them (404).
 * Assignments are {@link AssignmentService}'s.
 */
@Singleton
public class SpaceService {
    /** The spaces table's name column holds 255 characters (Qlik allows 256). */
    static final int MAX_NAME_LENGTH = 255;
    static final int MAX_DESCRIPTION_LENGTH = 1024;
    /** Qlik's SpaceCreate.name pattern: none of these characters. */
    private static final Pattern FORBIDDEN_NAME_CHARS = Pattern.compile("[\"*?<>/|\\\\:]");

    private final SpaceStore spaces;
    private final DirectoryStore directory;
    private final Clock clock;

    public SpaceService(SpaceStore spaces, DirectoryStore directory, Clock clock) {
        this.spaces = spaces;
        this.directory = directory;
        this.clock = clock;
    }

    /** The space types this server offers, in Qlik's order. */
    public List<SpaceType> types() {
        return List.of(SpaceType.values());
    }

    public SpaceView create(Caller caller, NewSpace request) {
        String name = validName(request.name());
        SpaceType type = validType(request.type());
        String description = validDescription(request.description());
        require(SpaceAccess.create(caller, type));
        Instant now = clock.instant();
        Space space = new Space(UUID.randomUUID().toString(), caller.tenantId(), name, description, type,
                caller.userId(), caller.userId(), now, now);
        if (!spaces.insert(space, SpaceAudit.created(caller, space))) {
            throw nameTaken(name);
        }
        return view(caller, new Membership(space, caller.userId(), Set.of()));
    }

    public SpaceView get(Caller caller, String spaceId) {
        return view(caller, visible(caller, spaceId));
    }

    /** Applies the given changes; null fields stay as they are. */
    public SpaceView update(Caller caller, String spaceId, SpaceEdit edit) {
        Membership m = visible(caller, spaceId);
        require(SpaceAccess.manage(caller, m, "update"));
        Space before = m.space();
        String ownerId = edit.ownerId() == null ? before.ownerId() : edit.ownerId();
        if (!ownerId.equals(before.ownerId())) {
            require(SpaceAccess.changeOwner(caller, m));
            if (!directory.userExists(caller.tenantId(), ownerId)) {
                throw new ApiException(ErrorCode.UNKNOWN_USER, "ownerId: no user with id '" + ownerId + "' in this tenant");
            }
        }
        Space after = new Space(before.id(), before.tenantId(),
                edit.name() == null ? before.name() : validName(edit.name()),
                edit.description() == null ? before.description() : validDescription(edit.description()),
                before.type(), ownerId, before.createdBy(), before.createdAt(), clock.instant());
        if (SpaceAudit.changedFields(before, after).isEmpty()) {
            return view(caller, m);
        }
        SpaceStore.UpdateResult result = spaces.update(after, SpaceAudit.updated(caller, before, after),
                removed -> SpaceAudit.assignmentDeleted(caller, removed, after.updatedAt()));
        return switch (result) {
            case UPDATED -> view(caller, visible(caller, spaceId));
            case NAME_TAKEN -> throw nameTaken(after.name());
            case NOT_FOUND -> throw notFound(spaceId);
        };
    }

    /** Deletes an empty space; one that still holds connections is refused with 412, naming them. */
    public void delete(Caller caller, String spaceId) {
        Membership m = visible(caller, spaceId);
        require(SpaceAccess.manage(caller, m, "delete"));
        Instant now = clock.instant();
        SpaceStore.DeleteResult result = spaces.delete(caller.tenantId(), spaceId, SpaceAudit.deleted(caller, m.space(), now),
                removed -> SpaceAudit.assignmentDeleted(caller, removed, now));
        if (result instanceof SpaceStore.DeleteResult.NotFound) {
            throw notFound(spaceId);
        }
        if (result instanceof SpaceStore.DeleteResult.NotEmpty held) {
            throw new ApiException(ErrorCode.SPACE_NOT_EMPTY, notEmptyDetail(m.space(), held));
        }
    }

    private static String notEmptyDetail(Space space, SpaceStore.DeleteResult.NotEmpty held) {
        if (held.count() == 0) {
            return "Space '" + space.name() + "' is still referred to by other resources; remove them first";
        }
        List<String> kinds = new ArrayList<>();
        describe(held.connections(), "automation connection", kinds);
        describe(held.automations(), "automation", kinds);
        return "Space '" + space.name() + "' still holds " + String.join(", and ", kinds)
                + "; delete them or move them to another space (actions/change-space) first";
    }

    private static void describe(SpaceStore.DeleteResult.Held held, String kind, List<String> into) {
        if (held.count() == 0) {
            return;
        }
        String named = held.first().entrySet().stream()
                .map(e -> "'" + e.getValue() + "' (" + e.getKey() + ")").collect(Collectors.joining(", "));
        long more = held.count() - held.first().size();
        into.add(held.count() + " " + kind + (held.count() == 1 ? "" : "s") + ": " + named
                + (more > 0 ? " and " + more + " more" : ""));
    }

    public Page list(Caller caller, SpaceFilter filter, ListRequest request) {
        SpaceStore.Page page = spaces.list(caller.tenantId(), new SpaceStore.Query(
                caller.isAdmin() ? null : caller.userId(), filter.nameContains(), filter.types(), filter.ownerId(),
                caller.userId(), filter.roles()), request);
        Map<String, Set<SpaceRole>> assigned = spaces.assignedRoles(caller.tenantId(), caller.userId(),
                page.spaces().stream().map(Space::id).toList());
        List<SpaceView> views = page.spaces().stream()
                .map(s -> view(caller, new Membership(s, caller.userId(), assigned.getOrDefault(s.id(), Set.of()))))
                .toList();
        return new Page(views, page.count(), page.nextCursor(), page.prevCursor());
    }

    /** The caller's membership of a space they may see; 404 for a space that does not exist for them. */
    Membership visible(Caller caller, String spaceId) {
        return spaces.membership(caller.tenantId(), spaceId, caller.userId())
                .filter(m -> SpaceAccess.canSee(caller, m))
                .orElseThrow(() -> notFound(spaceId));
    }

    static ApiException notFound(String spaceId) {
        return new ApiException(ErrorCode.SPACE_NOT_FOUND, "No space with id '" + spaceId + "'");
    }

    static void require(Verdict verdict) {
        if (verdict.outcome() == Verdict.Outcome.FORBIDDEN) {
            throw new ApiException(ErrorCode.SPACE_FORBIDDEN, verdict.reason());
        }
    }

    private static SpaceView view(Caller caller, Membership m) {
        return new SpaceView(m.space(), m.roles(), SpaceAccess.actions(caller, m));
    }

    private static ApiException nameTaken(String name) {
        return new ApiException(ErrorCode.SPACE_NAME_TAKEN,
                "A space named '" + name + "' already exists in this tenant (names are unique, ignoring case)");
    }

    private static String validName(@Nullable String name) {
        if (name == null || name.isBlank()) {
            throw new ApiException(ErrorCode.INVALID_FIELD, "name is required and must not be blank");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new ApiException(ErrorCode.INVALID_FIELD, "name is longer than " + MAX_NAME_LENGTH + " characters");
        }
        var forbidden = FORBIDDEN_NAME_CHARS.matcher(name);
        if (forbidden.find()) {
            throw new ApiException(ErrorCode.INVALID_FIELD, "name must not contain any of \" * ? < > / | \\ : "
                    + "but contains '" + forbidden.group() + "'");
        }
        return name;
    }

    private static SpaceType validType(@Nullable String type) {
        if (type == null || type.isEmpty()) {
            throw new ApiException(ErrorCode.INVALID_FIELD, "type is required: one of " + typeNames());
        }
        return SpaceType.fromQlikName(type).orElseThrow(() -> new ApiException(ErrorCode.INVALID_FIELD,
                "type must be one of " + typeNames() + "; got '" + type + "'"));
    }

    static String typeNames() {
        return java.util.Arrays.stream(SpaceType.values()).map(SpaceType::qlikName).collect(Collectors.joining(", "));
    }

    private static String validDescription(@Nullable String description) {
        if (description == null) {
            return "";
        }
        if (description.length() > MAX_DESCRIPTION_LENGTH) {
            throw new ApiException(ErrorCode.INVALID_FIELD,
                    "description is longer than " + MAX_DESCRIPTION_LENGTH + " characters");
        }
        return description;
    }

    /** A space as one caller sees it: with their roles and the actions they may take. */
    public record SpaceView(Space space, Set<SpaceRole> roles, List<String> actions) {
    }

    public record NewSpace(@Nullable String name, @Nullable String type, @Nullable String description) {
    }

    /** Changes to a space; a null field stays as it is. */
    public record SpaceEdit(@Nullable String name, @Nullable String description, @Nullable String ownerId) {
    }

    /** What a list is narrowed to: see {@link SpaceStore.Query}; {@code roles} are the caller's. */
    public record SpaceFilter(@Nullable String nameContains, Set<SpaceType> types, @Nullable String ownerId,
                              Set<SpaceRole> roles) {
    }

    public record Page(List<SpaceView> spaces, long count, @Nullable String nextCursor, @Nullable String prevCursor) {
    }
}
