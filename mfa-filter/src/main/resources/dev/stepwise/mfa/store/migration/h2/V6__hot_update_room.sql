-- Stepwise MFA store, schema version 6 (hot update room): free space on the pages of the tables every sign-in updates.
-- H2 (2.2.224 as embedded in Payara 6, and later; keep the SQL to what 2.2.224 understands).
-- Plain SQL that Flyway runs as it is (docs/schema-migrations.md): statements end with ";", no dollar quoting,
-- no DELIMITER, no ";" inside literals, only "--" and plain "/* */" comments. Every statement is idempotent
-- (IF NOT EXISTS, and the version row is inserted only if absent), so a version a node left half-way can run
-- again; a database made by a build before versioned scripts records version 1 and may hold what later ones add.
-- The last statement records this version; the scripts of a released version never change (the library
-- checks the checksum of each script it applied).

-- PostgreSQL leaves room on the pages of the tables every sign-in updates; H2 stores rows differently and
-- needs nothing: this version only records itself, so every database has the same versions.

-- Records this version (the last statement, so a version that failed half-way is not recorded), unless there.
INSERT INTO stepwise_schema_version (version, installed_at, description)
    SELECT 6, CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000 AS BIGINT), 'hot update room'
    WHERE NOT EXISTS (SELECT 1 FROM stepwise_schema_version WHERE version = 6);
