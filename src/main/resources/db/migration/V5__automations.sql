-- Automations (a subset of Qlik's: no runs, no schedules) and the connections their workspaces use.
-- workspace is the JSON object the client sent, as text. state is 'available' or 'disabled'; run_mode
-- is always 'manual' until autoconn runs automations.

CREATE TABLE automations (
    id                  VARCHAR(36) ${bytewise} PRIMARY KEY,
    tenant_id           VARCHAR(36) NOT NULL REFERENCES tenants (id),
    owner_id            VARCHAR(36) NOT NULL REFERENCES users (id),
    space_id            VARCHAR(36) REFERENCES spaces (id),
    name                VARCHAR(255) ${bytewise} NOT NULL,
    description         TEXT NOT NULL,
    state               VARCHAR(16) ${bytewise} NOT NULL,
    run_mode            VARCHAR(16) ${bytewise} NOT NULL,
    max_concurrent_runs BIGINT NOT NULL,
    workspace           TEXT NOT NULL,
    version             BIGINT NOT NULL,
    created_at          BIGINT NOT NULL,
    updated_at          BIGINT NOT NULL
);
-- As for connections: one keyset index per common sort, for the owner's list and for the tenant's.
-- Sorts by state, runMode and maxConcurrentRuns (few distinct values) sort the visible rows instead.
CREATE INDEX automations_owner_id      ON automations (tenant_id, owner_id, id);
CREATE INDEX automations_owner_name    ON automations (tenant_id, owner_id, lower(name), id);
CREATE INDEX automations_owner_created ON automations (tenant_id, owner_id, created_at, id);
CREATE INDEX automations_owner_updated ON automations (tenant_id, owner_id, updated_at, id);
CREATE INDEX automations_tenant_id      ON automations (tenant_id, id);
CREATE INDEX automations_tenant_name    ON automations (tenant_id, lower(name), id);
CREATE INDEX automations_tenant_created ON automations (tenant_id, created_at, id);
CREATE INDEX automations_tenant_updated ON automations (tenant_id, updated_at, id);
-- A user's list is "owner_id = me OR space_id IN (my spaces)", as for connections: this serves the second
-- half, and finds what a space still holds.
CREATE INDEX automations_space ON automations (tenant_id, space_id, id);

-- Which connections an automation's workspace names (a "connectionId" string anywhere in it). Written in
-- the automation's own transaction, for connections of the automation's tenant only. Deleting either side
-- deletes the row: a connection deleted with forced=true leaves its automations' workspaces as they are.
CREATE TABLE automation_connection_usages (
    automation_id VARCHAR(36) ${bytewise} NOT NULL REFERENCES automations (id) ON DELETE CASCADE,
    connection_id VARCHAR(36) ${bytewise} NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
    tenant_id     VARCHAR(36) NOT NULL REFERENCES tenants (id),
    PRIMARY KEY (automation_id, connection_id)
);
-- "Which automations use this connection?", asked on every connection delete.
CREATE INDEX automation_connection_usages_connection
    ON automation_connection_usages (tenant_id, connection_id, automation_id);
