-- Stepwise MFA store, schema version 3 (housekeeping indexes): indexes that let housekeeping find expired rows.
-- PostgreSQL (12 and later).
-- Plain SQL that Flyway runs as it is (docs/schema-migrations.md): statements end with ";", no dollar quoting,
-- no DELIMITER, no ";" inside literals, only "--" and plain "/* */" comments. Every statement is idempotent
-- (IF NOT EXISTS, and the version row is inserted only if absent), so a version a node left half-way can run
-- again; a database made by a build before versioned scripts records version 1 and may hold what later ones add.
-- The last statement records this version; the scripts of a released version never change (the library
-- checks the checksum of each script it applied).

-- Housekeeping (DELETE ... WHERE expires_at < ?) reads only the expired records, the oldest ones, instead of the
-- whole table; written once per device (refreshing last_seen_at does not touch it).
CREATE INDEX IF NOT EXISTS stepwise_trusted_device_expires ON stepwise_trusted_device (expires_at);

CREATE INDEX IF NOT EXISTS stepwise_otp_expires ON stepwise_otp (expires_at);

CREATE INDEX IF NOT EXISTS stepwise_exemption_until ON stepwise_exemption (until_at);

CREATE INDEX IF NOT EXISTS stepwise_enrol_hold_until ON stepwise_enrol_hold (until_at);

-- Records this version (the last statement, so a version that failed half-way is not recorded), unless there.
INSERT INTO stepwise_schema_version (version, installed_at, description)
    VALUES (3, CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000 AS BIGINT), 'housekeeping indexes')
    ON CONFLICT (version) DO NOTHING;
