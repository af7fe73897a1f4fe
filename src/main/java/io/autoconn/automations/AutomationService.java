package io.autoconn.automations;

import io.autoconn.access.ContentAccess;
import io.autoconn.access.Content;
import io.autoconn.access.ContentAccess.Operation;
import io.autoconn.access.ContentGuard;
import io.autoconn.error.ApiException;
import io.autoconn.error.ErrorCode;
import io.autoconn.error.FieldChecks;
import io.autoconn.identity.Caller;
import io.autoconn.query.ListRequest;
import io.autoconn.storage.AutomationStore;
import io.autoconn.storage.DirectoryStore;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Every operation on automations: validation, who may see and change them (the permission matrix of {@link ContentAccess}, as for connections), optimistic
 * concurrency, and an audit event for every change. Callers see an automation they may not use as not existing
 * (404), never as forbidden. There is no run engine: automations are stored, listed and edited, never run.
 */
@Singleton
public class AutomationService {
    static final int MAX_DESCRIPTION_LENGTH = 4096;
    /** Qlik bounds maxConcurrentRuns by a tenant setting autoconn does not have; this is that bound. */
    static final int MAX_CONCURRENT_RUNS = 100;
    /** Concurrent edits without If-Match are re-applied on the fresh row this many times. */
    private static final int EDIT_ATTEMPTS = 5;

    private final AutomationStore store;
    private final DirectoryStore directory;
    private final ContentGuard guard;
    private final Clock clock;

    public AutomationService(AutomationStore store, DirectoryStore directory, ContentGuard guard, Clock clock) {
        this.store = store;
        this.directory = directory;
        this.guard = guard;
        this.clock = clock;
    }

    /**
     * Whether a list shows the whole tenant. Qlik's {@code listAll} defaults to true for those who may use it:
     * administrators see every automation unless they pass {@code listAll=false}; other users see their own,
     * and asking for more is a 403.
     */
    public boolean listsAll(Caller caller, @Nullable Boolean listAll) {
        if (Boolean.TRUE.equals(listAll) && !caller.isAdmin()) {
            throw new ApiException(ErrorCode.LIST_ALL_FORBIDDEN,
                    "listAll=true is restricted to TenantAdmin and AnalyticsAdmin users");
        }
        return listAll == null ? caller.isAdmin() : listAll;
    }

    /** A page of automations; {@code listAll} as {@link #listsAll} decided it. */
    public AutomationStore.Page list(Caller caller, boolean listAll, ListRequest request) {
        return store.list(caller.tenantId(), listsAll(caller, listAll) ? null : guard.readerOf(caller), request);
    }

    public Automation create(Caller caller, NewAutomation request) {
        if (request.name() == null) {
            throw new ApiException(ErrorCode.INVALID_FIELD, "name is required");
        }
        refuseSchedules(request.schedules());
        Instant now = clock.instant();
        Automation automation = new Automation(UUID.randomUUID().toString(), caller.tenantId(), caller.userId(),
                guard.placeableSpace(caller, Content.AUTOMATION, request.spaceId()), FieldChecks.name(request.name()),
                validDescription(request.description() == null ? "" : request.description()),
                AutomationState.AVAILABLE, RunMode.MANUAL,
                validMaxConcurrentRuns(request.maxConcurrentRuns() == null ? 1 : request.maxConcurrentRuns()),
                request.workspace() == null || request.workspace().isNull() ? Workspace.EMPTY : workspace(request.workspace()),
                1, now, now);
        store.insert(automation, AutomationAudit.created(caller, automation));
        return automation;
    }

    public Automation get(Caller caller, String id) {
        return authorized(caller, id, Operation.READ);
    }

    /** Changes the fields the request has; absent (or null) fields keep their values. */
    public Automation update(Caller caller, String id, @Nullable String ifMatch, AutomationEdit edit) {
        refuseSchedules(edit.schedules());
        String name = edit.name() == null ? null : FieldChecks.name(edit.name());
        String description = edit.description() == null ? null : validDescription(edit.description());
        Integer maxRuns = edit.maxConcurrentRuns() == null ? null : validMaxConcurrentRuns(edit.maxConcurrentRuns());
        Workspace workspace = edit.workspace() == null || edit.workspace().isNull() ? null : workspace(edit.workspace());
        return edit(caller, id, ifMatch, Operation.UPDATE, AutomationAudit.UPDATED, current -> current.edited(
                name == null ? current.name() : name,
                description == null ? current.description() : description,
                maxRuns == null ? current.maxConcurrentRuns() : maxRuns,
                workspace == null ? current.workspace() : workspace,
                clock.instant()));
    }

    public void delete(Caller caller, String id) {
        Automation automation = authorized(caller, id, Operation.DELETE);
        if (!store.delete(automation.tenantId(), automation.id(),
                AutomationAudit.deleted(caller, automation, clock.instant()))) {
            throw Content.AUTOMATION.notFound(id);
        }
    }

