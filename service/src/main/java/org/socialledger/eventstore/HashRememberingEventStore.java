package org.socialledger.eventstore;

import java.util.HashMap;
import java.util.Map;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.socialledger.audit.HashChain;

/**
 * Axon's embedded event store that, while a command loads a payment, keeps each event's chain
 * hash in the unit of work: the hash chain then links the command's new events to the last one
 * without reading it from the table a second time (it was ~5 % of a command's CPU in the profile).
 */
class HashRememberingEventStore extends EmbeddedEventStore {

    HashRememberingEventStore(Builder builder) {
        super(builder);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier) {
        DomainEventStream events = super.readEvents(aggregateIdentifier);
        if (!CurrentUnitOfWork.isStarted()) {
            return events;
        }
        Map<String, String> hashes = CurrentUnitOfWork.get().root()
                .getOrComputeResource(HashChain.UNIT_OF_WORK_HASHES, key -> new HashMap<>());
        return DomainEventStream.of(events.asStream().peek(event -> {
            Object hash = event.getMetaData().get(HashChain.HASH);
            if (hash != null) {
                hashes.put(HashChain.key(event.getAggregateIdentifier(), event.getSequenceNumber()), hash.toString());
            }
        }), events::getLastSequenceNumber);
    }
}
