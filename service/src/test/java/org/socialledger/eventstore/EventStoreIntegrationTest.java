package org.socialledger.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.socialledger.TestLedger;
import org.socialledger.api.payment.AmountMismatchException;
import org.socialledger.api.payment.CancelInitiator;
import org.socialledger.api.payment.Card;
import org.socialledger.api.payment.CardHash;
import org.socialledger.api.payment.Cause;
import org.socialledger.api.payment.MaskedPan;
import org.socialledger.api.payment.MerchantSettings;
import org.socialledger.api.payment.Money;
import org.socialledger.api.payment.OperationId;
import org.socialledger.api.payment.PaymentId;
import org.socialledger.api.payment.PaymentState;
import org.socialledger.api.payment.Quantity;
import org.socialledger.api.payment.Receipt;
import org.socialledger.api.payment.ReceiptId;
import org.socialledger.api.payment.ReceiptInProgressException;
import org.socialledger.api.payment.ReceiptLine;
import org.socialledger.api.payment.ReplyAddress;
import org.socialledger.api.payment.SocialLine;
import org.socialledger.api.payment.StoreId;
import org.socialledger.api.payment.TerminalId;
import org.socialledger.api.payment.command.ConfirmPayment;
import org.socialledger.api.payment.command.RecordCancellation;
import org.socialledger.api.payment.command.RecordReservation;
import org.socialledger.api.payment.command.RequestCancel;
import org.socialledger.api.payment.command.RequestReservation;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The event store as an auditor meets it: commands through the gateway of the real application,
 * events read back from PostgreSQL as JSON with psql's own functions, and the payment carried
 * across a restart of the application.
 */
class EventStoreIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    // The till sends whole seconds; a fixed instant keeps the JSON assertions exact.
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final PaymentId payment = PaymentId.random();
    private final OperationId reserveOp = OperationId.random();
    private final ReceiptId receiptId = new ReceiptId("IT-" + payment);
    private final MerchantSettings settings = new MerchantSettings(1, "http://127.0.0.1:1", 5, 5, 30, 0, "E1", "M1",
            "SP-FOOD", "T0003");
    private final Receipt receipt = new Receipt(receiptId, Money.kopecks(25_980), List.of(
            new ReceiptLine(1, "4601234567890", "Молоко 3,2% 1 л", Money.kopecks(8_990), Quantity.of("2"),
                    Money.kopecks(17_980), "dairy"),
            new ReceiptLine(2, "2000000012345", "Яблоки, кг", Money.kopecks(16_000), Quantity.of("0.500"),
                    Money.kopecks(8_000), "fruit")));

    @Test
    void eventsAreReadableJsonAndThePaymentSurvivesARestart() throws Exception {
        try (ConfigurableApplicationContext ledger = TestLedger.start()) {
            CommandGateway commands = ledger.getBean(CommandGateway.class);
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(reserve(payment))
                    .withMetaData(MetaData.with(Cause.KIND, Cause.TILL)
                            .and(Cause.TILL_MESSAGE_ID, "msg-" + payment)
                            .and(Cause.TILL_CORRELATION_ID, "corr-" + payment)));
            PaymentState state = commands.sendAndWait(new RecordReservation(payment, reserveOp, "R-77",
                    List.of(new SocialLine(1, Money.kopecks(17_980))), Money.kopecks(17_980),
                    Map.of("reservationId", "R-77"), now.plusSeconds(1)));
            assertThat(state).isEqualTo(PaymentState.RESERVED);

            List<Map<String, Object>> rows = ledger.getBean(JdbcTemplate.class).queryForList("""
                    SELECT global_index, sequence_number, payload_type,
                           convert_from(payload, 'UTF8')::jsonb::text AS payload,
                           convert_from(meta_data, 'UTF8')::jsonb::text AS meta_data
                    FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number""",
                    payment.toString());
            assertThat(rows).extracting(row -> row.get("payload_type")).containsExactly(
                    "org.socialledger.api.payment.event.ReservationRequested",
                    "org.socialledger.api.payment.event.PaymentReserved");
            assertThat((Long) rows.get(1).get("global_index")).isGreaterThan((Long) rows.get(0).get("global_index"));

            JsonNode requested = JSON.readTree((String) rows.get(0).get("payload"));
            assertThat(requested.get("paymentId").asText()).isEqualTo(payment.toString());
            assertThat(requested.get("reserveOperationId").asText()).isEqualTo(reserveOp.toString());
            assertThat(requested.at("/receipt/total").asLong()).isEqualTo(25_980);
            assertThat(requested.at("/receipt/items/1/quantity").decimalValue()).isEqualByComparingTo("0.5");
            assertThat(requested.at("/receipt/items/0/name").asText()).isEqualTo("Молоко 3,2% 1 л");
            assertThat(requested.at("/card/maskedPan").asText()).isEqualTo("220012******1234");
            assertThat(requested.at("/settings/qrTtlMinutes").asInt()).isEqualTo(5);
            assertThat(requested.get("requestedAt").asText()).isEqualTo(now.toString());
            assertThat(requested.get("expiresAt").asText()).isEqualTo(now.plusSeconds(300).toString());

            JsonNode reserved = JSON.readTree((String) rows.get(1).get("payload"));
            assertThat(reserved.get("socialAmount").asLong()).isEqualTo(17_980);
            assertThat(reserved.get("remainder").asLong()).isEqualTo(8_000);
            assertThat(reserved.get("late").asBoolean()).isFalse();

            JsonNode metadata = JSON.readTree((String) rows.get(0).get("meta_data"));
            assertThat(metadata.get(Cause.TILL_MESSAGE_ID).asText()).isEqualTo("msg-" + payment);
            assertThat(metadata.get(Cause.KIND).asText()).isEqualTo(Cause.TILL);
        }

        try (ConfigurableApplicationContext ledger = TestLedger.start()) {
            CommandGateway commands = ledger.getBean(CommandGateway.class);
            // Only a payment rebuilt as RESERVED with 179.80 reserved answers these two this way.
            assertThatThrownBy(() -> commands.sendAndWait(new ConfirmPayment(payment, OperationId.random(),
                    Money.kopecks(100), null, now.plusSeconds(30))))
                    .isInstanceOf(AmountMismatchException.class)
                    .satisfies(e -> assertThat(((AmountMismatchException) e).expected()).isEqualTo(Money.kopecks(17_980)));
            PaymentState state = commands.sendAndWait(new ConfirmPayment(payment, OperationId.random(),
                    Money.kopecks(17_980), null, now.plusSeconds(30)));
            assertThat(state).isEqualTo(PaymentState.CONFIRMED);
        }
    }

    @Test
    void aSecondPaymentForAReceiptInProgressIsRefusedUntilTheFirstIsCancelled() {
        try (ConfigurableApplicationContext ledger = TestLedger.start()) {
            CommandGateway commands = ledger.getBean(CommandGateway.class);
            commands.sendAndWait(reserve(payment));

            PaymentId second = PaymentId.random();
            assertThatThrownBy(() -> commands.sendAndWait(reserve(second)))
                    .isInstanceOfSatisfying(ReceiptInProgressException.class,
                            e -> assertThat(e.activePaymentId()).isEqualTo(payment));
            assertThat(ledger.getBean(JdbcTemplate.class).queryForObject(
                    "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class,
                    second.toString())).isZero();

            OperationId cancelOp = OperationId.random();
            commands.sendAndWait(new RequestCancel(payment, cancelOp, CancelInitiator.TILL, "BUYER_DECLINED", null,
                    now.plusSeconds(5)));
            commands.sendAndWait(new RecordCancellation(payment, cancelOp, Map.of(), now.plusSeconds(6)));

            assertThat((Object) commands.sendAndWait(reserve(second))).isEqualTo(second);
        }
    }

    private RequestReservation reserve(PaymentId id) {
        return new RequestReservation(id, id.equals(payment) ? reserveOp : OperationId.random(),
                new StoreId("S001"), new TerminalId("S001-POS-03"), receipt,
                new Card(new CardHash("9f86d081884c7d659a2feaa0c55ad015"), new MaskedPan("220012******1234")),
                settings, new ReplyAddress("till-replies", "corr"), now);
    }
}
