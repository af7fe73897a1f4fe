package io.autoconn.identity;

import io.autoconn.error.ApiException;
import io.autoconn.error.ErrorCode;
import io.autoconn.query.ListRequest;
import io.autoconn.storage.ApiKeyStore;
import io.autoconn.storage.UserStore;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The API keys API. A user creates, sees and changes its own keys; a TenantAdmin also those of every user
 * of the tenant, and may create keys for them. Another user's key is not found (404) for everyone else.
 * Deleting a key revokes it: it stops authenticating at once and stays listed as revoked.
 */
@Singleton
public class ApiKeyService {
    static final int MAX_DESCRIPTION_LENGTH = 255;
    private static final String SUB_TYPE_USER = "user";

    private final ApiKeyStore store;
    private final UserStore users;
    private final Clock clock;

    public ApiKeyService(ApiKeyStore store, UserStore users, Clock clock) {
        this.store = store;
        this.users = users;
        this.clock = clock;
    }

    public Created create(Caller caller, NewKey request) {
        if (request.description() == null) {
            throw new ApiException(ErrorCode.INVALID_FIELD, "description is required");
        }
        String description = description(request.description());
        if (request.subType() != null && !request.subType().equals(SUB_TYPE_USER)) {
            throw new ApiException(ErrorCode.INVALID_FIELD, "subType may only be \"user\": autoconn has no SCIM "
                    + "(externalClient) keys; got \"" + request.subType() + "\"");
        }
        String sub = request.sub() == null || request.sub().equals(caller.userId())
                ? caller.userId() : otherUser(caller, request.sub());
        Set<Scope> scopes = scopes(caller, request.scopes());
        Instant now = now();
        Instant expires = request.expiry() == null ? null : Expiry.after(request.expiry(), now);
        ApiKey key = new ApiKey(UUID.randomUUID().toString(), caller.tenantId(), sub, caller.userId(), description,
                now, now, expires, null, scopes);
        String token = ApiKeys.generate();
        store.insert(key, ApiKeys.hash(token), IdentityAudit.apiKeyCreated(caller, key));
        return new Created(key, token);
    }

    /** The scopes a new key asks for: known ones, granted by a TenantAdmin only, since they reach secrets. */
    private static Set<Scope> scopes(Caller caller, @Nullable List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            return Set.of();
        }
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String name : requested) {
            scopes.add(Scope.fromValue(String.valueOf(name)).orElseThrow(() -> new ApiException(ErrorCode.INVALID_FIELD,
                    "scopes: unknown scope '" + name + "'; the scopes are "
                            + Arrays.stream(Scope.values()).map(Scope::value).toList())));
        }
        if (!caller.isTenantAdmin()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only a TenantAdmin may create API keys with scopes");
        }
        return scopes;
    }

    /** A key for another user: a TenantAdmin's prerogative, for an active user of the tenant. */
    private String otherUser(Caller caller, String sub) {
        if (!caller.isTenantAdmin()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only a TenantAdmin may create API keys for other users; "
                    + "leave sub out to create one for yourself");
        }
        User user = users.find(caller.tenantId(), sub).orElseThrow(() -> new ApiException(ErrorCode.UNKNOWN_USER,
                "sub: no user with id '" + sub + "' in this tenant"));
        if (user.status() != UserStatus.ACTIVE) {
            throw new ApiException(ErrorCode.INVALID_FIELD, "sub: user " + sub + " is " + user.status().value()
                    + "; its keys could not authenticate");
        }
        return sub;
    }

    public ApiKeyStore.Page list(Caller caller, ListQuery query) {
        ApiKeyStatus status = query.status() == null ? null : ApiKeyStatus.fromValue(query.status())
                .orElseThrow(() -> new ApiException(ErrorCode.INVALID_QUERY_PARAMETER,
                        "status must be active, expired or revoked; got '" + query.status() + "'"));
        String sub = query.sub();
        if (!caller.isTenantAdmin()) {
            if (sub != null && !sub.equals(caller.userId())) {
                throw new ApiException(ErrorCode.FORBIDDEN, "Only a TenantAdmin may list other users' API keys");
            }
            sub = caller.userId();
        }
        // The cursor is bound to everything that selects the rows, so it cannot carry a walk into another list.
        String scope = "sub=" + sub + ";createdByUser=" + query.createdByUser() + ";status=" + query.status();
        return store.list(caller.tenantId(), new ApiKeyStore.Filter(sub, query.createdByUser(), status, now()),
                new ListRequest(null, query.sort() == null || query.sort().isEmpty() ? "-created" : query.sort(),
                        query.cursor(), query.limit(), scope));
    }

    public ApiKey get(Caller caller, String id) {
        return visible(caller, id);
    }

    /** Applies Qlik's patch of an API key: {@code replace /description} operations only. */
    public void patch(Caller caller, String id, List<PatchOperation> operations) {
        if (operations.isEmpty()) {
            throw new ApiException(ErrorCode.INVALID_PATCH, "The patch has no operations");
        }
        String description = null;
        for (int i = 0; i < operations.size(); i++) {
            PatchOperation op = operations.get(i);
            if (op == null || !"replace".equals(op.op()) || !"/description".equals(op.path())
                    || !(op.value() instanceof String value)) {
                throw new ApiException(ErrorCode.INVALID_PATCH, (op == null ? "operation " + (i + 1) : op.describe(i))
                        + ": an API key patch may only replace /description with a string value");
            }
            description = description(value);
        }
        ApiKey current = visible(caller, id);
        ApiKey changed = new ApiKey(current.id(), current.tenantId(), current.userId(), current.createdBy(), description,
                current.createdAt(), now(), current.expiresAt(), current.revokedAt(), current.scopes());
        if (!changed.description().equals(current.description())
                && !store.update(changed, IdentityAudit.apiKeyUpdated(caller, current, changed))) {
            throw notFound(id);
        }
    }

    /** Revokes the key; revoking a revoked key changes nothing. */
    public void revoke(Caller caller, String id) {
        ApiKey key = visible(caller, id);
        Instant now = now();
        if (key.revokedAt() == null) {
            store.revoke(key.tenantId(), key.id(), now, IdentityAudit.apiKeyRevoked(caller, key, now));
        }
    }

    private ApiKey visible(Caller caller, String id) {
        return store.find(caller.tenantId(), id)
                .filter(k -> k.userId().equals(caller.userId()) || caller.isTenantAdmin())
                .orElseThrow(() -> notFound(id));
    }

    private static String description(String value) {
        if (value.length() > MAX_DESCRIPTION_LENGTH) {
            throw new ApiException(ErrorCode.INVALID_FIELD, "description is " + value.length()
                    + " characters long; at most " + MAX_DESCRIPTION_LENGTH + " are allowed");
        }
        return value;
    }

    private static ApiException notFound(String id) {
        return new ApiException(ErrorCode.API_KEY_NOT_FOUND, "No API key with id '" + id + "' that you may see");
    }

    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** A new key and its token, which exists only in this answer. */
    public record Created(ApiKey key, String token) {
    }

    public record NewKey(@Nullable String description, @Nullable String expiry, @Nullable String sub,
                         @Nullable String subType, @Nullable List<String> scopes) {
    }

    /** A list request: Qlik's filters, and the cursor from startingAfter or endingBefore. */
    public record ListQuery(@Nullable String sub, @Nullable String createdByUser, @Nullable String status,
                            @Nullable String sort, @Nullable String cursor, int limit) {
    }
}
