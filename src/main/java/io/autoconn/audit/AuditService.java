package io.autoconn.audit;

import io.autoconn.error.ApiException;
import io.autoconn.error.ErrorCode;
import io.autoconn.identity.Caller;
import io.autoconn.identity.Role;
import io.autoconn.query.ListRequest;
import io.autoconn.storage.AuditStore;
import jakarta.inject.Singleton;
import java.util.List;

/** Reading the audit trail: TenantAdmins only, and only their own tenant's. */
@Singleton
public class AuditService {
    private final AuditStore store;

    public AuditService(AuditStore store) {
        this.store = store;
    }

    public AuditStore.Page list(Caller caller, AuditQuery query, ListRequest request) {
        requireTenantAdmin(caller);
        return store.list(caller.tenantId(), query, request);
    }

    public AuditEvent get(Caller caller, String id) {
        requireTenantAdmin(caller);
        return store.find(caller.tenantId(), id).orElseThrow(() -> new ApiException(ErrorCode.AUDIT_NOT_FOUND,
                "No audit event with id '" + id + "'"));
    }

    public List<String> eventTypes(Caller caller) {
        requireTenantAdmin(caller);
        return store.eventTypes(caller.tenantId());
    }

    public List<String> sources(Caller caller) {
        requireTenantAdmin(caller);
        return store.resourceTypes(caller.tenantId()).stream().map(AuditSources::sourceOf).toList();
    }

    private static void requireTenantAdmin(Caller caller) {
        if (!caller.roles().contains(Role.TENANT_ADMIN)) {
            throw new ApiException(ErrorCode.AUDITS_FORBIDDEN, "The audit trail is readable by TenantAdmin users only");
        }
    }
}
