package org.socialledger.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.socialledger.TestLedger;
import org.socialledger.api.payment.CancelInitiator;
import org.socialledger.api.payment.Card;
import org.socialledger.api.payment.CardHash;
import org.socialledger.api.payment.MaskedPan;
import org.socialledger.api.payment.MerchantSettings;
import org.socialledger.api.payment.Money;
import org.socialledger.api.payment.OperationId;
import org.socialledger.api.payment.PaymentId;
import org.socialledger.api.payment.Quantity;
import org.socialledger.api.payment.Receipt;
import org.socialledger.api.payment.ReceiptId;
import org.socialledger.api.payment.ReceiptLine;
import org.socialledger.api.payment.SocialLine;
import org.socialledger.api.payment.StoreId;
import org.socialledger.api.payment.TerminalId;
import org.socialledger.api.payment.command.RecordReservation;
import org.socialledger.api.payment.command.RequestCancel;
import org.socialledger.api.payment.command.RequestReservation;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** Tamper evidence: every event is chained when stored, and verify finds what SQL changed or removed. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HashChainIntegrationTest {

    private ConfigurableApplicationContext ledger;
    private CommandGateway commands;
    private JdbcTemplate jdbc;

    @BeforeAll
    void start() {
        ledger = TestLedger.start();
        commands = ledger.getBean(CommandGateway.class);
        jdbc = ledger.getBean(JdbcTemplate.class);
    }

    @AfterAll
    void stop() {
        ledger.close();
    }

    /** A payment of four events, stored over three commands (so chains cross units of work). */
    private PaymentId payment() {
        PaymentId payment = PaymentId.random();
        OperationId reserve = OperationId.random();
        Instant now = Instant.now();
        commands.sendAndWait(new RequestReservation(payment, reserve, new StoreId("HASH"), new TerminalId("HASH-1"),
                new Receipt(new ReceiptId("R-" + payment), Money.kopecks(17_980), List.of(new ReceiptLine(1,
                        "4601234567890", "Молоко", Money.kopecks(8_990), Quantity.of("2"), Money.kopecks(17_980), "dairy"))),
                new Card(new CardHash("9f86d081884c7d659a2feaa0c55ad015"), new MaskedPan("220012******1234")),
                new MerchantSettings(1, "http://127.0.0.1:9", 5, 5, 1, 0, "E1", "M1", "SP", "T1"), null, now));
        commands.sendAndWait(new RecordReservation(payment, reserve, "R-1",
                List.of(new SocialLine(1, Money.kopecks(17_980))), Money.kopecks(17_980),
                Map.of("b", "2", "a", "1", "c", "3"), now.plusSeconds(1)));
        commands.sendAndWait(new RequestCancel(payment, OperationId.random(), CancelInitiator.TILL, "BUYER", null,
                now.plusSeconds(2)));
        return payment;
    }

    private List<String> findings() {
        return ledger.getBean(ChainVerifier.class).verify().problems().stream()
                .map(problem -> problem.paymentId() + "@" + problem.sequence() + ": " + problem.problem()).toList();
    }

    @Test
    void anUntouchedStoreVerifiesAndEachEventCarriesItsHash() {
        PaymentId payment = payment();
        assertThat(findings()).noneMatch(finding -> finding.startsWith(payment.toString()));
        assertThat(jdbc.queryForList("SELECT convert_from(meta_data, 'UTF8')::jsonb ->> 'chainHash' FROM"
                + " domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number", String.class,
                payment.toString())).hasSize(3).allMatch(hash -> hash != null && hash.length() == 64).doesNotHaveDuplicates();
    }

    @Test
    void aPayloadChangedWithSqlIsNamed() {
        PaymentId honest = payment();
        PaymentId tampered = payment();
        jdbc.update("UPDATE domain_event_entry SET payload = convert_to(replace(convert_from(payload, 'UTF8'),"
                + " '17980', '17981'), 'UTF8') WHERE aggregate_identifier = ? AND sequence_number = 1", tampered.toString());

        assertThat(findings()).contains(tampered + "@1: altered: the stored event does not match its hash")
                .noneMatch(finding -> finding.startsWith(honest.toString()));
    }

    @Test
    void aRemovedEventIsAGap() {
        PaymentId payment = payment();
        jdbc.update("DELETE FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 1",
                payment.toString());

        assertThat(findings()).anyMatch(finding -> finding.startsWith(payment + "@1: gap"));
    }
}
