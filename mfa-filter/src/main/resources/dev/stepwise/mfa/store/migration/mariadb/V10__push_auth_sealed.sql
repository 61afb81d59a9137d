-- Stepwise MFA store, schema version 10 (push auth sealed): room for the sealed auth secret of a push device.
-- MariaDB (10.6 and later; tested with 10.11), InnoDB.
-- Plain SQL that Flyway runs as it is (docs/schema-migrations.md): statements end with ";", no dollar quoting,
-- no DELIMITER, no ";" inside literals, only "--" and plain "/* */" comments. Every statement is idempotent
-- (widening a column to the same type again changes nothing, and the version row is inserted only if absent), so
-- a version a node left half-way can run again. The last statement records this version; the scripts of a
-- released version never change.

-- The auth secret of each push device is sealed at rest (dev.stepwise.mfa.store.PushAuthSeal, docs/push.md): a
-- sealed value is 45 octets (version byte, nonce, ciphertext, tag), which VARBINARY(16) cannot hold. Rows written
-- before keep their 16 plain octets (that length is the format marker) and are sealed when next written.

ALTER TABLE stepwise_push_subscription MODIFY auth VARBINARY(64) NOT NULL;

-- Records this version (the last statement, so a version that failed half-way is not recorded), unless there.
INSERT INTO stepwise_schema_version (version, installed_at, description)
    VALUES (10, CAST(UNIX_TIMESTAMP(CURRENT_TIMESTAMP(3)) * 1000 AS SIGNED), 'push auth sealed')
    ON DUPLICATE KEY UPDATE version = version;
