-- Stepwise MFA store, schema version 1 (first schema): the tables of the first release (2026-11-27): version table,
-- failure counters, trust keys and trusted devices, TOTP, recovery codes, WebAuthn, email/SMS codes, sign-in
-- history, exemptions and preferences. Later versions add what later builds added.
-- H2 (2.2.224 as embedded in Payara 6, and later; keep the SQL to what 2.2.224 understands).
-- Plain SQL that Flyway runs as it is (docs/schema-migrations.md): statements end with ";", no dollar quoting,
-- no DELIMITER, no ";" inside literals, only "--" and plain "/* */" comments. Every statement is idempotent
-- (IF NOT EXISTS, and the version row is inserted only if absent), so a version a node left half-way can run
-- again; a database made by a build before versioned scripts records version 1 and may hold what later ones add.
-- The last statement records this version; the scripts of a released version never change (the library
-- checks the checksum of each script it applied).
--
-- Conventions: tables are prefixed stepwise_; user_id is the principal name (at most 255 characters); times are
-- epoch milliseconds UTC in BIGINT columns (exact round trips, no driver time-zone conversion); *_box columns hold
-- SecretBox ciphertexts (AES-GCM, bound to user and purpose), *_hash columns hold hashes, never plain codes.

-- One row per applied schema version; the current version is the highest.
CREATE TABLE IF NOT EXISTS stepwise_schema_version (
    version      INT          NOT NULL PRIMARY KEY,
    installed_at BIGINT       NOT NULL,
    description  VARCHAR(200) NOT NULL
);

-- Consecutive failed factor attempts per account, shared by all nodes (NIST SP 800-63B §5.2.2).
-- A row exists only while there are failures; a success deletes it.
CREATE TABLE IF NOT EXISTS stepwise_attempt (
    user_id         VARCHAR(255) NOT NULL PRIMARY KEY,
    failures        INT          NOT NULL,
    last_failure_at BIGINT       NOT NULL
);

-- HMAC keys that sign trust-this-device cookies. One key per rotation slot (the UNIQUE slot makes concurrent
-- creation by two nodes insert one key); the key bytes are sealed with the SecretBox.
CREATE TABLE IF NOT EXISTS stepwise_trust_key (
    key_id      VARCHAR(16)    NOT NULL PRIMARY KEY,
    slot        VARCHAR(64)    NOT NULL UNIQUE,
    key_box     VARBINARY(128) NOT NULL,
    signs_from  BIGINT         NOT NULL,
    signs_until BIGINT         NOT NULL,
    expires_at  BIGINT         NOT NULL
);

-- Server-side record of each trusted device: listed and revoked by its user, revoked all at once on a
-- password change; a cookie without a live record here is refused.
CREATE TABLE IF NOT EXISTS stepwise_trusted_device (
    device_id    VARCHAR(32)  NOT NULL PRIMARY KEY,
    user_id      VARCHAR(255) NOT NULL,
    created_at   BIGINT       NOT NULL,
    last_seen_at BIGINT       NOT NULL,
    user_agent   VARCHAR(200) NOT NULL,
    expires_at   BIGINT       NOT NULL,
    revoked_at   BIGINT
);

CREATE INDEX IF NOT EXISTS stepwise_trusted_device_user ON stepwise_trusted_device (user_id);

-- TOTP enrolments (RFC 6238). last_step is the replay guard (§5.2): accepted only by
-- UPDATE ... SET last_step = ? WHERE user_id = ? AND last_step < ?, one statement, update count 1.
CREATE TABLE IF NOT EXISTS stepwise_totp (
    user_id    VARCHAR(255)   NOT NULL PRIMARY KEY,
    secret_box VARBINARY(256) NOT NULL,
    active     BOOLEAN        NOT NULL,
    last_step  BIGINT         NOT NULL
);

-- Recovery codes: per-code salted PBKDF2 hashes; a code is used by DELETE ... WHERE id = ? AND user_id = ?.
-- stepwise_recovery_set holds one row per user that replacing a set locks first, so two concurrent
-- regenerations cannot leave both sets behind.
CREATE TABLE IF NOT EXISTS stepwise_recovery_set (
    user_id    VARCHAR(255) NOT NULL PRIMARY KEY,
    generation BIGINT       NOT NULL
);

