package org.socialledger.projection;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.socialledger.api.payment.event.PaymentEvent;
import org.socialledger.api.payment.event.ReservationRequested;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One read model's writes for a processor's batch of events, folded per payment and sent when the
 * batch commits: a payment whose ReservationRequested is in the batch gets its row written once
 * (by COPY, all such rows together), and a payment whose row exists gets one update for all its
 * events in the batch. Two events of a payment often share a batch (the reservation and the till's
 * confirmation a few milliseconds later), and every update of these tables rewrites the row and
 * all its index entries: measured in BENCHMARKS.md.
 *
 * <p>The folded writes equal the handler's one-by-one statements (the same rules
 * {@link FoldedRows} follows for a rebuild; {@code BatchedWritesTest} compares the tables). When
 * a folded write fails at commit (a row already there, a row missing, a value refused), the batch
 * is rolled back, its events are remembered, and the processor's retry writes each of them by
 * itself, so that a failing event is found, and parked, exactly as without batching.
 *
 * <p>Only a processor's batch ({@link BatchingUnitOfWork}) is folded; an event handled alone (a
 * dead letter retried, a rebuild through {@link ProjectionBatch}) is written at once.
 */
public final class BatchedWrites {

    /** One statement of a folded update: SQL text and its arguments. */
    public record Update(String sql, Object[] arguments) {
    }

    /** Events remembered as "write one by one": enough for any batch that failed, bounded whatever happens. */
    private static final int REMEMBERED_EVENTS = 10_000;

    private final JdbcTemplate jdbc;
    private final String resource;
    private final Supplier<FoldedRows> newRows;
    private final Function<List<PaymentEvent>, Update> update;
    private final Set<String> oneByOne = Collections.newSetFromMap(Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED_EVENTS;
                }
            }));

    /**
     * @param name     the read model's name (a batch's writes are kept per read model)
     * @param newRows  rows folded in memory from a ReservationRequested on, as a rebuild folds them
     * @param update   the one statement that applies consecutive events of a payment whose row exists
     *                 (it must change exactly one row)
     */
    public BatchedWrites(JdbcTemplate jdbc, String name, Supplier<FoldedRows> newRows,
                         Function<List<PaymentEvent>, Update> update) {
        this.jdbc = jdbc;
        this.resource = BatchedWrites.class.getName() + "." + name;
        this.newRows = newRows;
        this.update = update;
    }

    /**
     * Takes the event into its batch's writes, or returns false: the caller writes it now (no
     * batch, or the event is to be written by itself since its batch failed).
     */
    public boolean defer(PaymentEvent event) {
        Pending pending = pending();
        if (pending == null || oneByOne.contains(pending.current)) {
            return false;
        }
        UUID payment = event.paymentId().value();
        if (event instanceof ReservationRequested && !pending.has(payment)) {
            pending.startedHere.add(payment);
        }
        if (pending.startedHere.contains(payment)) {
            try {
                pending.rows.fold(event);
            } catch (RuntimeException e) {
                // The batch fails (the handler throws); its retry writes this event by itself.
                oneByOne.add(pending.current);
                throw e;
            }
        } else {
            pending.updates.computeIfAbsent(payment, key -> new ArrayList<>()).add(event);
        }
        pending.events.add(pending.current);
        return true;
    }

    /**
     * For a write that cannot be folded (it reads other rows): true when it may run now. When the
     * batch holds folded writes of the same payment, they must come first, so the whole batch is
     * made to roll back and its retry writes these events one by one; the caller writes nothing.
     */
    public boolean mayWriteNow(PaymentEvent event) {
        Pending pending = pending();
        if (pending == null || !pending.has(event.paymentId().value())) {
            return true;
        }
        pending.events.add(pending.current);
        pending.retry = true;
        return false;
    }

    /** The batch's writes so far, or null outside a processor's batch. */
    private Pending pending() {
        if (!CurrentUnitOfWork.isStarted() || !(CurrentUnitOfWork.get() instanceof BatchingUnitOfWork<?> batch)) {
            return null;
        }
        Pending pending = batch.getOrComputeResource(resource, key -> {
            Pending created = new Pending(newRows.get());
            batch.onPrepareCommit(this::write);
            return created;
        });
        pending.current = batch.getMessage().getIdentifier();
        return pending;
    }

    private void write(UnitOfWork<?> batch) {
        Pending pending = batch.getResource(resource);
        try {
            if (pending.retry) {
                throw new IllegalStateException("a write that reads other rows followed folded writes of its payment");
            }
            if (!pending.startedHere.isEmpty()) {
                CopyRows.copy(jdbc, pending.rows);
            }
            Map<String, List<Object[]>> bySql = new LinkedHashMap<>();
            pending.updates.values().forEach(events -> {
                Update statement = update.apply(events);
                bySql.computeIfAbsent(statement.sql(), sql -> new ArrayList<>()).add(statement.arguments());
            });
            bySql.forEach((sql, arguments) -> {
                for (int count : jdbc.batchUpdate(sql, arguments)) {
                    if (count != 1) {
                        throw new IllegalStateException("a folded update changed " + count + " rows, not one");
                    }
                }
            });
        } catch (RuntimeException e) {
            oneByOne.addAll(pending.events);
            throw new RetryOneByOne(e);
        }
    }

    /** A batch's folded writes failed: its retry writes each event by itself. */
    static final class RetryOneByOne extends RuntimeException {
        RetryOneByOne(RuntimeException failure) {
            super("folded read-model writes failed at commit; the batch is retried one event at a time: "
                    + failure.getMessage(), failure);
        }
    }

    private static final class Pending {
        private final FoldedRows rows;
        private final Set<UUID> startedHere = new HashSet<>();
        private final Map<UUID, List<PaymentEvent>> updates = new LinkedHashMap<>();
        private final List<String> events = new ArrayList<>();
        private String current;
        private boolean retry;

        Pending(FoldedRows rows) {
            this.rows = rows;
        }

        boolean has(UUID payment) {
            return startedHere.contains(payment) || updates.containsKey(payment);
        }
    }
}
