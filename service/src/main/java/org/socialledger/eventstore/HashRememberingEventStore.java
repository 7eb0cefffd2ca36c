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
 *     hash chain links the command's new events to the last one without reading it again;</li>
 * <li>a command that can be retried ({@link RememberedLoads}) takes a remembered payment as it is,
 *     without asking the table for newer events: those reads found nothing five times per payment.
 *     If another instance did store newer events, the command's append meets the table's unique
 *     (payment, sequence) key and fails, and a command that appended nothing is checked against
 *     the table before it counts; either way the payment is forgotten and the command runs again
 *     on the whole history ({@link StaleHistoryRetry}).</li>
 * </ul>
 *
 * Payments are never snapshotted (a history is a handful of events), so no snapshot is looked for.
 */
class HashRememberingEventStore extends EmbeddedEventStore implements RememberingEventStore {

    /** Unit-of-work resource: the history each payment had when this unit of work read it. */
    private static final String READ_HISTORIES = HashRememberingEventStore.class.getName() + ".readHistories";

    /** Unit-of-work resource set by {@link RememberedLoads}: this command may act on remembered histories. */
    static final String MAY_TRUST_MEMORY = HashRememberingEventStore.class.getName() + ".mayTrustMemory";

    /** Unit-of-work resource: the payments taken from memory alone, with the number of events remembered. */
    private static final String FROM_MEMORY = HashRememberingEventStore.class.getName() + ".fromMemory";

    private final RecentHistories histories;

    HashRememberingEventStore(Builder builder, int rememberedPayments) {
        super(builder);
        this.histories = new RecentHistories(rememberedPayments);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier) {
        List<DomainEventMessage<?>> known = histories.get(aggregateIdentifier);
        List<DomainEventMessage<?>> history = new ArrayList<>(known);
        if (known.isEmpty() || !mayTrustMemory()) {
            storageEngine().readEvents(aggregateIdentifier, known.size()).asStream().forEach(history::add);
            if (history.size() > known.size()) {
                remember(aggregateIdentifier, history);
            }
        } else {
            takenFromMemory(aggregateIdentifier, known.size());
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

    @Override
    public DomainEventStream readEventsThrough(String aggregateIdentifier, long sequenceNumber) {
        List<DomainEventMessage<?>> known = histories.get(aggregateIdentifier);
        if (known.size() > sequenceNumber) {
            return DomainEventStream.of(known);
        }
        return readEvents(aggregateIdentifier);
    }

    /**
     * Whether the payments the current command took from memory alone are still all the table holds.
     * A payment the command appended events to is left to the table's unique key unless
     * {@code alsoAppended}. When not, the caller fails the command, whose rollback forgets them.
     */
    boolean rememberedLoadsAreCurrent(UnitOfWork<?> unitOfWork, boolean alsoAppended) {
        Map<String, Integer> fromMemory = unitOfWork.getOrDefaultResource(FROM_MEMORY, Map.of());
        for (Map.Entry<String, Integer> load : fromMemory.entrySet()) {
            String aggregateIdentifier = load.getKey();
            if (!alsoAppended && stagedDomainEventMessages(aggregateIdentifier).findAny().isPresent()) {
                continue;
            }
            if (storageEngine().readEvents(aggregateIdentifier, load.getValue()).asStream().findAny().isPresent()) {
                return false;
            }
        }
        return true;
    }

    private static boolean mayTrustMemory() {
        return CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get().isRoot()
                && CurrentUnitOfWork.get().getResource(MAY_TRUST_MEMORY) != null;
    }

    /** Remembered for the check before the command counts; forgotten if the command does not commit. */
    private void takenFromMemory(String aggregateIdentifier, int remembered) {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        Map<String, Integer> fromMemory = unitOfWork.getOrComputeResource(FROM_MEMORY, key -> {
            Map<String, Integer> loads = new HashMap<>();
            unitOfWork.onRollback(rolledBack -> loads.keySet().forEach(histories::forget));
            return loads;
        });
        fromMemory.put(aggregateIdentifier, remembered);
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
