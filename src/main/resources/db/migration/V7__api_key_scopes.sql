-- What an API key may do beyond what its user may: scope names between commas (",a,b,"), empty for a
-- plain key. The one scope today lets the automation runtime read a connection's decrypted credentials.
ALTER TABLE api_keys ADD COLUMN scopes VARCHAR(255) NOT NULL DEFAULT '';
