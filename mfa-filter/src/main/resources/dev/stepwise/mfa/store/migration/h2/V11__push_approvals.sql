-- Stepwise MFA store, schema version 11 (push approvals): number matching for the push factor.
-- H2 (2.2.224 as embedded in Payara 6, and later; keep the SQL to what 2.2.224 understands).
-- Plain SQL that Flyway runs as it is (docs/schema-migrations.md): statements end with ";", no dollar quoting,
-- no DELIMITER, no ";" inside literals, only "--" and plain "/* */" comments. Every statement is idempotent
-- (IF NOT EXISTS, and the version row is inserted only if absent), so a version a node left half-way can run
-- again. The last statement records this version; the scripts of a released version never change.

-- One row per user (a new approval replaces the old): the approval token and the nonce of the session that
-- started it only as SHA-256 (base64url, 43 characters); the number the sign-in page shows and two decoys; the
-- state (PENDING, APPROVED, DENIED, USED) and the expiry. Every change of state is one conditional UPDATE.

CREATE TABLE IF NOT EXISTS stepwise_push_approval (
    user_id      VARCHAR(255) NOT NULL PRIMARY KEY,
    token_hash   VARCHAR(43)  NOT NULL,
    session_hash VARCHAR(43)  NOT NULL,
    number_shown INT          NOT NULL,
    decoy_a      INT          NOT NULL,
    decoy_b      INT          NOT NULL,
    state        VARCHAR(8)   NOT NULL,
    expires_at   BIGINT       NOT NULL
);

CREATE INDEX IF NOT EXISTS stepwise_push_approval_token ON stepwise_push_approval (token_hash);

CREATE INDEX IF NOT EXISTS stepwise_push_approval_expires ON stepwise_push_approval (expires_at);

-- Records this version (the last statement, so a version that failed half-way is not recorded), unless there.
INSERT INTO stepwise_schema_version (version, installed_at, description)
    SELECT 11, CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000 AS BIGINT), 'push approvals'
    WHERE NOT EXISTS (SELECT 1 FROM stepwise_schema_version WHERE version = 11);
