-- Every till request that acted (or was refused by a payment rule), keyed by its AMQP
-- message_id: the idempotency key across restarts and instances, and the outbox of replies.
-- A request refused before anything was recorded (MALFORMED, VALIDATION, UNKNOWN_*, CONFIG,
-- UNAVAILABLE) has no row, so a corrected retry under the same message_id is processed.
CREATE TABLE till_request (
    message_id     VARCHAR(255) NOT NULL PRIMARY KEY,
    -- SHA-256 of the request body in canonical JSON: the same message_id with another body is
    -- refused with IDEMPOTENCY_CONFLICT. The body itself is not kept (the events have it).
    request_hash   CHAR(64)     NOT NULL,
    operation      VARCHAR(16)  NOT NULL,
    payment_id     UUID,
    -- Where the (latest) asker waits; null when the till wants no reply.
    reply_to       VARCHAR(255),
    correlation_id VARCHAR(255) NOT NULL,
    received_at    TIMESTAMPTZ  NOT NULL,
    -- When the till stops waiting: unanswered by then, it gets "pending".
    reply_due_at   TIMESTAMPTZ  NOT NULL,
    reply          JSONB,
    replied_at     TIMESTAMPTZ,
    sent_at        TIMESTAMPTZ
);
CREATE INDEX till_request_awaiting ON till_request (payment_id, operation) WHERE reply IS NULL;
CREATE INDEX till_request_due ON till_request (reply_due_at) WHERE reply IS NULL;
CREATE INDEX till_request_unsent ON till_request (replied_at)
    WHERE reply IS NOT NULL AND sent_at IS NULL AND reply_to IS NOT NULL;
