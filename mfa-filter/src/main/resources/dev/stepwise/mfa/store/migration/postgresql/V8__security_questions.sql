-- Stepwise MFA store, schema version 8 (security questions): the questions users wrote and the salted
-- PBKDF2 hashes of their normalised answers (never the answers), and which two a user is being asked.
-- PostgreSQL (12 and later).
-- Plain SQL that Flyway runs as it is (docs/schema-migrations.md): statements end with ";", no dollar quoting,
-- no DELIMITER, no ";" inside literals, only "--" and plain "/* */" comments. Every statement is idempotent
-- (IF NOT EXISTS, and the version row is inserted only if absent), so a version a node left half-way can run
-- again; a database made by a build before versioned scripts records version 1 and may hold what later ones add.
-- The last statement records this version; the scripts of a released version never change (the library
-- checks the checksum of each script it applied).

-- One row per question. question_box is the question sealed with the store's secret key (AES-GCM, bound to the
-- user and the row id): shown back to its user only. answer_hash is PBKDF2-HMAC-SHA256 of the normalised answer
-- with its own salt; iterations is kept per row so that it can be raised later.
CREATE TABLE IF NOT EXISTS stepwise_question (
    id           VARCHAR(64)   NOT NULL PRIMARY KEY,
    user_id      VARCHAR(255)  NOT NULL,
    seq          INT           NOT NULL,
    question_box BYTEA         NOT NULL,
    salt         BYTEA         NOT NULL,
    iterations   INT           NOT NULL,
    answer_hash  BYTEA         NOT NULL
);

CREATE INDEX IF NOT EXISTS stepwise_question_user ON stepwise_question (user_id);

-- One row per user with questions: replacing the questions locks it first (two concurrent replacements cannot
-- leave both sets behind), and it keeps the pair being asked (first_id, second_id; NULL when none), set by one
-- conditional UPDATE so that concurrent challenges all ask the same pair.
CREATE TABLE IF NOT EXISTS stepwise_question_set (
    user_id    VARCHAR(255) NOT NULL PRIMARY KEY,
    generation BIGINT       NOT NULL,
    first_id   VARCHAR(64),
    second_id  VARCHAR(64)
);

-- Records this version (the last statement, so a version that failed half-way is not recorded), unless there.
INSERT INTO stepwise_schema_version (version, installed_at, description)
    VALUES (8, CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000 AS BIGINT), 'security questions')
    ON CONFLICT (version) DO NOTHING;
