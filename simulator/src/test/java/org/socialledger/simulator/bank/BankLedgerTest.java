package org.socialledger.simulator.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.socialledger.testing.TestClock;

class BankLedgerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestClock.Settable clock = TestClock.at(Instant.parse("2026-11-28T10:00:00Z"));
    private final BankLedger ledger = new BankLedger(clock, Cards.defaults());

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static String ids() {
        return "\"enterpriseId\": \"E1\", \"merchantId\": \"M1\", \"spCode\": \"SP-FOOD\", \"terminalNo\": \"T1\"";
    }

    static JsonNode reserve(String operationId, String card, long milk, long batteries) {
        return json("""
                {"operationId": "%s", %s, "receiptId": "R1", "card": {"hash": "%s", "maskedPan": "220012******0001"},
                 "items": [{"line": 1, "code": "4601234567890", "category": "dairy", "amount": %d},
                           {"line": 2, "code": "2000000000017", "category": "household", "amount": %d}],
                 "total": %d, "ttlSeconds": 300}""".formatted(operationId, ids(), card, milk, batteries, milk + batteries));
    }

    static JsonNode call(String operationId, String reserveOperationId, long amount) {
        return json("""
                {"operationId": "%s", %s, "reserveOperationId": "%s", "amount": %d, "reason": "X",
                 "refundReceiptId": "RR", "items": [{"line": 1, "amount": %d}]}"""
                .formatted(operationId, ids(), reserveOperationId, amount, amount));
    }

    private BankLedger.CardBalance balance(String card) {
        return ledger.balances().stream().filter(b -> b.cardHash().equals(card)).findFirst().orElseThrow();
    }

    @Test
    void socialLinesAreHeldThenSpentThenRefunded() {
        String reserve = UUID.randomUUID().toString();
        JsonNode reserved = ledger.reserve(reserve(reserve, Cards.PENSIONER, 17_980, 8_000));
        assertThat(reserved.path("status").asText()).isEqualTo("RESERVED");
        assertThat(reserved.path("amount").asLong()).isEqualTo(17_980);
        assertThat(reserved.path("items").toString()).isEqualTo("[{\"line\":1,\"amount\":17980}]");
        assertThat(balance(Cards.PENSIONER).held()).isEqualTo(17_980);

        assertThat(ledger.debit(call(UUID.randomUUID().toString(), reserve, 17_980)).path("status").asText())
                .isEqualTo("DEBITED");
        assertThat(balance(Cards.PENSIONER).spent()).isEqualTo(17_980);
        assertThat(balance(Cards.PENSIONER).held()).isZero();

        assertThat(ledger.refund(call(UUID.randomUUID().toString(), reserve, 17_980)).path("status").asText())
                .isEqualTo("REFUNDED");
        assertThat(balance(Cards.PENSIONER).available()).isEqualTo(50_000_000L);
    }

    @Test
    void whenFundsRunShortPartOfTheLastLineIsPaid() {
        JsonNode reserved = ledger.reserve(reserve(UUID.randomUUID().toString(), Cards.NEARLY_EMPTY, 17_980, 0));
        assertThat(reserved.path("amount").asLong()).isEqualTo(10_000);
        assertThat(reserved.path("items").get(0).path("amount").asLong()).isEqualTo(10_000);
        assertThat(balance(Cards.NEARLY_EMPTY).available()).isZero();
        assertThat(ledger.reserve(reserve(UUID.randomUUID().toString(), Cards.NEARLY_EMPTY, 100, 0)).path("reason")
                .asText()).isEqualTo("INSUFFICIENT_FUNDS");
    }

    @Test
    void anUnheldReservationIsReleasedAfterItsTtl() {
        String reserve = UUID.randomUUID().toString();
        ledger.reserve(reserve(reserve, Cards.LARGE_FAMILY, 17_980, 0));
        clock.advance(Duration.ofSeconds(301));
        assertThat(balance(Cards.LARGE_FAMILY).held()).isZero();
        assertThat(ledger.debit(call(UUID.randomUUID().toString(), reserve, 17_980)).path("reason").asText())
                .isEqualTo("RESERVATION_EXPIRED");
    }

    @Test
    void theSameOperationIdAnswersTheSameAndAnotherBodyIsAConflict() {
        String reserve = UUID.randomUUID().toString();
        JsonNode first = ledger.reserve(reserve(reserve, Cards.PENSIONER, 17_980, 0));
        JsonNode again = ledger.reserve(reserve(reserve, Cards.PENSIONER, 17_980, 0));
        assertThat(again).isEqualTo(first);
        assertThat(balance(Cards.PENSIONER).held()).isEqualTo(17_980);
        assertThat(ledger.appliedCount(reserve)).isEqualTo(1);
        assertThatThrownBy(() -> ledger.reserve(reserve(reserve, Cards.PENSIONER, 100, 0)))
                .isInstanceOf(BankLedger.Conflict.class);
        assertThat(ledger.operation(reserve).orElseThrow().path("type").asText()).isEqualTo("reserve");
        assertThat(ledger.operation(UUID.randomUUID().toString())).isEmpty();
    }

    @Test
    void aReversalRestoresTheCardAndACancelBeforeTheReserveBlocksIt() {
        String reserve = UUID.randomUUID().toString();
        ledger.reserve(reserve(reserve, Cards.PENSIONER, 17_980, 0));
        ledger.debit(call(UUID.randomUUID().toString(), reserve, 17_980));
        ledger.cancel(call(UUID.randomUUID().toString(), reserve, 0));
        assertThat(balance(Cards.PENSIONER).spent()).isZero();

        String late = UUID.randomUUID().toString();
        assertThat(ledger.cancel(call(UUID.randomUUID().toString(), late, 0)).path("status").asText())
                .isEqualTo("CANCELLED");
        assertThat(ledger.reserve(reserve(late, Cards.PENSIONER, 17_980, 0)).path("reason").asText())
                .isEqualTo("CANCELLED_BEFORE_RESERVE");
    }

    @Test
    void declinesSayWhy() {
        assertThat(ledger.reserve(reserve(UUID.randomUUID().toString(), Cards.UNKNOWN, 100, 0)).path("reason").asText())
                .isEqualTo("UNKNOWN_CARD");
        assertThat(ledger.reserve(reserve(UUID.randomUUID().toString(), Cards.NOT_SOCIAL, 100, 0)).path("reason")
                .asText()).isEqualTo("CARD_NOT_SOCIAL");
        assertThat(ledger.reserve(reserve(UUID.randomUUID().toString(), Cards.PENSIONER, 0, 500)).path("reason")
                .asText()).isEqualTo("NO_SOCIAL_ITEMS");
        String reserve = UUID.randomUUID().toString();
        ledger.reserve(reserve(reserve, Cards.PENSIONER, 17_980, 0));
        ledger.debit(call(UUID.randomUUID().toString(), reserve, 17_980));
        assertThat(ledger.refund(call(UUID.randomUUID().toString(), reserve, 9_000)).path("reason").asText())
                .isEqualTo("PARTIAL_REFUND_NOT_ALLOWED");
        assertThatThrownBy(() -> ledger.debit(json("{\"operationId\": \"x\", " + ids() + ", \"amount\": -1}")))
                .isInstanceOf(BankLedger.BadRequest.class);
    }

    @Test
    void noCardEverGoesNegativeAcrossManyCards() {
        List<String> cards = List.of(Cards.PENSIONER, Cards.LARGE_FAMILY, Cards.NEARLY_EMPTY);
        for (int i = 0; i < 50; i++) {
            ledger.reserve(reserve(UUID.randomUUID().toString(), cards.get(i % 3), 3_000 + i, 100));
        }
        assertThat(ledger.balances()).allSatisfy(b -> assertThat(b.available()).isNotNegative());
    }
}
