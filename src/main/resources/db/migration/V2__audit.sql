-- The audit trail: one row per change, written in the same transaction as the change itself, so a
-- change and its record stand or fall together. user_id is the actor (null for the system) and has no
-- foreign key on purpose: the trail outlives deleted users. data is a JSON object (changed field names,
-- identifying values), never a secret.
CREATE TABLE audit_events (
    id            VARCHAR(36) ${bytewise} PRIMARY KEY,
    tenant_id     VARCHAR(36) NOT NULL REFERENCES tenants (id),
    event_type    VARCHAR(128) ${bytewise} NOT NULL,
    event_time    BIGINT NOT NULL,
    user_id       VARCHAR(36) ${bytewise},
    resource_type VARCHAR(64) NOT NULL,
    resource_id   VARCHAR(36) NOT NULL,
    data          TEXT NOT NULL
);
-- Lists read newest first by time (the id breaks ties and makes the keyset).
CREATE INDEX audit_events_time ON audit_events (tenant_id, event_time, id);
CREATE INDEX audit_events_resource ON audit_events (tenant_id, resource_id, event_time, id);
