package org.socialledger.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.socialledger.TestLedger;
import org.socialledger.api.payment.Card;
import org.socialledger.api.payment.CardHash;
import org.socialledger.api.payment.MaskedPan;
import org.socialledger.api.payment.MerchantSettings;
import org.socialledger.api.payment.Money;
import org.socialledger.api.payment.OperationId;
import org.socialledger.api.payment.PaymentId;
import org.socialledger.api.payment.PaymentState;
import org.socialledger.api.payment.Quantity;
import org.socialledger.api.payment.Receipt;
import org.socialledger.api.payment.ReceiptId;
import org.socialledger.api.payment.ReceiptLine;
import org.socialledger.api.payment.SocialLine;
import org.socialledger.api.payment.StoreId;
import org.socialledger.api.payment.TerminalId;
import org.socialledger.api.payment.command.ConfirmPayment;
import org.socialledger.api.payment.command.RecordDebit;
import org.socialledger.api.payment.command.RecordReservation;
import org.socialledger.api.payment.command.RequestReservation;
import org.socialledger.api.payment.event.PaymentConfirmed;
import org.socialledger.api.payment.InvalidStateException;
import org.socialledger.payment.PaymentIntents;
import org.socialledger.till.PaymentStatusReader;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Each instance remembers the payments it has read; two instances on one database take turns on
 * the same payment, and neither acts on, nor answers from, the history it remembered.
 */
class RememberedHistoryIntegrationTest {

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final PaymentId payment = PaymentId.random();
    private final OperationId reserve = OperationId.random();

    @Test
    void anInstanceSeesWhatAnotherStoredAfterItLastReadThePayment() {
        try (ConfigurableApplicationContext first = TestLedger.start();
             ConfigurableApplicationContext second = TestLedger.start()) {
            CommandGateway commandsOnFirst = first.getBean(CommandGateway.class);
            CommandGateway commandsOnSecond = second.getBean(CommandGateway.class);
            PaymentStatusReader statusOnFirst = first.getBean(PaymentStatusReader.class);

            commandsOnFirst.sendAndWait(reservation());
            assertThat(statusOnFirst.read(payment).orElseThrow().state()).isEqualTo(PaymentState.REQUESTED);

            // The other instance records the reservation: the first one remembers the payment as requested.
            commandsOnSecond.sendAndWait(new RecordReservation(payment, reserve, "R-1",
                    List.of(new SocialLine(1, Money.kopecks(17_980))), Money.kopecks(17_980), Map.of(),
                    now.plusSeconds(1)));
            assertThat(statusOnFirst.read(payment).orElseThrow().state()).isEqualTo(PaymentState.RESERVED);

            // A debit on the first instance is taken from the reserved payment, not refused as not reserved yet.
            PaymentState confirmed = commandsOnFirst.sendAndWait(new ConfirmPayment(payment, OperationId.random(),
                    Money.kopecks(17_980), null, now.plusSeconds(2)));
            assertThat(confirmed).isEqualTo(PaymentState.CONFIRMED);

            // And back: the second instance remembers the payment as reserved, yet records the debit in order.
            commandsOnSecond.sendAndWait(new RecordDebit(payment, debitOperation(first), Money.kopecks(17_980),
                    Map.of(), now.plusSeconds(3)));
            assertThat(statusOnFirst.read(payment).orElseThrow().debitedAmount()).isEqualTo(Money.kopecks(17_980));
            assertThat(sequenceNumbers(first)).containsExactly(0L, 1L, 2L, 3L);
        }
    }

    /**
     * A command acts on the history it remembers without reading the table; when another instance
     * stored newer events meanwhile, the refusal it would make on the old history (a debit of a
     * payment "not reserved yet") is caught before it counts, and the command runs again.
     */
    @Test
    void aRefusalOnARememberedHistoryThatIsNotTheLatestIsRetriedOnTheLatest() {
        try (ConfigurableApplicationContext first = TestLedger.start();
             ConfigurableApplicationContext second = TestLedger.start()) {
            first.getBean(CommandGateway.class).sendAndWait(reservation());
            second.getBean(CommandGateway.class).sendAndWait(recordReservation());

            PaymentState confirmed = first.getBean(CommandGateway.class).sendAndWait(new ConfirmPayment(payment,
                    OperationId.random(), Money.kopecks(17_980), null, now.plusSeconds(2)));

            assertThat(confirmed).isEqualTo(PaymentState.CONFIRMED);
            assertThat(sequenceNumbers(first)).containsExactly(0L, 1L, 2L);
        }
    }

