-- One schema for SQLite and PostgreSQL. Timestamps are epoch microseconds (BIGINT): identical on every
-- backend, sortable, and exact to the microsecond the API shows. ${bytewise} makes names and ids sort
-- bytewise (COLLATE "C" on PostgreSQL; SQLite's default already is), so both backends page in one order.

CREATE TABLE tenants (
    id          VARCHAR(36) PRIMARY KEY,
    name        VARCHAR(255) NOT NULL UNIQUE,
    created_at  BIGINT NOT NULL
);

CREATE TABLE users (
    id          VARCHAR(36) PRIMARY KEY,
    tenant_id   VARCHAR(36) NOT NULL REFERENCES tenants (id),
    name        VARCHAR(255) NOT NULL,
    email       VARCHAR(320),
    roles       VARCHAR(255) NOT NULL,
    status      VARCHAR(32) NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE INDEX users_tenant ON users (tenant_id, id);

CREATE TABLE api_keys (
    id          VARCHAR(36) PRIMARY KEY,
    tenant_id   VARCHAR(36) NOT NULL REFERENCES tenants (id),
    user_id     VARCHAR(36) NOT NULL REFERENCES users (id),
    key_hash    VARCHAR(64) NOT NULL UNIQUE,
    description VARCHAR(255),
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT,
    revoked_at  BIGINT
);

CREATE TABLE spaces (
    id          VARCHAR(36) PRIMARY KEY,
    tenant_id   VARCHAR(36) NOT NULL REFERENCES tenants (id),
    name        VARCHAR(255) NOT NULL,
    type        VARCHAR(32) NOT NULL,
    owner_id    VARCHAR(36) REFERENCES users (id),
    created_at  BIGINT NOT NULL
);
CREATE INDEX spaces_tenant ON spaces (tenant_id, id);

-- A mirror of the connector files, so the catalog lists with the same filter and cursor code.
CREATE TABLE connectors (
    id          VARCHAR(36) ${bytewise} PRIMARY KEY,
    name        VARCHAR(255) ${bytewise} NOT NULL
);

CREATE TABLE connections (
    id           VARCHAR(36) ${bytewise} PRIMARY KEY,
    tenant_id    VARCHAR(36) NOT NULL REFERENCES tenants (id),
    owner_id     VARCHAR(36) NOT NULL REFERENCES users (id),
    space_id     VARCHAR(36) REFERENCES spaces (id),
    connector_id VARCHAR(36) NOT NULL,
    name         VARCHAR(255) ${bytewise} NOT NULL,
    params       TEXT NOT NULL,
    secrets      TEXT NOT NULL,
    is_connected BOOLEAN NOT NULL,
    error        TEXT,
    version      BIGINT NOT NULL,
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL
);
-- One index per sort, for the owner's list and for listAll; the id tiebreaker makes each a keyset.
-- Names sort and prefix-match by lower(name): case-insensitively, as people read lists.
CREATE INDEX connections_owner_id      ON connections (tenant_id, owner_id, id);
CREATE INDEX connections_owner_name    ON connections (tenant_id, owner_id, lower(name), id);
CREATE INDEX connections_owner_created ON connections (tenant_id, owner_id, created_at, id);
CREATE INDEX connections_owner_updated ON connections (tenant_id, owner_id, updated_at, id);
CREATE INDEX connections_tenant_id      ON connections (tenant_id, id);
CREATE INDEX connections_tenant_name    ON connections (tenant_id, lower(name), id);
CREATE INDEX connections_tenant_created ON connections (tenant_id, created_at, id);
CREATE INDEX connections_tenant_updated ON connections (tenant_id, updated_at, id);
