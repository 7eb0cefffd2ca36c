-- Read models: projections of the payment events (module projections). Both tables can be
-- truncated and rebuilt by a replay (the processors' @ResetHandler does it) and come back
-- identical: every value, times included, is taken from the events, never from now().

-- The operations journal, in the UKM 4 integrator's shape (domain.md, "The operations journal").
-- Names are unquoted so an operator's SQL written for the integrator works unchanged.
--
-- One row per money operation sent to the service:
--   a payment: id = its reserve operation id; the reservation and the debit share the row,
--              as the debit (and any cancel) is addressed to the reservation;
--   a refund:  id = the refund operation id (a declined refund may be followed by another one,
--              each with a row of its own).
-- cancel is set only when the service confirmed the cancel (PaymentCancelled, late or not):
-- "cancel IS NULL" must keep meaning "the service may still hold or have taken this money". A
-- cancel that is only asked for, or that was given up (CANCEL_EXPIRED), leaves it NULL and is
-- visible in data (cancelOperationId, cancelStatus).
--
-- data (jsonb), keys written by org.socialledger.journal.OperationsJournal; money in integer
-- kopecks, times ISO-8601 UTC, the card only as its masked PAN, never a full number:
--   every row:  kind ("payment" | "refund"), paymentId, reserveOperationId, storeId, terminalId,
--               receiptId, maskedPan, enterpriseId, merchantId, spCode, terminalNo, status
--   payment:    status = the payment's state (REQUESTED ... REFUNDED, as the aggregate has it);
--               merchantConfigId, receiptTotal, requestedAt, expiresAt;
--               reservationId, socialItems [{line, amount}], socialAmount, remainder,
--               reserveBankData {}, reservedAt, reservedLate; reserveDeclineReason, reserveDeclinedAt,
--               reserveDeclinedLate; debitOperationId, debitAmount, confirmedAt, debitedAmount,
--               debitBankData, debitedAt, debitedLate; debitDeclineReason, debitDeclinedAt,
--               debitDeclinedLate;
--               cancelOperationId, cancelStatus (REQUESTED | CANCELLED | EXPIRED), cancelInitiator,
--               cancelReason, cancelledFrom, cancelRequestedAt, cancelGiveUpAt, cancelBankData,
--               cancelledAt, cancelledLate, cancelExpiredAt; refundOperationId (the latest refund)
--   refund:     status (REQUESTED | REFUNDED | DECLINED); refundOperationId, refundReceiptId,
--               items [{line, amount}], amount, requestedAt; refundedAmount, refundBankData,
--               refundedAt; declineReason, declinedAt
CREATE TABLE soc_processing_operations (
    op_date TIMESTAMPTZ NOT NULL,
    id      BYTEA       PRIMARY KEY,
    cancel  BYTEA       NULL,
    data    JSONB       NOT NULL,
    CONSTRAINT soc_processing_operations_id_is_uuid CHECK (octet_length(id) = 16),
    CONSTRAINT soc_processing_operations_cancel_is_uuid CHECK (cancel IS NULL OR octet_length(cancel) = 16)
);
COMMENT ON TABLE soc_processing_operations IS
    'Operations journal (integrator shape), a projection: one row per payment (id = reserve operation) and per refund. '
    'op_date = last update (event time); id, cancel = 16-byte UUIDs (encode(id, ''hex'')::uuid); '
    'cancel set once the service confirmed the cancel.';
-- Every event after ReservationRequested names the payment, not the reserve operation: this
-- finds the payment row, and makes sure there is only one.
CREATE UNIQUE INDEX soc_processing_operations_payment_row
    ON soc_processing_operations ((data ->> 'paymentId')) WHERE data ->> 'kind' = 'payment';
CREATE INDEX soc_processing_operations_payment_id ON soc_processing_operations ((data ->> 'paymentId'));
CREATE INDEX soc_processing_operations_op_date ON soc_processing_operations (op_date);

-- The support view: one row per payment, its state computed exactly as the aggregate computes
-- it (late outcomes record their facts but never move the state). Amounts in kopecks, NULL
-- until known; times are the events' own.
CREATE TABLE payment_view (
    payment_id           UUID         PRIMARY KEY,
    reserve_operation_id UUID         NOT NULL,
    store_id             VARCHAR(128) NOT NULL,
    terminal_id          VARCHAR(128) NOT NULL,
    receipt_id           VARCHAR(128) NOT NULL,
    masked_pan           VARCHAR(19)  NOT NULL,
    -- NULL when the pin pad hid the last digits too.
    card_last4           VARCHAR(4),
    state                VARCHAR(16)  NOT NULL,
    merchant_config_id   INTEGER      NOT NULL,
    sp_code              VARCHAR(255) NOT NULL,

    receipt_total        BIGINT       NOT NULL,
    social_amount        BIGINT,
    remainder            BIGINT,
    debited_amount       BIGINT,
    refunded_amount      BIGINT,

    reservation_id       VARCHAR(255),
    debit_operation_id   UUID,
    cancel_operation_id  UUID,
    cancel_initiator     VARCHAR(16),
    cancelled_from       VARCHAR(16),
    refund_operation_id  UUID,
    refund_receipt_id    VARCHAR(128),

    -- Each kind of decline keeps its own reason (the decline report counts them); last_reason
    -- is why the payment is where it is now (a decline or the cancel's reason).
    reserve_decline_reason VARCHAR(1024),
    debit_decline_reason   VARCHAR(1024),
    refund_decline_reason  VARCHAR(1024),
    last_reason            VARCHAR(1024),
    -- An answer of the service arrived after the payment had started cancelling.
    had_late_outcome     BOOLEAN      NOT NULL DEFAULT FALSE,

    requested_at         TIMESTAMPTZ  NOT NULL,
    expires_at           TIMESTAMPTZ  NOT NULL,
    reserved_at          TIMESTAMPTZ,
    reserve_declined_at  TIMESTAMPTZ,
    confirmed_at         TIMESTAMPTZ,
    debited_at           TIMESTAMPTZ,
    debit_declined_at    TIMESTAMPTZ,
    cancel_requested_at  TIMESTAMPTZ,
    cancel_give_up_at    TIMESTAMPTZ,
    cancelled_at         TIMESTAMPTZ,
    cancel_expired_at    TIMESTAMPTZ,
    refund_requested_at  TIMESTAMPTZ,
    refunded_at          TIMESTAMPTZ,
    refund_declined_at   TIMESTAMPTZ,
    last_updated_at      TIMESTAMPTZ  NOT NULL,

    CONSTRAINT payment_view_state_known CHECK (state IN ('REQUESTED', 'RESERVED', 'DECLINED', 'CONFIRMED',
        'DEBITED', 'CANCELLING', 'CANCELLED', 'CANCEL_EXPIRED', 'REFUNDING', 'REFUNDED')),
    CONSTRAINT payment_view_amounts_not_negative CHECK (receipt_total >= 0 AND social_amount >= 0
        AND remainder >= 0 AND debited_amount >= 0 AND refunded_amount >= 0)
);
COMMENT ON TABLE payment_view IS
    'Support read model, a projection: one row per social payment, state as the aggregate has it. Money in kopecks.';

-- Support searches: a store's day, a till, a receipt, a card's last digits, an amount.
CREATE INDEX payment_view_store_requested ON payment_view (store_id, requested_at);
CREATE INDEX payment_view_terminal_requested ON payment_view (terminal_id, requested_at);
CREATE INDEX payment_view_receipt ON payment_view (receipt_id);
CREATE INDEX payment_view_card_last4 ON payment_view (card_last4, requested_at);
CREATE INDEX payment_view_social_amount ON payment_view (social_amount);
CREATE INDEX payment_view_requested ON payment_view (requested_at);
-- The stuck list: payments in a state since long ago.
CREATE INDEX payment_view_state_updated ON payment_view (state, last_updated_at);
-- The settlement and decline reports select by the time of the money movement or decline.
CREATE INDEX payment_view_debited ON payment_view (debited_at) WHERE debited_at IS NOT NULL;
CREATE INDEX payment_view_refunded ON payment_view (refunded_at) WHERE refunded_at IS NOT NULL;
CREATE INDEX payment_view_reversed ON payment_view (cancelled_at)
    WHERE cancelled_at IS NOT NULL AND debited_amount IS NOT NULL;
CREATE INDEX payment_view_reserve_declined ON payment_view (reserve_declined_at) WHERE reserve_declined_at IS NOT NULL;
CREATE INDEX payment_view_debit_declined ON payment_view (debit_declined_at) WHERE debit_declined_at IS NOT NULL;
CREATE INDEX payment_view_refund_declined ON payment_view (refund_declined_at) WHERE refund_declined_at IS NOT NULL;