    public void changeOwner(Caller caller, String id, @Nullable String userId) {
        authorized(caller, id, Operation.CHANGE_OWNER); // an automation the caller cannot see is a 404 before anything else
        if (userId == null || userId.isBlank()) {
            throw new ApiException(ErrorCode.INVALID_FIELD, "userId is required");
        }
        if (!directory.userExists(caller.tenantId(), userId)) {
            throw new ApiException(ErrorCode.UNKNOWN_USER, "No user with id '" + userId + "' in this tenant");
        }
        edit(caller, id, null, Operation.CHANGE_OWNER, AutomationAudit.OWNER_CHANGED,
                current -> current.ownedBy(userId, clock.instant()));
    }

    /** Moves the automation to a space; no space (null or empty) is the owner's personal space. */
    public void changeSpace(Caller caller, String id, @Nullable String spaceId) {
        authorized(caller, id, Operation.CHANGE_SPACE);
        String target = guard.placeableSpace(caller, Content.AUTOMATION, spaceId);
        edit(caller, id, null, Operation.CHANGE_SPACE, AutomationAudit.SPACE_CHANGED,
                current -> current.inSpace(target, clock.instant()));
    }

    public void enable(Caller caller, String id) {
        edit(caller, id, null, Operation.ENABLE_DISABLE, AutomationAudit.ENABLED,
                current -> current.inState(AutomationState.AVAILABLE, clock.instant()));
    }

    public void disable(Caller caller, String id) {
        edit(caller, id, null, Operation.ENABLE_DISABLE, AutomationAudit.DISABLED,
                current -> current.inState(AutomationState.DISABLED, clock.instant()));
    }

    /** The current ETag value of an automation version. */
    public static String etag(Automation automation) {
        return "\"" + automation.version() + "\"";
    }

    /**
     * Applies {@code change} to the current version, compare-and-set on the version (re-applied on a fresh read
     * when another edit won, unless the caller sent If-Match), audited as {@code auditAction}. A change that
     * changes nothing writes nothing.
     */
    private Automation edit(Caller caller, String id, @Nullable String ifMatch, Operation operation, String auditAction,
                            UnaryOperator<Automation> change) {
        for (int attempt = 0; attempt < EDIT_ATTEMPTS; attempt++) {
            Automation current = authorized(caller, id, operation);
            if (ifMatch != null && !ifMatch.strip().equals("*") && !ifMatch.strip().equals(etag(current))) {
                throw new ApiException(ErrorCode.PRECONDITION_FAILED, "If-Match " + ifMatch.strip()
                        + " does not match the current ETag " + etag(current) + "; get the automation again");
            }
            Automation changed = change.apply(current);
            if (AutomationAudit.changedFields(current, changed).isEmpty()) {
                return current;
            }
            if (store.replace(changed, current.version(), AutomationAudit.changed(caller, auditAction, current, changed))) {
                return changed;
            }
            if (ifMatch != null) {
                throw new ApiException(ErrorCode.PRECONDITION_FAILED,
                        "The automation changed while this update was applied; get it again");
            }
        }
        throw new ApiException(ErrorCode.PRECONDITION_FAILED, "The automation is being changed concurrently; try again");
    }

    /** The automation, if the caller may do {@code operation} to it: 404 when they may not see it, else 403. */
    private Automation authorized(Caller caller, String id, Operation operation) {
        Automation a = store.find(caller.tenantId(), id).orElseThrow(() -> Content.AUTOMATION.notFound(id));
        guard.authorize(caller, operation, Content.AUTOMATION, id, a.ownerId(), a.spaceId());
        return a;
    }



    private static String validDescription(String description) {
        if (description.length() > MAX_DESCRIPTION_LENGTH) {
            throw new ApiException(ErrorCode.INVALID_FIELD,
                    "description is longer than " + MAX_DESCRIPTION_LENGTH + " characters");
        }
        return description;
    }

    private static int validMaxConcurrentRuns(int value) {
        if (value < 1 || value > MAX_CONCURRENT_RUNS) {
            throw new ApiException(ErrorCode.INVALID_FIELD,
                    "maxConcurrentRuns must be from 1 to " + MAX_CONCURRENT_RUNS + "; got " + value);
        }
        return value;
    }

    private static Workspace workspace(JsonNode json) {
        if (!json.isObject()) {
            throw new ApiException(ErrorCode.INVALID_FIELD,
                    "workspace must be a JSON object (the automation editor's workspace), not " + Workspace.kind(json));
        }
        return new Workspace(json);
    }

    /** Schedules need a run engine autoconn does not have; accepting them silently would promise runs. */
    private static void refuseSchedules(@Nullable List<?> schedules) {
        if (schedules != null && !schedules.isEmpty()) {
            throw new ApiException(ErrorCode.INVALID_FIELD,
                    "schedules are not supported: autoconn does not run automations (every automation's runMode is "
                            + "manual); send no schedules or an empty list");
        }
    }


    /** A create request, as the domain takes it; null means absent. */
    public record NewAutomation(@Nullable String name, @Nullable String description, @Nullable String spaceId,
                                @Nullable JsonNode workspace, @Nullable List<?> schedules,
                                @Nullable Integer maxConcurrentRuns) {
    }

    /** An update request: null fields stay as they are. */
    public record AutomationEdit(@Nullable String name, @Nullable String description, @Nullable JsonNode workspace,
                                 @Nullable List<?> schedules, @Nullable Integer maxConcurrentRuns) {
    }
}
