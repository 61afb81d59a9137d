-- Stepwise MFA store, schema version 4 (secret key check): the secret key check and development mode's stored key.
-- MariaDB (10.6 and later; tested with 10.11), InnoDB.
-- Plain SQL that Flyway runs as it is (docs/schema-migrations.md): statements end with ";", no dollar quoting,
-- no DELIMITER, no ";" inside literals, only "--" and plain "/* */" comments. Every statement is idempotent
-- (IF NOT EXISTS, and the version row is inserted only if absent), so a version a node left half-way can run
-- again; a database made by a build before versioned scripts records version 1 and may hold what later ones add.
-- The last statement records this version; the scripts of a released version never change (the library
-- checks the checksum of each script it applied).

-- The secret key's own rows (SecretKeyCheck), at most one per entry. 'check': a fixed label sealed with the key
-- in use, written at the first start; a later start whose key does not open it fails before reading any secret.
-- 'development-key': the key generated when none is configured (development mode), kept here in the clear beside
-- the secrets it seals so that development data survives a restart; never for production. Both are written by
-- insert-unless-present and read back, so nodes starting at once agree on one row.
CREATE TABLE IF NOT EXISTS stepwise_secret_key (
    entry      VARCHAR(32)    NOT NULL PRIMARY KEY,
    content    VARBINARY(128) NOT NULL,
    created_at BIGINT         NOT NULL
) ENGINE=InnoDB ROW_FORMAT=DYNAMIC DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- Records this version (the last statement, so a version that failed half-way is not recorded), unless there.
INSERT INTO stepwise_schema_version (version, installed_at, description)
    VALUES (4, CAST(UNIX_TIMESTAMP(CURRENT_TIMESTAMP(3)) * 1000 AS SIGNED), 'secret key check')
    ON DUPLICATE KEY UPDATE version = version;
