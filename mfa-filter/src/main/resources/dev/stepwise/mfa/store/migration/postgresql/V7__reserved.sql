-- Stepwise MFA store, schema version 7 (reserved): kept for the sign-in risk history that is built beside
-- security questions; this script only records the version, so that version 8 can follow it.
-- PostgreSQL (12 and later).
-- Plain SQL that Flyway runs as it is (docs/schema-migrations.md): statements end with ";", no dollar quoting,
-- no DELIMITER, no ";" inside literals, only "--" and plain "/* */" comments. Every statement is idempotent
-- (IF NOT EXISTS, and the version row is inserted only if absent), so a version a node left half-way can run
-- again; a database made by a build before versioned scripts records version 1 and may hold what later ones add.
-- The last statement records this version; the scripts of a released version never change (the library
-- checks the checksum of each script it applied).

-- Records this version, unless there.
INSERT INTO stepwise_schema_version (version, installed_at, description)
    VALUES (7, CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000 AS BIGINT), 'reserved')
    ON CONFLICT (version) DO NOTHING;
