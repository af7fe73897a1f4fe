package io.autoconn.automations;

import io.autoconn.identity.Caller;
import jakarta.inject.Singleton;

/**
 * Who may do what with automations: the one place that decides, so that a finer model (space roles) replaces
 * this class's rules without touching the service. Today's rules are those of connections: the owner, and the
 * tenant's TenantAdmin and AnalyticsAdmin users, may do everything with an automation; anyone else is told it
 * does not exist (404). Every caller may create automations.
 */
@Singleton
public class AutomationAccess {
    /** What a caller wants to do with one automation. */
    public enum Action {
        READ,
        UPDATE,
        DELETE,
        CHANGE_OWNER,
        CHANGE_SPACE,
        ENABLE_DISABLE
    }

    /** Whether {@code caller} may do {@code action} with {@code automation}, of the caller's own tenant. */
    public boolean permits(Caller caller, Automation automation, Action action) {
        return automation.tenantId().equals(caller.tenantId())
                && (automation.ownerId().equals(caller.userId()) || caller.isAdmin());
    }

    /** Whether {@code caller} may list every automation of the tenant, not only their own. */
    public boolean mayListAll(Caller caller) {
        return caller.isAdmin();
    }
}
