package org.socialledger.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.socialledger.api.payment.CancelInitiator;
import org.socialledger.api.payment.Money;
import org.socialledger.api.payment.PaymentId;
import org.socialledger.api.payment.PaymentState;
import org.socialledger.api.payment.ReceiptId;
import org.socialledger.api.payment.StoreId;
import org.socialledger.api.payment.TerminalId;
import org.socialledger.api.payment.event.DebitDeclined;
import org.socialledger.projection.PaymentStory;
import org.socialledger.projection.Projections;
import org.socialledger.support.FindPayments.Direction;
import org.socialledger.support.FindPayments.SortBy;

/**
 * Support's searches and reports over one store's day (stores of their own, in 2030, so other
 * tests' payments in the shared database never match). Moscow time: the day starts at 21:00 UTC.
 */
class PaymentQueriesTest {

    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    private static final LocalDate DAY = LocalDate.parse("2030-03-10");
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 6);
    private static final StoreId STORE = new StoreId("QA-" + SUFFIX);
    private static final StoreId OTHER_STORE = new StoreId("QB-" + SUFFIX);

    private static Projections projections;
    private static PaymentQueries queries;

    private static PaymentStory debited;
    private static PaymentStory refunded;
    private static PaymentStory reversed;
    private static PaymentStory declined;
    private static PaymentStory reserved;
    private static PaymentStory cancelExpired;
    private static PaymentStory cancelling;
    private static PaymentStory otherStore;
    private static PaymentStory otherStoreAfterMidnight;

    @BeforeAll
    static void givenADayOfPayments() {
        projections = new Projections();
        queries = projections.paymentQueries();

        debited = story(STORE, 1, "10:00", 10_000, "220012******1111");
        debited.requested();
        debited.reserved();
        debited.confirmed();
        debited.debited();

        refunded = story(STORE, 1, "11:00", 20_000, "220012******2222");
        refunded.requested();
        refunded.reserved();
        refunded.confirmed();
        refunded.debited();
        refunded.after(Duration.ofDays(1)).refundRequested("RR-1");
        refunded.refundDeclined("REFUND_WINDOW_CLOSED");
        refunded.refundRequested("RR-2");
        refunded.refunded();

        reversed = story(STORE, 2, "12:00", 30_000, "220012******1111");
        reversed.requested();
        reversed.reserved();
        reversed.confirmed();
        reversed.debited();
        reversed.cancelRequested(CancelInitiator.TILL, PaymentState.DEBITED, "RECEIPT_VOIDED");
        reversed.cancelled();

        declined = story(STORE, 2, "13:00", 5_000, "220012******3333");
        declined.requested();
        declined.declined("NO_SOCIAL_ITEMS");

        reserved = story(STORE, 1, "14:00", 15_000, "220012******4444");
        reserved.requested();
        reserved.reserved();

        cancelExpired = story(STORE, 2, "09:00", 17_980, "220012******5555").withSettings(2, "SP-FOOD");
        cancelExpired.requested();
        cancelExpired.reserved();
        cancelExpired.cancelRequested(CancelInitiator.TILL, PaymentState.RESERVED, "BUYER_DECLINED");
        cancelExpired.after(Duration.ofHours(2)).cancelExpired();

        cancelling = story(STORE, 1, "15:00", 12_000, "220012******6666");
        cancelling.requested();
        cancelling.reserved();
        cancelling.confirmed();
        DebitDeclined debitDeclined = cancelling.debitDeclined("RESERVATION_EXPIRED");
        cancelling.cancelRequestedAfter(debitDeclined);

        otherStore = story(OTHER_STORE, 1, "10:30", 10_000, "220012******1111").withSettings(0, "SP-MED");
        otherStore.requested();
        otherStore.reserved();
        otherStore.confirmed();
        otherStore.debited();

        // 23:50 in Moscow is 20:50 UTC: still DAY. The debit comes 20 min later, on the next day.
        otherStoreAfterMidnight = story(OTHER_STORE, 1, "23:50", 7_000, "220012******7777")
                .withSettings(0, "SP-MED");
        otherStoreAfterMidnight.requested();
        otherStoreAfterMidnight.reserved();
        otherStoreAfterMidnight.confirmed();
        otherStoreAfterMidnight.after(Duration.ofMinutes(20)).debited();

        for (PaymentStory story : List.of(debited, refunded, reversed, declined, reserved, cancelExpired, cancelling,
                otherStore, otherStoreAfterMidnight)) {
            projections.handleAll(story.events());
        }
    }

    @AfterAll
    static void disconnect() {
        projections.close();
    }

    @Test
    void storeSearchFindsOnlyThatStoresPayments() {
        PaymentPage page = queries.search(FindPayments.all(50).inStore(STORE));

        assertThat(page.total()).isEqualTo(7);
        assertThat(ids(page)).containsExactlyInAnyOrder(ids(debited, refunded, reversed, declined, reserved,
                cancelExpired, cancelling));
    }

    @Test
    void terminalSearchFindsThatTillsPayments() {
        PaymentPage page = queries.search(FindPayments.all(50).atTerminal(new TerminalId(STORE + "-POS-2")));

        assertThat(ids(page)).containsExactlyInAnyOrder(ids(reversed, declined, cancelExpired));
    }

    @Test
    void receiptSearchFindsTheReceiptsPayment() {
        PaymentPage page = queries.search(FindPayments.all(50).forReceipt(refunded.receipt()));

        assertThat(ids(page)).containsExactly(refunded.paymentId);
        assertThat(page.items().get(0).state()).isEqualTo(PaymentState.REFUNDED);
    }

    @Test
    void stateSearchFindsPaymentsInThatState() {
        PaymentPage page = queries.search(FindPayments.all(50).inStore(STORE).inState(PaymentState.DEBITED));

        assertThat(ids(page)).containsExactly(debited.paymentId);
    }

    @Test
    void dateRangeIncludesItsStartAndExcludesItsEnd() {
        PaymentPage page = queries.search(FindPayments.all(50).inStore(STORE)
                .requestedBetween(moscow("10:00"), moscow("12:00")));

        assertThat(ids(page)).containsExactlyInAnyOrder(ids(debited, refunded));
    }

    @Test
    void cardSearchMatchesTheLastFourDigits() {
        PaymentPage page = queries.search(FindPayments.all(50).inStore(STORE).withCardLastFour("1111"));

        assertThat(ids(page)).containsExactlyInAnyOrder(ids(debited, reversed));
        assertThat(page.items()).allSatisfy(view -> assertThat(view.maskedPan().value()).endsWith("1111"));
    }

    @Test
    void amountSearchMatchesTheSocialAmountExactlyOrWithinARange() {
        assertThat(ids(queries.search(FindPayments.all(50).inStore(STORE).withAmount(Money.kopecks(10_000)))))
                .containsExactly(debited.paymentId);
        assertThat(ids(queries.search(FindPayments.all(50).inStore(STORE)
                .withAmountBetween(Money.kopecks(10_000), Money.kopecks(20_000)))))
                .containsExactlyInAnyOrder(ids(debited, refunded, reserved, cancelling, cancelExpired));
    }

    @Test
    void pagesFollowTheRequestedOrderWithoutOverlap() {
        FindPayments oldestFirst = FindPayments.all(3).inStore(STORE).sortedBy(SortBy.REQUESTED_AT, Direction.ASC);

        PaymentPage first = queries.search(oldestFirst);
        PaymentPage second = queries.search(oldestFirst.page(1));
        PaymentPage third = queries.search(oldestFirst.page(2));

        assertThat(first.total()).isEqualTo(7);
        assertThat(first.pages()).isEqualTo(3);
        assertThat(ids(first)).containsExactly(ids(cancelExpired, debited, refunded));
        assertThat(ids(second)).containsExactly(ids(reversed, declined, reserved));
        assertThat(ids(third)).containsExactly(cancelling.paymentId);
        assertThat(queries.search(oldestFirst.page(3)).items()).isEmpty();
    }

    @Test
    void sortByAmountPutsPaymentsWithoutAnAmountLast() {
        PaymentPage page = queries.search(FindPayments.all(50).inStore(STORE).sortedBy(SortBy.AMOUNT, Direction.DESC));

        assertThat(ids(page)).containsExactly(ids(reversed, refunded, cancelExpired, reserved, cancelling, debited,
                declined));
    }

    @Test
    void newestFirstIsTheDefaultOrder() {
        PaymentPage page = queries.search(FindPayments.all(2).inStore(STORE));

        assertThat(ids(page)).containsExactly(ids(cancelling, reserved));
    }

    @Test
    void criteriaTravelAsValuesNeverAsSql() {
        PaymentPage page = queries.search(FindPayments.all(50).forReceipt(new ReceiptId("x' OR '1'='1")));

        assertThat(page.total()).isZero();
    }

    @Test
    void findReturnsTheWholeViewOfOnePayment() {
        PaymentView view = queries.find(refunded.paymentId).orElseThrow();

        assertThat(view.storeId()).isEqualTo(STORE);
        assertThat(view.amounts().refunded()).isEqualTo(Money.kopecks(20_000));
        assertThat(view.reasons().refundDeclined()).isEqualTo("REFUND_WINDOW_CLOSED");
        assertThat(queries.find(PaymentId.random())).isEmpty();
    }

    @Test
    void stuckListHoldsWaitingPaymentsOlderThanTheThresholdAndEveryExpiredCancel() {
        List<PaymentView> halfAnHour = ours(queries.stuck(
                new FindStuckPayments(moscow("16:00"), Duration.ofMinutes(30), FindStuckPayments.MAX_LIMIT)));
        List<PaymentView> ninetyMinutes = ours(queries.stuck(
                new FindStuckPayments(moscow("16:00"), Duration.ofMinutes(90), FindStuckPayments.MAX_LIMIT)));

        assertThat(halfAnHour).extracting(PaymentView::paymentId)
                .containsExactly(ids(cancelExpired, reserved, cancelling));
        assertThat(ninetyMinutes).extracting(PaymentView::paymentId).containsExactly(ids(cancelExpired, reserved));
    }

    @Test
    void declinesAreCountedByKindAndReasonAtTheirOwnTime() {
        List<DeclineCount> day = queries.declines(new CountDeclines(moscow("00:00"), moscow("00:00").plus(
                Duration.ofDays(1))));
        List<DeclineCount> twoDays = queries.declines(new CountDeclines(moscow("00:00"), moscow("00:00").plus(
                Duration.ofDays(2))));

        assertThat(day).containsExactlyInAnyOrder(
                new DeclineCount(DeclineCount.Kind.RESERVATION, "NO_SOCIAL_ITEMS", 1),
                new DeclineCount(DeclineCount.Kind.DEBIT, "RESERVATION_EXPIRED", 1));
        assertThat(twoDays).contains(new DeclineCount(DeclineCount.Kind.REFUND, "REFUND_WINDOW_CLOSED", 1));
    }

    @Test
    void settlementNetsDebitsAgainstReversalsAndRefundsPerStoreDayAndProgramme() {
        List<SettlementTotal> totals = queries.settlement(new FindSettlementTotals(DAY, DAY.plusDays(1), MOSCOW))
                .stream().filter(total -> total.storeId().equals(STORE) || total.storeId().equals(OTHER_STORE))
                .toList();

        assertThat(totals).containsExactly(
                new SettlementTotal(STORE, DAY, "SP-FOOD", 3, Money.kopecks(60_000), 1, Money.kopecks(30_000), 0,
                        Money.ZERO),
                new SettlementTotal(OTHER_STORE, DAY, "SP-MED", 1, Money.kopecks(10_000), 0, Money.ZERO, 0,
                        Money.ZERO),
                new SettlementTotal(STORE, DAY.plusDays(1), "SP-FOOD", 0, Money.ZERO, 0, Money.ZERO, 1,
                        Money.kopecks(20_000)),
                new SettlementTotal(OTHER_STORE, DAY.plusDays(1), "SP-MED", 1, Money.kopecks(7_000), 0, Money.ZERO,
                        0, Money.ZERO));
        assertThat(totals.get(0).netKopecks()).isEqualTo(30_000);
        assertThat(totals.get(2).netKopecks()).isEqualTo(-20_000);
    }

    @Test
    void settlementOfOneDayLeavesOutTheNextDaysMovements() {
        List<SettlementTotal> totals = queries.settlement(new FindSettlementTotals(DAY, DAY, MOSCOW)).stream()
                .filter(total -> total.storeId().equals(OTHER_STORE)).toList();

        assertThat(totals).extracting(SettlementTotal::debitCount).containsExactly(1L);
    }

    /** A payment in {@code store} on DAY at {@code time} Moscow, at till {@code store}-POS-{@code till}. */
    private static PaymentStory story(StoreId store, int till, String time, long social, String maskedPan) {
        return PaymentStory.payment().inStore(store.value(), store + "-POS-" + till).withSocialAmount(social)
                .withCard(maskedPan).startingAt(moscow(time));
    }

    private static Instant moscow(String time) {
        return DAY.atTime(LocalTime.parse(time)).atZone(MOSCOW).toInstant();
    }

    private static List<PaymentView> ours(List<PaymentView> views) {
        return views.stream().filter(view -> view.storeId().equals(STORE) || view.storeId().equals(OTHER_STORE))
                .toList();
    }

    private static List<PaymentId> ids(PaymentPage page) {
        return page.items().stream().map(PaymentView::paymentId).toList();
    }

    private static PaymentId[] ids(PaymentStory... stories) {
        return Arrays.stream(stories).map(story -> story.paymentId).toArray(PaymentId[]::new);
    }
}
