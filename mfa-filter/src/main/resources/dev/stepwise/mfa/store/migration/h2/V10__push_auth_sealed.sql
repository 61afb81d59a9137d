-- Stepwise MFA store, schema version 10 (push auth sealed): room for the sealed auth secret of a push device.
-- H2 (2.2.224 as embedded in Payara 6, and later; keep the SQL to what 2.2.224 understands).
-- Plain SQL that Flyway runs as it is (docs/schema-migrations.md): statements end with ";", no dollar quoting,
-- no DELIMITER, no ";" inside literals, only "--" and plain "/* */" comments. Every statement is idempotent
-- (widening a column to the same type again changes nothing, and the version row is inserted only if absent), so
-- a version a node left half-way can run again. The last statement records this version; the scripts of a
-- released version never change.

-- The auth secret of each push device is sealed at rest (dev.stepwise.mfa.store.PushAuthSeal, docs/push.md): a
-- sealed value is 45 octets (version byte, nonce, ciphertext, tag), which VARBINARY(16) cannot hold. Rows written
-- before keep their 16 plain octets (that length is the format marker) and are sealed when next written.

ALTER TABLE stepwise_push_subscription ALTER COLUMN auth SET DATA TYPE VARBINARY(64);

-- Records this version (the last statement, so a version that failed half-way is not recorded), unless there.
INSERT INTO stepwise_schema_version (version, installed_at, description)
    SELECT 10, CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000 AS BIGINT), 'push auth sealed'
    WHERE NOT EXISTS (SELECT 1 FROM stepwise_schema_version WHERE version = 10);
