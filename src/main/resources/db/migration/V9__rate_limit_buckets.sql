-- Token buckets of the rate tiers (io.autoconn.ratelimit), one row per (tenant, user, tier), read and
-- written only by Bucket4j's PostgreSQL proxy manager (SELECT ... FOR UPDATE): the servers sharing the
-- database share the budgets. `state` is Bucket4j's serialized bucket, `expires_at` (epoch milliseconds)
-- when it is full again and may be deleted. SQLite servers count in process: there the table stays empty
-- (SQLite accepts the BYTEA type name). On PostgreSQL the table is UNLOGGED: every counted request writes
-- its row, and a commit that waited for a WAL fsync serialized all of one user's requests behind the disk
-- (1,085 GET/s against 6,969 before the limiter, bench/run.sh at 16 in flight). A crash empties it, which
-- only hands every user a full budget again.
CREATE ${unlogged} TABLE rate_limit_buckets (
    id TEXT PRIMARY KEY,
    state BYTEA,
    expires_at BIGINT
);

CREATE INDEX rate_limit_buckets_expires_at ON rate_limit_buckets (expires_at);
