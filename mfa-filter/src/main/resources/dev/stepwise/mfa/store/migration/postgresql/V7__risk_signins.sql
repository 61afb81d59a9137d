-- Stepwise MFA store, schema version 7 (risk sign-ins): the latest sign-ins of each user, for adaptive MFA.
-- PostgreSQL (12 and later).
-- Plain SQL that Flyway runs as it is (docs/schema-migrations.md): statements end with ";", no dollar quoting,
-- no DELIMITER, no ";" inside literals, only "--" and plain "/* */" comments. Every statement is idempotent
-- (IF NOT EXISTS, and the version row is inserted only if absent), so a version a node left half-way can run
-- again; a database made by a build before versioned scripts records version 1 and may hold what later ones add.
-- The last statement records this version; the scripts of a released version never change (the library
-- checks the checksum of each script it applied).

-- Each user's latest successful sign-ins (at most 50, the oldest deleted on insert; all deleted once older than
-- stepwise.mfa.adaptive.memory), for the unusual-time, impossible-travel and new-country signals: when, and where
-- as far as the GeoIP database knew. Never the address: the country code and the place in tenths of a degree
-- (lat_tenths 523 is 52.3 degrees; a tenth is at most about 11 km), with the database's accuracy radius widened
-- by the rounding. The columns hold nothing finer than that, whatever a caller passes.
CREATE TABLE IF NOT EXISTS stepwise_risk_signin (
    user_id      VARCHAR(255) NOT NULL,
    signed_in_at BIGINT       NOT NULL,
    country      CHAR(2),
    lat_tenths   SMALLINT,
    lon_tenths   SMALLINT,
    accuracy_km  INTEGER,
    PRIMARY KEY (user_id, signed_in_at)
);

-- The housekeeping DELETE of sign-ins older than memory. Rows are only inserted and deleted, never updated, so
-- the index costs one entry per sign-in.
CREATE INDEX IF NOT EXISTS stepwise_risk_signin_at ON stepwise_risk_signin (signed_in_at);

-- Records this version (the last statement, so a version that failed half-way is not recorded), unless there.
INSERT INTO stepwise_schema_version (version, installed_at, description)
    VALUES (7, CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000 AS BIGINT), 'risk sign-ins')
    ON CONFLICT (version) DO NOTHING;
