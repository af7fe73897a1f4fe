-- Spaces as Qlik has them: a description, who created a space and when it last changed, and who is a
-- member with which roles (space_assignments). A space's owner holds every role of its type without an
-- assignment row. A user's personal space is not a row: it is the connections with no space_id.

ALTER TABLE spaces ADD COLUMN description TEXT NOT NULL DEFAULT '';
-- No foreign key on created_by: who created a space stays known after that user is gone.
ALTER TABLE spaces ADD COLUMN created_by VARCHAR(36);
ALTER TABLE spaces ADD COLUMN updated_at BIGINT NOT NULL DEFAULT 0;
UPDATE spaces SET updated_at = created_at;

-- Space names are unique in a tenant, case-insensitively ("Finance" and "finance" would be the same
-- space to a reader); the index also serves the list sorted by name.
CREATE UNIQUE INDEX spaces_tenant_name ON spaces (tenant_id, lower(name));
CREATE INDEX spaces_tenant_owner ON spaces (tenant_id, owner_id);
CREATE INDEX spaces_tenant_created ON spaces (tenant_id, created_at, id);

-- One assignment per user and space. roles is the role names between commas (",consumer,producer,") so
-- that "holds one of these roles" is a LIKE on one column. Deleting a user removes their assignments.
CREATE TABLE space_assignments (
    id          VARCHAR(36) ${bytewise} PRIMARY KEY,
    tenant_id   VARCHAR(36) NOT NULL REFERENCES tenants (id),
    space_id    VARCHAR(36) NOT NULL REFERENCES spaces (id) ON DELETE CASCADE,
    type        VARCHAR(16) NOT NULL,
    assignee_id VARCHAR(36) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    roles       VARCHAR(255) NOT NULL,
    created_by  VARCHAR(36),
    created_at  BIGINT NOT NULL,
    updated_by  VARCHAR(36),
    updated_at  BIGINT NOT NULL
);
CREATE UNIQUE INDEX space_assignments_assignee ON space_assignments (space_id, assignee_id);
-- "Which spaces is this user a member of": read on every connection list and access decision.
CREATE INDEX space_assignments_member ON space_assignments (tenant_id, assignee_id, space_id);
CREATE INDEX space_assignments_created ON space_assignments (space_id, created_at, id);

-- A user's connection list is "owner_id = me OR space_id IN (my spaces)": this index serves the second
-- half (PostgreSQL ORs it with connections_owner_id in a bitmap), and finds what a space still holds.
CREATE INDEX connections_space ON connections (tenant_id, space_id, id);
