-- Stepwise MFA store, schema version 2 (enrolment holds): holds on factors enrolled under an administrator's exemption.
-- MariaDB (10.6 and later; tested with 10.11), InnoDB.
-- Plain SQL that Flyway runs as it is (docs/schema-migrations.md): statements end with ";", no dollar quoting,
-- no DELIMITER, no ";" inside literals, only "--" and plain "/* */" comments. Every statement is idempotent
-- (IF NOT EXISTS, and the version row is inserted only if absent), so a version a node left half-way can run
-- again; a database made by a build before versioned scripts records version 1 and may hold what later ones add.
-- The last statement records this version; the scripts of a released version never change (the library
-- checks the checksum of each script it applied).

-- Factors enrolled while an exemption was active: until until_at (exclusive) such a factor does not satisfy a
-- step-up. One row per (user, factor); enrolling the factor again under an exemption replaces it. Rows that have
-- ended hold nothing and are deleted by housekeeping.
CREATE TABLE IF NOT EXISTS stepwise_enrol_hold (
    user_id     VARCHAR(255) NOT NULL,
    factor_id   VARCHAR(64)  NOT NULL,
    enrolled_at BIGINT       NOT NULL,
    until_at    BIGINT       NOT NULL,
    PRIMARY KEY (user_id, factor_id)
) ENGINE=InnoDB ROW_FORMAT=DYNAMIC DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- Records this version (the last statement, so a version that failed half-way is not recorded), unless there.
INSERT INTO stepwise_schema_version (version, installed_at, description)
    VALUES (2, CAST(UNIX_TIMESTAMP(CURRENT_TIMESTAMP(3)) * 1000 AS SIGNED), 'enrolment holds')
    ON DUPLICATE KEY UPDATE version = version;
