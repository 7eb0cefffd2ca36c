package org.socialledger.eventstore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.socialledger.audit.HashChain;

/**
 * Axon's embedded event store with two savings on reading a payment's history, the service's most
 * frequent read (measured in BENCHMARKS.md):
 *
 * <ul>
 * <li>the events already read are remembered ({@link RecentHistories}) and only newer ones are
 *     fetched from the table;</li>
 * <li>while a command loads a payment, each event's chain hash is kept in the unit of work, so the
 *     hash chain links the command's new events to the last one without reading it again.</li>
 * </ul>
 *
 * Payments are never snapshotted (a history is a handful of events), so no snapshot is looked for.
 */
class HashRememberingEventStore extends EmbeddedEventStore {

    private final RecentHistories histories;

    HashRememberingEventStore(Builder builder, int rememberedPayments) {
        super(builder);
        this.histories = new RecentHistories(rememberedPayments);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier) {
        List<DomainEventMessage<?>> known = histories.get(aggregateIdentifier);
        long next = known.isEmpty() ? 0 : known.get(known.size() - 1).getSequenceNumber() + 1;
        List<DomainEventMessage<?>> history = new ArrayList<>(known);
        storageEngine().readEvents(aggregateIdentifier, next).asStream().forEach(history::add);
        if (history.size() > known.size()) {
            remember(aggregateIdentifier, history);
        }
        if (CurrentUnitOfWork.isStarted()) {
            Map<String, String> hashes = CurrentUnitOfWork.get().root()
                    .getOrComputeResource(HashChain.UNIT_OF_WORK_HASHES, key -> new HashMap<>());
            for (DomainEventMessage<?> event : history) {
                Object hash = event.getMetaData().get(HashChain.HASH);
                if (hash != null) {
                    hashes.put(HashChain.key(aggregateIdentifier, event.getSequenceNumber()), hash.toString());
                }
            }
        }
        return DomainEventStream.concat(DomainEventStream.of(history),
                DomainEventStream.of(stagedDomainEventMessages(aggregateIdentifier)));
    }

    /**
     * Only once the reading transaction has committed: rows it wrote itself would be visible to it
     * before they are anyone's truth.
     */
    private void remember(String aggregateIdentifier, List<DomainEventMessage<?>> history) {
        List<DomainEventMessage<?>> read = List.copyOf(history);
        if (CurrentUnitOfWork.isStarted()) {
            UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
            unitOfWork.afterCommit(committed -> histories.offer(aggregateIdentifier, read));
        } else {
            histories.offer(aggregateIdentifier, read);
        }
    }
}
