-- Envelope encryption of secret params (io.autoconn.secrets). Each tenant has one data key: a random
-- AES-256 key that encrypts the tenant's secret values, stored only wrapped (AES-256-GCM) by a master
-- key that never reaches the database. master_key_id is the master key's public fingerprint. Rotating
-- the master key re-wraps these rows; the secret values themselves do not change.
CREATE TABLE data_keys (
    id            VARCHAR(36) ${bytewise} PRIMARY KEY,
    tenant_id     VARCHAR(36) NOT NULL UNIQUE REFERENCES tenants (id),
    master_key_id VARCHAR(16) ${bytewise} NOT NULL,
    wrapped_key   VARCHAR(128) NOT NULL,
    created_at    BIGINT NOT NULL,
    wrapped_at    BIGINT NOT NULL
);
-- "Which data keys still need the old master key?", asked by every rotation and every server start.
CREATE INDEX data_keys_master ON data_keys (master_key_id, id);

-- The master key new data keys are wrapped with: one row, written by the first server start and then
-- only by `keys rotate`. Servers read it, under a share lock, in the transaction that creates a data
-- key, so a rotation cannot miss a data key wrapped with the key it replaces.
CREATE TABLE active_master_key (
    singleton  INTEGER PRIMARY KEY CHECK (singleton = 1),
    key_id     VARCHAR(16) NOT NULL,
    changed_at BIGINT NOT NULL
);
