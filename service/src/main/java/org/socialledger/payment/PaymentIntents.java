package org.socialledger.payment;

import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.socialledger.api.payment.PaymentId;
import org.springframework.stereotype.Component;

/**
 * The stored intents of a payment ({@code ReservationRequested}, {@code PaymentConfirmed},
 * {@code CancelRequested}, {@code RefundRequested}): what the saga sends, and sends again with
 * the same operation id. Read from the payment's own events, so the saga's stored state stays
 * small and a resend is byte for byte the first call.
 */
@Component
public class PaymentIntents {

    private final EventStore eventStore;

    public PaymentIntents(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** The latest event of this type in the payment's history. */
    public <T> Optional<T> latest(PaymentId paymentId, Class<T> type) {
        T found = null;
        var events = eventStore.readEvents(paymentId.toString());
        while (events.hasNext()) {
            DomainEventMessage<?> message = events.next();
            if (type.isInstance(message.getPayload())) {
                found = type.cast(message.getPayload());
            }
        }
        return Optional.ofNullable(found);
    }
}
