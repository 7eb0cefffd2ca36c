package org.socialledger.eventstore;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;

/**
 * The stored events of the payments read most recently, so that reading a payment again fetches
 * only the events stored since (usually one or none) instead of reading and deserializing its
 * whole history once more. A payment is read about seven times on its way from reserve to debit
 * (each command, the saga's intents, the till's answers).
 *
 * <p>Only committed events are ever offered (the store offers them after the reading unit of work
 * commits), and stored events never change, so a remembered prefix is always true; the newer part
 * is read from the table, except by a command that can be retried ({@link RememberedLoads}), so
 * another instance's events are never missed. Bounded: the least recently read payment is
 * forgotten first.
 */
final class RecentHistories {

    private final int capacity;
    private final Map<String, List<DomainEventMessage<?>>> histories;

    RecentHistories(int capacity) {
        this.capacity = capacity;
        this.histories = new LinkedHashMap<>(Math.max(16, capacity / 4), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, List<DomainEventMessage<?>>> eldest) {
                return size() > RecentHistories.this.capacity;
            }
        };
    }

    /** The payment's events from sequence 0 as last remembered, or an empty list. */
    synchronized List<DomainEventMessage<?>> get(String aggregateIdentifier) {
        List<DomainEventMessage<?>> history = histories.get(aggregateIdentifier);
        return history == null ? List.of() : history;
    }

    /** Remembers {@code history} (contiguous from sequence 0) unless a longer one is remembered already. */
    synchronized void offer(String aggregateIdentifier, List<DomainEventMessage<?>> history) {
        if (capacity == 0 || history.isEmpty() || history.get(0).getSequenceNumber() != 0) {
            return;
        }
        List<DomainEventMessage<?>> known = histories.get(aggregateIdentifier);
        if (known == null || known.size() < history.size()) {
            histories.put(aggregateIdentifier, history);
        }
    }

    /** Forgets the payment: its next reader reads the table from the start. */
    synchronized void forget(String aggregateIdentifier) {
        histories.remove(aggregateIdentifier);
    }

    synchronized int size() {
        return histories.size();
    }
}
