package org.socialledger.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.socialledger.api.payment.CancelInitiator;
import org.socialledger.api.payment.OperationId;
import org.socialledger.api.payment.PaymentState;
import org.socialledger.projection.PaymentStory;
import org.socialledger.projection.Projections;

/** Reading the journal back, its binary ids as UUIDs; 2031, so other tests' rows never match. */
class JournalQueriesTest {

    private static final Instant START = Instant.parse("2031-01-15T08:00:00Z");

    private static Projections projections;
    private static JournalQueries journal;
    private static PaymentStory cancelled;
    private static PaymentStory refunded;

    @BeforeAll
    static void givenACancelledAndARefundedPayment() {
        projections = new Projections();
        journal = projections.journalQueries();

        cancelled = PaymentStory.payment().startingAt(START);
        cancelled.requested();
        cancelled.reserved();
        cancelled.cancelRequested(CancelInitiator.TILL, PaymentState.RESERVED, "BUYER_DECLINED");
        cancelled.cancelled();

        refunded = PaymentStory.payment().startingAt(START.plus(Duration.ofMinutes(5)));
        refunded.requested();
        refunded.reserved();
        refunded.confirmed();
        refunded.debited();
        refunded.refundRequested("RR-1");
        refunded.refunded();

        projections.handleAll(cancelled.events());
        projections.handleAll(refunded.events());
    }

    @AfterAll
    static void disconnect() {
        projections.close();
    }

    @Test
    void listShowsOperationsUpdatedInTheRangeOldestFirst() {
        List<JournalEntry> rows = journal.list(new ListOperations(START, START.plus(Duration.ofHours(1)), 100));

        // The refund's answer updated both the payment's row and the refund's: they share an op_date.
        assertThat(rows).extracting(JournalEntry::id)
                .containsExactlyInAnyOrder(cancelled.reserveOp, refunded.reserveOp, refunded.refundOp());
        assertThat(rows).isSortedAccordingTo(Comparator.comparing(JournalEntry::opDate));
        assertThat(rows.get(0).cancel()).isEqualTo(cancelled.cancelOp);
        assertThat(rows.subList(1, 3)).extracting(JournalEntry::cancel).containsOnlyNulls();
        assertThat(rows.subList(1, 3)).extracting(JournalEntry::paymentId).containsOnly(refunded.paymentId);
    }

    @Test
    void listStopsAtItsLimit() {
        assertThat(journal.list(new ListOperations(START, START.plus(Duration.ofHours(1)), 1))).hasSize(1);
    }

    @Test
    void binaryIdsAreTheUuidBytesAnOperatorDecodesWithEncodeHex() {
        UUID decoded = projections.jdbc().queryForObject(
                "SELECT encode(cancel, 'hex')::uuid FROM soc_processing_operations WHERE id = uuid_send(?::uuid)",
                UUID.class, cancelled.reserveOp.toString());

        assertThat(decoded).isEqualTo(cancelled.cancelOp.value());
    }

    @Test
    void opDateIsTheTimeOfTheLastEventNeverTheClock() {
        JournalEntry row = journal.find(refunded.reserveOp).orElseThrow();

        assertThat(row.opDate()).isEqualTo(refunded.now());
        assertThat(journal.find(OperationId.random())).isEmpty();
    }

    @Test
    void journalHoldsTheMaskedCardOnly() {
        String data = journal.ofPayment(refunded.paymentId).toString();

        assertThat(data).contains("220012******1234").doesNotContain("9f86d081884c7d659a2feaa0c55ad015");
    }

    @Test
    void rangeThatEndsBeforeItStartsIsRefused() {
        assertThatThrownBy(() -> new ListOperations(START, START, 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
