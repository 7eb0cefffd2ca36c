package org.socialledger.api.payment.event;

import java.time.Instant;
import org.socialledger.api.payment.PaymentId;

/** Every event in the life of a social payment. */
public sealed interface PaymentEvent
        permits ReservationRequested, PaymentReserved, ReservationDeclined, PaymentConfirmed, PaymentDebited,
        DebitDeclined, CancelRequested, PaymentCancelled, CancelExpired, RefundRequested, PaymentRefunded,
        RefundDeclined {

    PaymentId paymentId();

    /** When it happened, as the command that caused it said: replays never consult the clock. */
    Instant occurredAt();
}
