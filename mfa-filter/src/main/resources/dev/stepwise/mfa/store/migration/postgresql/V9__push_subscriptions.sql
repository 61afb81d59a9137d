-- Stepwise MFA store, schema version 9 (push subscriptions): the devices users registered for the push factor.
-- PostgreSQL (12 and later).
-- Plain SQL that Flyway runs as it is (docs/schema-migrations.md): statements end with ";", no dollar quoting,
-- no DELIMITER, no ";" inside literals, only "--" and plain "/* */" comments. Every statement is idempotent
-- (IF NOT EXISTS, and the version row is inserted only if absent), so a version a node left half-way can run
-- again. The last statement records this version; the scripts of a released version never change.

-- One row per device: id is the first 128 bits of SHA-256 of the endpoint (base64url), so the same browser
-- registering again replaces its row. The endpoint, p256dh and auth are what the browser gave; the endpoint is
-- checked against the endpoint policy when registered and again before every push. Adding a device first locks
-- the user's row of stepwise_push_device_set, so a burst of registrations cannot pass the per-user limit.

CREATE TABLE IF NOT EXISTS stepwise_push_device_set (
    user_id    VARCHAR(255) NOT NULL PRIMARY KEY,
    generation BIGINT       NOT NULL
);

CREATE TABLE IF NOT EXISTS stepwise_push_subscription (
    user_id    VARCHAR(255)  NOT NULL,
    id         VARCHAR(22)   NOT NULL,
    label      VARCHAR(64)   NOT NULL,
    endpoint   VARCHAR(2048) NOT NULL,
    p256dh     BYTEA NOT NULL,
    auth       BYTEA NOT NULL,
    created_at BIGINT        NOT NULL,
    PRIMARY KEY (user_id, id)
);

-- Records this version (the last statement, so a version that failed half-way is not recorded), unless there.
INSERT INTO stepwise_schema_version (version, installed_at, description)
    VALUES (9, CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000 AS BIGINT), 'push subscriptions')
    ON CONFLICT (version) DO NOTHING;
