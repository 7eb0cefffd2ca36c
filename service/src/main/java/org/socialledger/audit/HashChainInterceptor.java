package org.socialledger.audit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Chains each payment event to the one before it as it is published, inside the command's unit
 * of work: the hash is stored in the event's own metadata, in the same insert, so no event
 * exists without it. The previous hash comes from an event of the same unit of work, from the
 * payment's events as the command loaded them, or else from the store (in the command's transaction).
 */
class HashChainInterceptor implements MessageDispatchInterceptor<EventMessage<?>> {

    private final HashChain chain;
    private final Serializer eventSerializer;
    private final JdbcTemplate jdbc;

    HashChainInterceptor(HashChain chain, Serializer eventSerializer, JdbcTemplate jdbc) {
        this.chain = chain;
        this.eventSerializer = eventSerializer;
        this.jdbc = jdbc;
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        return (index, message) -> message instanceof DomainEventMessage<?> event ? chained(event) : message;
    }

    private EventMessage<?> chained(DomainEventMessage<?> event) {
        Map<String, String> lastHashes = CurrentUnitOfWork.isStarted()
                ? CurrentUnitOfWork.get().root().getOrComputeResource(HashChain.UNIT_OF_WORK_HASHES, key -> new HashMap<>())
                : new HashMap<>();
        String aggregate = event.getAggregateIdentifier();
        String previous = lastHashes.get(HashChain.key(aggregate, event.getSequenceNumber() - 1));
        if (previous == null) {
            previous = event.getSequenceNumber() == 0 ? HashChain.GENESIS : stored(aggregate, event.getSequenceNumber() - 1);
        }
        SerializedObject<byte[]> payload = eventSerializer.serialize(event.getPayload(), byte[].class);
        String hash = chain.hash(previous, aggregate, event.getSequenceNumber(), event.getPayloadType().getName(),
                event.getTimestamp().toEpochMilli(), payload.getData());
        lastHashes.put(HashChain.key(aggregate, event.getSequenceNumber()), hash);
        return chained(event, MetaData.with(HashChain.HASH, hash).and(HashChain.PREVIOUS, previous), payload);
    }

    private <T> ChainedEvent<T> chained(DomainEventMessage<T> event, MetaData chain, SerializedObject<byte[]> payload) {
        return new ChainedEvent<>(event, event.getMetaData().mergedWith(chain), eventSerializer, payload);
    }

    private String stored(String aggregate, long sequence) {
        List<byte[]> metadata = jdbc.queryForList("SELECT meta_data FROM domain_event_entry"
                + " WHERE aggregate_identifier = ? AND sequence_number = ?", byte[].class, aggregate, sequence);
        String hash = metadata.isEmpty() ? null : chain.recorded(metadata.get(0), HashChain.HASH);
        // An event stored before hashes existed starts the chain afresh; verify reports it.
        return hash != null ? hash : HashChain.GENESIS;
    }
}
