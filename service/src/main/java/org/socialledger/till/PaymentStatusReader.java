package org.socialledger.till;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.socialledger.api.payment.Money;
import org.socialledger.api.payment.PaymentId;
import org.socialledger.api.payment.PaymentState;
import org.socialledger.api.payment.SocialLine;
import org.socialledger.api.payment.event.CancelExpired;
import org.socialledger.api.payment.event.CancelRequested;
import org.socialledger.api.payment.event.DebitDeclined;
import org.socialledger.api.payment.event.PaymentCancelled;
import org.socialledger.api.payment.event.PaymentConfirmed;
import org.socialledger.api.payment.event.PaymentDebited;
import org.socialledger.api.payment.event.PaymentEvent;
import org.socialledger.api.payment.event.PaymentRefunded;
import org.socialledger.api.payment.event.PaymentReserved;
import org.socialledger.api.payment.event.RefundDeclined;
import org.socialledger.api.payment.event.RefundRequested;
import org.socialledger.api.payment.event.ReservationDeclined;
import org.socialledger.api.payment.event.ReservationRequested;
import org.socialledger.eventstore.RememberingEventStore;
import org.springframework.stereotype.Component;

/**
 * Answers {@code status} from the payment's own events, not from a projection: a till that
 * just got "pending" must see the outcome the moment it is stored, on any instance.
 */
@Component
public class PaymentStatusReader {

    private final EventStore eventStore;

    public PaymentStatusReader(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public Optional<PaymentSnapshot> read(PaymentId paymentId) {
        return read(paymentId, Instant.MAX);
    }

    /** The payment as it stood at {@code asOf}: only events stored by then count (point in time). */
    public Optional<PaymentSnapshot> read(PaymentId paymentId, Instant asOf) {
        return fold(eventStore.readEvents(paymentId.toString()), asOf);
    }

    /**
     * The payment at least as of its event {@code sequenceNumber}, which the caller answers for:
     * from the events the service remembers when they reach that far (a till's reply to the event
     * just stored), so no read of the table that would find nothing newer.
     */
    Optional<PaymentSnapshot> readThrough(PaymentId paymentId, long sequenceNumber) {
        DomainEventStream stream = eventStore instanceof RememberingEventStore remembering
                ? remembering.readEventsThrough(paymentId.toString(), sequenceNumber)
                : eventStore.readEvents(paymentId.toString());
        return fold(stream, Instant.MAX);
    }

    private static Optional<PaymentSnapshot> fold(DomainEventStream stream, Instant asOf) {
        Fold fold = new Fold();
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            if (message.getTimestamp().isAfter(asOf)) {
                break;
            }
            if (message.getPayload() instanceof PaymentEvent event) {
                fold.apply(event);
            }
        }
        return Optional.ofNullable(fold.snapshot());
    }

    /** The same reading of late events as the aggregate: they record facts, never move the state. */
    private static final class Fold {
        private ReservationRequested requested;
        private PaymentState state;
        private List<SocialLine> socialItems = List.of();
        private Money socialAmount = Money.ZERO;
        private Money remainder;
        private Money debited = Money.ZERO;
        private Money refunded = Money.ZERO;
        /** The service confirmed a cancel: it holds nothing for the payment any more. */
        private boolean cancelled;
        private Instant updatedAt;
        private String lastReason;

        void apply(PaymentEvent event) {
            updatedAt = event.occurredAt();
            if (event instanceof ReservationRequested e) {
                requested = e;
                state = PaymentState.REQUESTED;
                remainder = e.receipt().total();
            } else if (event instanceof PaymentReserved e) {
                socialItems = e.socialLines();
                socialAmount = e.socialAmount();
                remainder = e.remainder();
                state = e.late() ? state : PaymentState.RESERVED;
            } else if (event instanceof ReservationDeclined e) {
                lastReason = e.reason();
                state = e.late() ? state : PaymentState.DECLINED;
            } else if (event instanceof PaymentConfirmed) {
                state = PaymentState.CONFIRMED;
            } else if (event instanceof PaymentDebited e) {
                // The service answers a cancel only once it holds nothing, reversing a debit it had
                // applied: a debit whose answer is recorded after the confirmed cancel was reversed by it.
                debited = cancelled ? Money.ZERO : e.amount();
                state = e.late() ? state : PaymentState.DEBITED;
            } else if (event instanceof DebitDeclined e) {
                lastReason = e.reason();
            } else if (event instanceof CancelRequested e) {
                lastReason = e.reason();
                state = PaymentState.CANCELLING;
            } else if (event instanceof PaymentCancelled e) {
                // A cancel releases the hold or reverses the debit: nothing stays debited.
                debited = Money.ZERO;
                cancelled = true;
                state = e.late() ? state : PaymentState.CANCELLED;
            } else if (event instanceof CancelExpired) {
                state = PaymentState.CANCEL_EXPIRED;
            } else if (event instanceof RefundRequested) {
                state = PaymentState.REFUNDING;
            } else if (event instanceof PaymentRefunded e) {
                refunded = e.amount();
                state = PaymentState.REFUNDED;
            } else if (event instanceof RefundDeclined e) {
                lastReason = e.reason();
                state = PaymentState.DEBITED;
            }
        }

        PaymentSnapshot snapshot() {
            if (requested == null) {
                return null;
            }
            return new PaymentSnapshot(requested.paymentId(), requested.storeId(), requested.receipt().id(), state,
                    socialItems, socialAmount, remainder, debited, refunded, requested.expiresAt(), updatedAt,
                    lastReason);
        }
    }
}
