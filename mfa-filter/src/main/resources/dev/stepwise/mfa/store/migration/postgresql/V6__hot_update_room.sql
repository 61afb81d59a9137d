-- Stepwise MFA store, schema version 6 (hot update room): free space on the pages of the tables every sign-in updates.
-- PostgreSQL (12 and later).
-- Plain SQL that Flyway runs as it is (docs/schema-migrations.md): statements end with ";", no dollar quoting,
-- no DELIMITER, no ";" inside literals, only "--" and plain "/* */" comments. Every statement is idempotent
-- (IF NOT EXISTS, and the version row is inserted only if absent), so a version a node left half-way can run
-- again; a database made by a build before versioned scripts records version 1 and may hold what later ones add.
-- The last statement records this version; the scripts of a released version never change (the library
-- checks the checksum of each script it applied).

-- Every verification updates a row of stepwise_totp and stepwise_attempt, and a trusted sign-in one of
-- stepwise_trusted_device. On full pages (fillfactor 100) such an update cannot stay on its page (it is not a
-- HOT update): the new row version goes to another page and every index of the table gets a new entry. With
-- many users most updates were of that kind (benchmarks/notes/store.md). Room on each page keeps them HOT. It
-- applies to pages written from now on; VACUUM FULL on a table applies it to all of its pages (an exclusive
-- lock while the table is rewritten). Setting a storage parameter is idempotent.
ALTER TABLE stepwise_totp SET (fillfactor = 90);
ALTER TABLE stepwise_attempt SET (fillfactor = 70);
ALTER TABLE stepwise_trusted_device SET (fillfactor = 90);

-- Records this version (the last statement, so a version that failed half-way is not recorded), unless there.
INSERT INTO stepwise_schema_version (version, installed_at, description)
    VALUES (6, CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000 AS BIGINT), 'hot update room')
    ON CONFLICT (version) DO NOTHING;
