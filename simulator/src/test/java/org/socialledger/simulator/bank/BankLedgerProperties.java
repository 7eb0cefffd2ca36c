package org.socialledger.simulator.bank;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.socialledger.testing.TestClock;

/** Any sequence of calls, repeated calls and passing time keeps the money rules. */
class BankLedgerProperties {

    enum Kind { RESERVE, DEBIT, CANCEL, REFUND, REPEAT, TIME }

    record Step(Kind kind, int card, int amount, int target) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(1, 30_000), Arbitraries.integers().between(0, 20))
                .as(Step::new).list().ofMinSize(1).ofMaxSize(60);
    }

    @Property(tries = 300)
    void moneyRulesHoldWhateverHappens(@ForAll("steps") List<Step> steps) {
        TestClock.Settable clock = TestClock.at(Instant.parse("2026-11-28T10:00:00Z"));
        BankLedger ledger = new BankLedger(clock, Cards.defaults());
        List<String> cards = List.of(Cards.PENSIONER, Cards.LARGE_FAMILY, Cards.NEARLY_EMPTY);
        List<String> reservations = new ArrayList<>();
        List<Long> amounts = new ArrayList<>();
        List<JsonNode> sent = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        for (Step step : steps) {
            String target = reservations.isEmpty() ? UUID.randomUUID().toString()
                    : reservations.get(step.target() % reservations.size());
            long reserved = amounts.isEmpty() ? 0 : amounts.get(step.target() % amounts.size());
            JsonNode body;
            switch (step.kind()) {
                case RESERVE -> {
                    body = BankLedgerTest.reserve(UUID.randomUUID().toString(), cards.get(step.card()), step.amount(), 50);
                    JsonNode answer = ledger.reserve(body);
                    if ("RESERVED".equals(answer.path("status").asText())) {
                        reservations.add(body.path("operationId").asText());
                        amounts.add(answer.path("amount").asLong());
                    }
                    sent.add(body);
                    kinds.add("reserve");
                }
                case DEBIT -> {
                    body = BankLedgerTest.call(UUID.randomUUID().toString(), target, reserved);
                    ledger.debit(body);
                    sent.add(body);
                    kinds.add("debit");
                }
                case CANCEL -> {
                    body = BankLedgerTest.call(UUID.randomUUID().toString(), target, 0);
                    ledger.cancel(body);
                    sent.add(body);
                    kinds.add("cancel");
                }
                case REFUND -> {
                    body = BankLedgerTest.call(UUID.randomUUID().toString(), target, reserved);
                    ledger.refund(body);
                    sent.add(body);
                    kinds.add("refund");
                }
                case REPEAT -> {
                    if (!sent.isEmpty()) {
                        int index = step.target() % sent.size();
                        var before = ledger.balances();
                        switch (kinds.get(index)) {
                            case "reserve" -> ledger.reserve(sent.get(index));
                            case "debit" -> ledger.debit(sent.get(index));
                            case "cancel" -> ledger.cancel(sent.get(index));
                            default -> ledger.refund(sent.get(index));
                        }
                        assertThat(ledger.balances()).as("a repeat changes nothing").isEqualTo(before);
                    }
                }
                default -> clock.advance(java.time.Duration.ofSeconds(step.amount() / 50));
            }
            for (BankLedger.CardBalance balance : ledger.balances()) {
                assertThat(balance.available()).as("available").isNotNegative();
                assertThat(balance.held()).as("held").isNotNegative();
                assertThat(balance.spent()).as("spent").isNotNegative();
                assertThat(balance.refunded()).as("refunded").isNotNegative();
                assertThat(balance.refunded()).isLessThanOrEqualTo(balance.spent() + balance.refunded());
            }
            assertThat(ledger.maxAppliedCount()).as("no operation applied twice").isLessThanOrEqualTo(1);
        }
    }
}