CREATE TABLE IF NOT EXISTS stepwise_recovery_code (
    id         VARCHAR(64)    NOT NULL PRIMARY KEY,
    user_id    VARCHAR(255)   NOT NULL,
    salt       VARBINARY(64)  NOT NULL,
    iterations INT            NOT NULL,
    code_hash  VARBINARY(128) NOT NULL
);

CREATE INDEX IF NOT EXISTS stepwise_recovery_code_user ON stepwise_recovery_code (user_id);

-- WebAuthn credential records (WebAuthn Level 3 §4 "Credential Record"). The sign count is a compare-and-set:
-- UPDATE ... SET sign_count = ? ... WHERE credential_id = ? AND sign_count = ?, update count 1.
CREATE TABLE IF NOT EXISTS stepwise_webauthn_credential (
    credential_id            VARBINARY(1023) NOT NULL PRIMARY KEY,
    user_id                  VARCHAR(255)    NOT NULL,
    attested_credential_data VARBINARY(4096) NOT NULL,
    sign_count               BIGINT          NOT NULL,
    transports               VARCHAR(255)    NOT NULL,
    aaguid                   VARCHAR(36)     NOT NULL,
    name                     VARCHAR(64)     NOT NULL,
    uv_initialized           BOOLEAN         NOT NULL,
    backup_eligible          BOOLEAN         NOT NULL,
    backed_up                BOOLEAN         NOT NULL,
    created_at               BIGINT          NOT NULL,
    last_used_at             BIGINT
);

CREATE INDEX IF NOT EXISTS stepwise_webauthn_credential_user ON stepwise_webauthn_credential (user_id);

CREATE TABLE IF NOT EXISTS stepwise_webauthn_user_handle (
    user_id     VARCHAR(255)    NOT NULL PRIMARY KEY,
    user_handle VARBINARY(64)   NOT NULL UNIQUE
);

-- Pending email/SMS codes: one per (user, channel), stored as an HMAC, used by
-- DELETE ... WHERE user_id = ? AND channel = ? AND code_hash = ? AND expires_at > ?, update count 1.
CREATE TABLE IF NOT EXISTS stepwise_otp (
    user_id    VARCHAR(255)    NOT NULL,
    channel    VARCHAR(32)     NOT NULL,
    code_hash  VARBINARY(64)   NOT NULL,
    issued_at  BIGINT          NOT NULL,
    expires_at BIGINT          NOT NULL,
    PRIMARY KEY (user_id, channel)
);

-- What successful sign-ins taught about each user (adaptive MFA): one row per (user, kind, item), kind DEVICE
-- (item: device cookie value), NETWORK (item: "203.0.113.0/24") or LOGIN (item: "", one per user). record keeps
-- the later time in one upsert (last_seen_at = GREATEST(stored, new)); forgetBefore deletes DEVICE and NETWORK
-- rows last seen before the cutoff and never LOGIN rows.
-- No index on last_seen_at on purpose: every sign-in refreshes it, and indexing it would make each refresh write
-- every index (no HOT update on PostgreSQL) to speed up a background purge that scans the table every few hours.
CREATE TABLE IF NOT EXISTS stepwise_risk_history (
    user_id      VARCHAR(255) NOT NULL,
    kind         VARCHAR(16)  NOT NULL,
    item         VARCHAR(128) NOT NULL,
    last_seen_at BIGINT       NOT NULL,
    PRIMARY KEY (user_id, kind, item)
);

-- Administrators' temporary MFA exemptions: at most one per user (a new one replaces the old); until_at is
-- exclusive. Rows that have ended grant nothing and are deleted by housekeeping.
CREATE TABLE IF NOT EXISTS stepwise_exemption (
    user_id    VARCHAR(255) NOT NULL PRIMARY KEY,
    until_at   BIGINT       NOT NULL,
    reason     VARCHAR(500) NOT NULL,
    granted_by VARCHAR(255) NOT NULL,
    created_at BIGINT       NOT NULL
);

-- Each user's own MFA choices; no row means the defaults.
CREATE TABLE IF NOT EXISTS stepwise_preferences (
    user_id          VARCHAR(255) NOT NULL PRIMARY KEY,
    always_ask_login BOOLEAN      NOT NULL
);

-- Records this version (the last statement, so a version that failed half-way is not recorded), unless there.
INSERT INTO stepwise_schema_version (version, installed_at, description)
    SELECT 1, CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000 AS BIGINT), 'first schema'
    WHERE NOT EXISTS (SELECT 1 FROM stepwise_schema_version WHERE version = 1);
