package org.socialledger.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.socialledger.api.payment.PaymentId;
import org.socialledger.api.payment.ReceiptId;
import org.socialledger.api.payment.ReceiptInProgressException;
import org.socialledger.api.payment.StoreId;
import org.socialledger.testing.TestPostgres;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

class JdbcReceiptClaimsTest {

    private final DriverManagerDataSource dataSource = new DriverManagerDataSource(
            TestPostgres.instance().jdbcUrl(), TestPostgres.instance().user(), TestPostgres.instance().password());
    private final JdbcReceiptClaims claims = new JdbcReceiptClaims(new JdbcTemplate(dataSource));
    private final StoreId store = new StoreId("S-CLAIMS");
    private final Instant at = Instant.parse("2026-11-28T10:00:00Z");

    @Test
    void aReceiptHeldByOnePaymentIsRefusedToAnotherUntilReleased() {
        ReceiptId receipt = new ReceiptId("R-" + System.nanoTime());
        PaymentId first = PaymentId.random();
        PaymentId second = PaymentId.random();

        claims.claim(first, store, receipt, at);
        claims.claim(first, store, receipt, at);
        assertThatThrownBy(() -> claims.claim(second, store, receipt, at))
                .isInstanceOfSatisfying(ReceiptInProgressException.class,
                        e -> assertThat(e.activePaymentId()).isEqualTo(first));

        claims.release(first);
        claims.claim(second, store, receipt, at);
    }

    @Test
    void ofManyConcurrentClaimsExactlyOneWins() throws Exception {
        ReceiptId receipt = new ReceiptId("R-race-" + System.nanoTime());
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> attempts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                attempts.add(() -> {
                    try {
                        tx.executeWithoutResult(status -> claims.claim(PaymentId.random(), store, receipt, at));
                        return true;
                    } catch (ReceiptInProgressException refused) {
                        return false;
                    }
                });
            }
            long winners = 0;
            for (Future<Boolean> result : pool.invokeAll(attempts)) {
                winners += result.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
