package org.socialledger.eventstore;

import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

/** The event store, with a read for those who answer for an event they have in hand. */
public interface RememberingEventStore extends EventStore {

    /**
     * The payment's events at least through {@code sequenceNumber}: from memory when it remembers
     * that far, else from the table. For a reader that answers for one event (the till's reply to
     * it), not for one that must see the latest (a till's {@code status} request).
     */
    DomainEventStream readEventsThrough(String aggregateIdentifier, long sequenceNumber);
}
