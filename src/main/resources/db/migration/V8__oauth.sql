-- OAuth2 connections. A pending authorization: the SHA-256 of its state (the state itself only travels
-- through the user's browser), the PKCE verifier encrypted, single use (the callback deletes the row) and
-- expiring. Tokens: encrypted like secret params (bound to tenant, connection and 'oauth:*'); the lease
-- columns let one server at a time refresh a connection's token (compare-and-set, on every backend).
CREATE TABLE oauth_states (
    state_hash     VARCHAR(64) PRIMARY KEY,
    tenant_id      VARCHAR(36) NOT NULL,
    connection_id  VARCHAR(36) ${bytewise} NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
    user_id        VARCHAR(36) NOT NULL,
    verifier       TEXT NOT NULL,
    redirect_uri   TEXT NOT NULL,
    expires_at     BIGINT NOT NULL
);
CREATE INDEX oauth_states_connection ON oauth_states (connection_id);

CREATE TABLE oauth_tokens (
    connection_id  VARCHAR(36) ${bytewise} PRIMARY KEY REFERENCES connections (id) ON DELETE CASCADE,
    tenant_id      VARCHAR(36) NOT NULL,
    access_token   TEXT,
    refresh_token  TEXT,
    expires_at     BIGINT,
    account_name   VARCHAR(255),
    lease_owner    VARCHAR(36),
    lease_until    BIGINT,
    updated_at     BIGINT NOT NULL
);
