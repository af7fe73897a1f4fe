-- Identity: users gain what Qlik's users API shows (subject, lastUpdatedAt) and are unique by email and by
-- subject within their tenant; API keys gain who created them (createdByUser) and when they last changed.
-- Existing rows are filled in so that every read finds the new columns set.

ALTER TABLE users ADD COLUMN subject VARCHAR(255);
ALTER TABLE users ADD COLUMN updated_at BIGINT;
UPDATE users SET subject = id, updated_at = created_at;
-- Emails compare case-insensitively, as mail systems do; users without an email (NULL) never collide.
CREATE UNIQUE INDEX users_tenant_email ON users (tenant_id, lower(email));
CREATE UNIQUE INDEX users_tenant_subject ON users (tenant_id, subject);
-- The default order of the users list.
CREATE INDEX users_tenant_name ON users (tenant_id, lower(name), id);

ALTER TABLE api_keys ADD COLUMN created_by VARCHAR(36);
ALTER TABLE api_keys ADD COLUMN updated_at BIGINT;
UPDATE api_keys SET created_by = user_id, updated_at = created_at;
-- The default order of the API keys list (newest first), for the tenant and for one user's keys.
CREATE INDEX api_keys_tenant_created ON api_keys (tenant_id, created_at, id);
CREATE INDEX api_keys_user_created ON api_keys (tenant_id, user_id, created_at, id);
