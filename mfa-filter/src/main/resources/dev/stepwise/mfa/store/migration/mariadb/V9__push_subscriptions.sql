-- Stepwise MFA store, schema version 9 (push subscriptions): the devices users registered for the push factor.
-- MariaDB (10.6 and later; tested with 10.11), InnoDB.
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
) ENGINE=InnoDB ROW_FORMAT=DYNAMIC DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE IF NOT EXISTS stepwise_push_subscription (
    user_id    VARCHAR(255)  NOT NULL,
    id         VARCHAR(22)   NOT NULL,
    label      VARCHAR(64)   NOT NULL,
    endpoint   VARCHAR(2048) NOT NULL,
    p256dh     VARBINARY(65) NOT NULL,
    auth       VARBINARY(16) NOT NULL,
    created_at BIGINT        NOT NULL,
    PRIMARY KEY (user_id, id)
) ENGINE=InnoDB ROW_FORMAT=DYNAMIC DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- Records this version (the last statement, so a version that failed half-way is not recorded), unless there.
INSERT INTO stepwise_schema_version (version, installed_at, description)
    VALUES (9, CAST(UNIX_TIMESTAMP(CURRENT_TIMESTAMP(3)) * 1000 AS SIGNED), 'push subscriptions')
    ON DUPLICATE KEY UPDATE version = version;
