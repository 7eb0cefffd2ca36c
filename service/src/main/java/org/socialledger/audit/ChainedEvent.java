package org.socialledger.audit;

import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

/**
 * A payment event with its chain hash, carrying the payload JSON the hash was computed over, so
 * that the store writes those very bytes instead of serializing the payload a second time. Any
 * other serializer or representation is served as usual.
 */
final class ChainedEvent<T> extends GenericDomainEventMessage<T> {

    private final transient Serializer serializer;
    private final transient SerializedObject<byte[]> payload;

    ChainedEvent(DomainEventMessage<T> event, Map<String, ?> metaData, Serializer serializer,
                 SerializedObject<byte[]> payload) {
        super(event.getType(), event.getAggregateIdentifier(), event.getSequenceNumber(), event.getPayload(), metaData,
                event.getIdentifier(), event.getTimestamp());
        this.serializer = serializer;
        this.payload = payload;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> SerializedObject<R> serializePayload(Serializer serializer, Class<R> expectedRepresentation) {
        if (serializer == this.serializer && expectedRepresentation == byte[].class) {
            return (SerializedObject<R>) payload;
        }
        return super.serializePayload(serializer, expectedRepresentation);
    }
}
