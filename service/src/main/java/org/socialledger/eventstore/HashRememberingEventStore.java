package org.socialledger.eventstore;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
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
 * <li>the events a command appends are remembered too, as the objects it applied, once its
 *     transaction has committed: the next command on the payment (usually the bank's answer, a
 *     few milliseconds later) neither reads nor deserializes them, where deserializing events was a
 *     tenth of the service's CPU;</li>
 * <li>while a command loads a payment, each event's chain hash is kept in the unit of work, so the
 *     hash chain links the command's new events to the last one without reading it again.</li>
 * </ul>
 *
 * Payments are never snapshotted (a history is a handful of events), so no snapshot is looked for.
 */
class HashRememberingEventStore extends EmbeddedEventStore {

    /** Unit-of-work resource: the history each payment had when this unit of work read it. */
    private static final String READ_HISTORIES = HashRememberingEventStore.class.getName() + ".readHistories";

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
            CurrentUnitOfWork.get().root().<Map<String, List<DomainEventMessage<?>>>>getOrComputeResource(
                    READ_HISTORIES, key -> new HashMap<>()).put(aggregateIdentifier, history);
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
     * Stores the events, then remembers each payment's history with its new events after the commit,
     * when this unit of work read the payment's history or started it.
     */
    @Override
    protected void prepareCommit(List<? extends EventMessage<?>> events) {
        super.prepareCommit(events);
        if (!CurrentUnitOfWork.isStarted() || events.isEmpty()) {
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        Map<String, List<DomainEventMessage<?>>> read = unitOfWork.getOrDefaultResource(READ_HISTORIES, Map.of());
        Map<String, List<DomainEventMessage<?>>> appended = new LinkedHashMap<>();
        for (EventMessage<?> event : events) {
            if (event instanceof DomainEventMessage<?> domainEvent) {
                appended.computeIfAbsent(domainEvent.getAggregateIdentifier(), key -> new ArrayList<>()).add(domainEvent);
            }
        }
        appended.forEach((aggregateIdentifier, newEvents) -> {
            List<DomainEventMessage<?>> history = new ArrayList<>(read.getOrDefault(aggregateIdentifier, List.of()));
            for (DomainEventMessage<?> event : newEvents) {
                if (event.getSequenceNumber() != history.size()) {
                    return; // not contiguous from 0 with what this unit of work read: remember nothing
                }
                history.add(asStored(event));
            }
            List<DomainEventMessage<?>> complete = List.copyOf(history);
            unitOfWork.afterCommit(committed -> histories.offer(aggregateIdentifier, complete));
        });
    }

    /**
     * The event as a reader of the table gets it: the table keeps the time to the millisecond,
     * truncated (and a status "as of" a moment compares with it). The payload is the applied
     * object itself, which the store's JSON round trip reproduces.
     */
    private static DomainEventMessage<?> asStored(DomainEventMessage<?> event) {
        return new GenericDomainEventMessage<>(event.getType(), event.getAggregateIdentifier(), event.getSequenceNumber(),
                event.getPayload(), event.getMetaData(), event.getIdentifier(),
                event.getTimestamp().truncatedTo(ChronoUnit.MILLIS));
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
