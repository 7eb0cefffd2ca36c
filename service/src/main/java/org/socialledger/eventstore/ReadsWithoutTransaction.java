package org.socialledger.eventstore;

import java.util.function.Supplier;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;

/**
 * The event store's transactions, except that a read of its own is one statement on its own, not a
 * transaction around it.
 *
 * <p>Axon's JDBC engine wraps every read in a transaction: the reads of the processors' shared
 * stream (five a payment under load), and a payment's history read outside a command. A single
 * {@code SELECT} sees one snapshot of the table anyway, and stored events never change, so the
 * transaction bought nothing and cost a {@code BEGIN}, a {@code COMMIT} and Spring's bookkeeping
 * each time. Writes (appending events, storing a snapshot) still get a transaction of their own
 * when there is none; a read inside a command's or a processor's transaction still uses that
 * transaction's connection, as before.
 */
final class ReadsWithoutTransaction implements TransactionManager {

    private final TransactionManager transactions;

    ReadsWithoutTransaction(TransactionManager transactions) {
        this.transactions = transactions;
    }

    @Override
    public Transaction startTransaction() {
        return transactions.startTransaction();
    }

    @Override
    public void executeInTransaction(Runnable task) {
        transactions.executeInTransaction(task);
    }

    @Override
    public <T> T fetchInTransaction(Supplier<T> read) {
        return read.get();
    }
}
