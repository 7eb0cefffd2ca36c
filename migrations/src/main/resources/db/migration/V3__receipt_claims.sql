-- At most one active payment per (store, receipt): the command side claims the receipt in the
-- same transaction that stores ReservationRequested, and releases it in the same transaction
-- that stores the event making the payment final. This table is command-side state, not a
-- projection: it is never rebuilt by a replay.
CREATE TABLE payment_receipt_claim (
    store_id   VARCHAR(128) NOT NULL,
    receipt_id VARCHAR(128) NOT NULL,
    payment_id UUID         NOT NULL UNIQUE,
    claimed_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (store_id, receipt_id)
);
