package org.socialledger.projection;

import java.util.Optional;
import org.socialledger.api.payment.PaymentState;
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

/**
 * The state a payment is in after one of its events, exactly as the aggregate's event sourcing
 * handlers set it (domain.md, "Lifecycle of one payment"). Every event either names the state it
 * leads to or leaves the state alone, so a reader needs no earlier state to follow the payment,
 * and handling the same event twice gives the same answer.
 *
 * <p>A late outcome ({@code late == true}) is an answer of the service that came after the payment
 * had started cancelling: it is recorded by the readers but never moves the state. A declined
 * debit does not move it either: the aggregate follows it with a {@link CancelRequested}.
 */
public final class PaymentLifecycle {

    private PaymentLifecycle() {
    }

    /** The state after {@code event}, or empty when the event leaves the state as it was. */
    public static Optional<PaymentState> stateAfter(PaymentEvent event) {
        if (event instanceof ReservationRequested) {
            return Optional.of(PaymentState.REQUESTED);
        }
        if (event instanceof PaymentReserved reserved) {
            return unlessLate(reserved.late(), PaymentState.RESERVED);
        }
        if (event instanceof ReservationDeclined declined) {
            return unlessLate(declined.late(), PaymentState.DECLINED);
        }
        if (event instanceof PaymentConfirmed) {
            return Optional.of(PaymentState.CONFIRMED);
        }
        if (event instanceof PaymentDebited debited) {
            return unlessLate(debited.late(), PaymentState.DEBITED);
        }
        if (event instanceof DebitDeclined) {
            return Optional.empty();
        }
        if (event instanceof CancelRequested) {
            return Optional.of(PaymentState.CANCELLING);
        }
        if (event instanceof PaymentCancelled cancelled) {
            return unlessLate(cancelled.late(), PaymentState.CANCELLED);
        }
        if (event instanceof CancelExpired) {
            return Optional.of(PaymentState.CANCEL_EXPIRED);
        }
        if (event instanceof RefundRequested) {
            return Optional.of(PaymentState.REFUNDING);
        }
        if (event instanceof PaymentRefunded) {
            return Optional.of(PaymentState.REFUNDED);
        }
        if (event instanceof RefundDeclined) {
            return Optional.of(PaymentState.DEBITED);
        }
        // PaymentEvent is sealed; this is reached only if a new event is added and not taught here.
        throw new IllegalArgumentException("no lifecycle rule for " + event.getClass().getSimpleName());
    }

    /** The state's name for a nullable column or JSON key: null when the event leaves it alone. */
    public static String stateNameAfter(PaymentEvent event) {
        return stateAfter(event).map(PaymentState::name).orElse(null);
    }

    /**
     * True for an answer of the service that arrived after the payment had started cancelling
     * (PaymentReserved, ReservationDeclined, PaymentDebited, DebitDeclined) or a cancel
     * confirmation that came after the cancel was given up (PaymentCancelled).
     */
    public static boolean isLateOutcome(PaymentEvent event) {
        return event instanceof PaymentReserved reserved && reserved.late()
                || event instanceof ReservationDeclined declined && declined.late()
                || event instanceof PaymentDebited debited && debited.late()
                || event instanceof DebitDeclined declined && declined.late()
                || event instanceof PaymentCancelled cancelled && cancelled.late();
    }

    private static Optional<PaymentState> unlessLate(boolean late, PaymentState state) {
        return late ? Optional.empty() : Optional.of(state);
    }
}
