-- Stepwise MFA store, schema version 11 (push approvals): number matching for the push factor.
-- MariaDB (10.6 and later; tested with 10.11), InnoDB.
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
) ENGINE=InnoDB ROW_FORMAT=DYNAMIC DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE INDEX IF NOT EXISTS stepwise_push_approval_token ON stepwise_push_approval (token_hash);

CREATE INDEX IF NOT EXISTS stepwise_push_approval_expires ON stepwise_push_approval (expires_at);

-- Records this version (the last statement, so a version that failed half-way is not recorded), unless there.
INSERT INTO stepwise_schema_version (version, installed_at, description)
    VALUES (11, CAST(UNIX_TIMESTAMP(CURRENT_TIMESTAMP(3)) * 1000 AS SIGNED), 'push approvals')
    ON DUPLICATE KEY UPDATE version = version;
