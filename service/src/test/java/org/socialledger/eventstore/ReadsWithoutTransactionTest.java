package org.socialledger.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.junit.jupiter.api.Test;

class ReadsWithoutTransactionTest {

    private final List<String> log = new ArrayList<>();
    private final TransactionManager spring = () -> {
        log.add("begin");
        return new Transaction() {
            @Override
            public void commit() {
                log.add("commit");
            }

            @Override
            public void rollback() {
                log.add("rollback");
            }
        };
    };
    private final ReadsWithoutTransaction transactions = new ReadsWithoutTransaction(spring);

    @Test
    void givenARead_whenTheEngineFetches_thenNoTransactionIsStarted() {
        String read = transactions.fetchInTransaction(() -> {
            log.add("select");
            return "events";
        });

        assertThat(read).isEqualTo("events");
        assertThat(log).containsExactly("select");
    }

    @Test
    void givenAWrite_whenTheEngineAppends_thenItRunsInATransaction() {
        transactions.executeInTransaction(() -> log.add("insert"));

        assertThat(log).containsExactly("begin", "insert", "commit");
    }
}
