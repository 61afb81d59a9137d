-- Stepwise MFA store, schema version 5 (code send reservation): the resend cooldown of email/SMS codes, shared by all nodes.
-- PostgreSQL (12 and later).
-- Plain SQL that Flyway runs as it is (docs/schema-migrations.md): statements end with ";", no dollar quoting,
-- no DELIMITER, no ";" inside literals, only "--" and plain "/* */" comments. Every statement is idempotent
-- (IF NOT EXISTS, and the version row is inserted only if absent), so a version a node left half-way can run
-- again; a database made by a build before versioned scripts records version 1 and may hold what later ones add.
-- The last statement records this version; the scripts of a released version never change (the library
-- checks the checksum of each script it applied).

-- The resend cooldown of email/SMS codes, shared by all nodes: one reservation per (user, channel), taken before a
-- code is sent by UPDATE ... WHERE until_at <= ? (the last cooldown has ended) or by an insert-unless-present,
-- update count 1 wins; a failed delivery deletes its own reservation (... AND reserved_at = ?). Rows whose
-- cooldown has ended reserve nothing and are deleted by housekeeping.
CREATE TABLE IF NOT EXISTS stepwise_otp_send (
    user_id     VARCHAR(255) NOT NULL,
    channel     VARCHAR(32)  NOT NULL,
    reserved_at BIGINT       NOT NULL,
    until_at    BIGINT       NOT NULL,
    PRIMARY KEY (user_id, channel)
);

CREATE INDEX IF NOT EXISTS stepwise_otp_send_until ON stepwise_otp_send (until_at);

-- Records this version (the last statement, so a version that failed half-way is not recorded), unless there.
INSERT INTO stepwise_schema_version (version, installed_at, description)
    VALUES (5, CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000 AS BIGINT), 'code send reservation')
    ON CONFLICT (version) DO NOTHING;
