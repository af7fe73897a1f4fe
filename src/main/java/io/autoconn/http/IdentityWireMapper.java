package io.autoconn.http;

import io.autoconn.http.wire.ApiKeyDetail;
import io.autoconn.http.wire.ApiKeyRequests;
import io.autoconn.http.wire.JsonPatchOperation;
import io.autoconn.http.wire.Links;
import io.autoconn.http.wire.UserDetail;
import io.autoconn.http.wire.UserRequests;
import io.autoconn.identity.ApiKey;
import io.autoconn.identity.Scope;
import io.autoconn.identity.ApiKeyService;
import io.autoconn.identity.PatchOperation;
import io.autoconn.identity.User;
import io.autoconn.identity.UserService;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** The one place where users and API keys become wire records and back. */
final class IdentityWireMapper {
    /** Qlik's type of its built-in roles; autoconn has no custom ones. */
    private static final String DEFAULT_ROLE = "default";
    /** Both of autoconn's roles are administrator roles, at Qlik's {@code admin} level. */
    private static final String ADMIN_LEVEL = "admin";
    private static final String SUB_TYPE = "user";

    private IdentityWireMapper() {
    }

    static UserDetail user(User u, String selfHref) {
        List<UserDetail.AssignedRole> roles = u.roles().stream()
                .map(r -> new UserDetail.AssignedRole(r.id(), r.qlikName(), DEFAULT_ROLE, ADMIN_LEVEL))
                .sorted(Comparator.comparing(UserDetail.AssignedRole::name))
                .toList();
        return new UserDetail(u.id(), u.tenantId(), u.name(), u.email(), u.subject(), u.status().value(), roles,
                WireMapper.timestamp(u.createdAt()), WireMapper.timestamp(u.updatedAt()),
                new UserDetail.SelfLink(new Links.Href(selfHref)));
    }

    static UserService.NewUser newUser(UserRequests.Create body) {
        return new UserService.NewUser(body.name(), body.email(), body.subject(), body.status(), body.tenantId(),
                body.assignedRoles() == null ? null : body.assignedRoles().stream()
                        .map(r -> r == null ? null : new UserService.RoleReference(r.id(), r.name())).toList());
    }

    static List<PatchOperation> operations(List<JsonPatchOperation> body) {
        return body.stream().map(o -> o == null ? null : new PatchOperation(o.op(), o.path(), o.value())).toList();
    }

    /** A key as it is at {@code now}; with its token only in the answer that created it. */
    static ApiKeyDetail apiKey(ApiKey k, Instant now, @Nullable String token) {
        return new ApiKeyDetail(k.id(), k.tenantId(), k.description(), k.status(now).value(), k.userId(), SUB_TYPE,
                k.expiresAt() == null ? null : WireMapper.timestamp(k.expiresAt()), k.createdBy(),
                WireMapper.timestamp(k.createdAt()), WireMapper.timestamp(k.updatedAt()), token,
                k.scopes().stream().map(Scope::value).sorted().toList());
    }

    static ApiKeyService.NewKey newKey(ApiKeyRequests.Create body) {
        return new ApiKeyService.NewKey(body.description(), body.expiry(), body.sub(), body.subType(), body.scopes());
    }
}