    /**
     * An append decided on a remembered history that is not the latest meets the table's unique
     * (payment, sequence) key; the command runs again on the latest and decides what it decides there.
     */
    @Test
    void anAppendOnARememberedHistoryThatIsNotTheLatestIsRetriedOnTheLatest() {
        try (ConfigurableApplicationContext first = TestLedger.start();
             ConfigurableApplicationContext second = TestLedger.start()) {
            CommandGateway commandsOnFirst = first.getBean(CommandGateway.class);
            commandsOnFirst.sendAndWait(reservation());
            commandsOnFirst.sendAndWait(recordReservation());
            second.getBean(CommandGateway.class).sendAndWait(new ConfirmPayment(payment, OperationId.random(),
                    Money.kopecks(17_980), null, now.plusSeconds(2)));

            // The first instance remembers the payment as reserved and would confirm it a second time.
            assertThatThrownBy(() -> commandsOnFirst.sendAndWait(new ConfirmPayment(payment, OperationId.random(),
                    Money.kopecks(17_980), null, now.plusSeconds(3))))
                    .isInstanceOf(InvalidStateException.class)
                    .hasMessageContaining("CONFIRMED");
            assertThat(sequenceNumbers(first)).containsExactly(0L, 1L, 2L);

            // Forgotten and read again: the next command acts on the whole history.
            commandsOnFirst.sendAndWait(new RecordDebit(payment, debitOperation(first), Money.kopecks(17_980),
                    Map.of(), now.plusSeconds(4)));
            assertThat(sequenceNumbers(first)).containsExactly(0L, 1L, 2L, 3L);
        }
    }

    /**
     * The events a command appended are remembered as applied, not read back: what a later reader
     * gets must be what the table gives, to the millisecond of the time and the last metadata entry.
     */
    @Test
    void appendedEventsAreRememberedAsTheTableHasThem() {
        try (ConfigurableApplicationContext ledger = TestLedger.start()) {
            CommandGateway commands = ledger.getBean(CommandGateway.class);
            commands.sendAndWait(reservation());
            commands.sendAndWait(new RecordReservation(payment, reserve, "R-1",
                    List.of(new SocialLine(1, Money.kopecks(17_980))), Money.kopecks(17_980),
                    Map.of("balance", "1250000.00", "note", "молоко"), now.plusSeconds(1)));
            commands.sendAndWait(new ConfirmPayment(payment, OperationId.random(), Money.kopecks(17_980), null,
                    now.plusSeconds(2)));

            List<? extends DomainEventMessage<?>> remembered = ledger.getBean(EventStore.class)
                    .readEvents(payment.toString()).asStream().toList();
            List<? extends DomainEventMessage<?>> stored = ledger.getBean(EventStorageEngine.class)
                    .readEvents(payment.toString()).asStream().toList();

            assertThat(remembered).hasSize(3).hasSameSizeAs(stored);
            for (int i = 0; i < stored.size(); i++) {
                DomainEventMessage<?> mine = remembered.get(i);
                DomainEventMessage<?> table = stored.get(i);
                assertThat(mine.getIdentifier()).isEqualTo(table.getIdentifier());
                assertThat(mine.getSequenceNumber()).isEqualTo(table.getSequenceNumber());
                assertThat(mine.getTimestamp()).isEqualTo(table.getTimestamp());
                assertThat(mine.getType()).isEqualTo(table.getType());
                assertThat(mine.getPayloadType()).isEqualTo(table.getPayloadType());
                assertThat(mine.getPayload()).isEqualTo(table.getPayload());
                assertThat(mine.getMetaData()).isEqualTo(table.getMetaData());
            }
        }
    }

    private RecordReservation recordReservation() {
        return new RecordReservation(payment, reserve, "R-1", List.of(new SocialLine(1, Money.kopecks(17_980))),
                Money.kopecks(17_980), Map.of(), now.plusSeconds(1));
    }

    private List<Long> sequenceNumbers(ConfigurableApplicationContext ledger) {
        return ledger.getBean(JdbcTemplate.class).queryForList(
                "SELECT sequence_number FROM domain_event_entry WHERE aggregate_identifier = ?"
                        + " ORDER BY sequence_number", Long.class, payment.toString());
    }

    private OperationId debitOperation(ConfigurableApplicationContext ledger) {
        return ledger.getBean(PaymentIntents.class)
                .latest(payment, PaymentConfirmed.class).orElseThrow()
                .debitOperationId();
    }

    private RequestReservation reservation() {
        return new RequestReservation(payment, reserve, new StoreId("S-MEM"), new TerminalId("S-MEM-1"),
                new Receipt(new ReceiptId("MEM-" + payment), Money.kopecks(17_980), List.of(new ReceiptLine(1,
                        "4601234567890", "Молоко", Money.kopecks(8_990), Quantity.of("2"), Money.kopecks(17_980),
                        "dairy"))),
                new Card(new CardHash("9f86d081884c7d659a2feaa0c55ad015"), new MaskedPan("220012******1234")),
                new MerchantSettings(1, "http://127.0.0.1:9", 5, 5, 1, 0, "E1", "M1", "SP", "T1"), null, now);
    }
}
