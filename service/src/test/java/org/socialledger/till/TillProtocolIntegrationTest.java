package org.socialledger.till;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.socialledger.TestLedger;
import org.socialledger.api.payment.Money;
import org.socialledger.api.payment.PaymentId;
import org.socialledger.api.payment.SocialLine;
import org.socialledger.testing.TestRabbit;
import org.springframework.amqp.core.Message;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * pos-protocol.md through real RabbitMQ and PostgreSQL: a till written only from that document
 * reserves, debits, cancels, refunds and asks status, and gets the documented error for each
 * bad request. The service's answers come from {@link FakeSocialProcessing}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TillProtocolIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String FULL_PAN = "2200" + "7001" + "2345" + "6789";

    private final String queue = TestRabbit.uniqueQueue("soc_processing");
    private final String store = "TILL-S-" + UUID.randomUUID().toString().substring(0, 6);
    private final String terminal = store + "-POS-1";
    private ConfigurableApplicationContext ledger;
    private TillClient till;
    private FakeSocialProcessing bank;
    private JdbcTemplate jdbc;

    @BeforeAll
    void start() {
        ledger = TestLedger.start("--ledger.till.queue=" + queue, "--ledger.config.refresh=PT0.2S",
                "--ledger.till.reply-deadline=PT3S");
        jdbc = ledger.getBean(JdbcTemplate.class);
        bank = new FakeSocialProcessing(ledger.getBean(CommandGateway.class), ledger.getBean(EventStore.class), jdbc);
    }

    @AfterAll
    void stop() {
        ledger.close();
    }

    @AfterEach
    void closeTill() {
        till.close();
    }

    /** Each test is a till of its own: a reply meant for one test never reaches another. */
    @BeforeEach
    void configure() {
        till = new TillClient(queue);
        jdbc.update("""
                INSERT INTO soc_processing_merchants (id, value) VALUES (71, '{"url": "http://127.0.0.1:9", "enterprise_id": "E1",
                  "merchant_id": "M1", "sp_code": "SP-FOOD"}') ON CONFLICT (id) DO NOTHING""");
        jdbc.update("INSERT INTO soc_processing_stores (StoreID, merchant) VALUES (?, 71) ON CONFLICT DO NOTHING", store);
        jdbc.update("""
                INSERT INTO soc_processing_terminals (TerminalID, value) VALUES (?, '{"TerminalNo": "T0001"}')
                ON CONFLICT DO NOTHING""", terminal);
    }

    private String reserveBody(String receiptId) {
        return reserveBody(store, terminal, receiptId, "220012******1234");
    }

    private static String reserveBody(String store, String terminal, String receiptId, String maskedPan) {
        return """
                {"operation": "reserve", "storeId": "%s", "terminalId": "%s",
                 "receipt": {"id": "%s", "total": 25980, "items": [
                   {"line": 1, "code": "4601234567890", "name": "Молоко 3,2%% 1 л", "price": 8990, "quantity": 2,
                    "amount": 17980, "category": "dairy"},
                   {"line": 2, "code": "4600000000017", "name": "Батарейки AA", "price": 8000, "quantity": 1,
                    "amount": 8000, "category": "household"}]},
                 "card": {"hash": "9f86d081884c7d659a2feaa0c55ad015", "maskedPan": "%s"}}"""
                .formatted(store, terminal, receiptId, maskedPan);
    }

    private static String receipt() {
        return "R-" + UUID.randomUUID();
    }

    private static final List<SocialLine> MILK = List.of(new SocialLine(1, Money.kopecks(17_980)));

    /** reserve, the service reserves: the till gets ok with the social lines. */
    private PaymentId reserved() {
        String messageId = till.send(reserveBody(receipt()));
        PaymentId payment = await().atMost(WAIT).until(() -> paymentOrNull(messageId), p -> p != null);
        bank.reserves(payment, MILK);
        TillClient.Reply reply = till.nextReply(WAIT);
        assertThat(reply.result()).isEqualTo("ok");
        return payment;
    }

    private PaymentId paymentOrNull(String messageId) {
        List<UUID> ids = jdbc.queryForList("SELECT payment_id FROM till_request WHERE message_id = ?", UUID.class,
                messageId);
        return ids.isEmpty() ? null : new PaymentId(ids.get(0));
    }

    @Test
    void reserveDebitRefund() {
        String messageId = till.send(reserveBody(receipt()));
        PaymentId payment = await().atMost(WAIT).until(() -> paymentOrNull(messageId), p -> p != null);
        bank.reserves(payment, MILK);

        TillClient.Reply reserved = till.nextReply(WAIT);
        assertThat(reserved.correlationId()).isEqualTo(messageId + "-corr");
        assertThat(reserved.body().path("operation").asText()).isEqualTo("reserve");
        assertThat(reserved.result()).isEqualTo("ok");
        assertThat(reserved.paymentId()).isEqualTo(payment.toString());
        assertThat(reserved.body().path("socialAmount").asLong()).isEqualTo(17_980);
        assertThat(reserved.body().path("remainder").asLong()).isEqualTo(8_000);
        assertThat(reserved.body().path("socialItems").toString()).isEqualTo("[{\"line\":1,\"amount\":17980}]");
        assertThat(reserved.body().path("expiresAt").asText()).isNotBlank();

        till.send("{\"operation\": \"debit\", \"paymentId\": \"" + payment + "\", \"amount\": 17980}");
        await().atMost(WAIT).untilAsserted(() -> bank.debits(payment));
        TillClient.Reply debited = till.nextReply(WAIT);
        assertThat(debited.result()).isEqualTo("ok");
        assertThat(debited.body().path("debitedAmount").asLong()).isEqualTo(17_980);

        till.send("""
                {"operation": "refund", "paymentId": "%s", "refundReceiptId": "RR-1", "items": [{"line": 1, "amount": 17980}]}"""
                .formatted(payment));
        await().atMost(WAIT).untilAsserted(() -> bank.refunds(payment));
        TillClient.Reply refunded = till.nextReply(WAIT);
        assertThat(refunded.result()).isEqualTo("ok");
        assertThat(refunded.body().path("refundedAmount").asLong()).isEqualTo(17_980);

        till.send("{\"operation\": \"status\", \"paymentId\": \"" + payment + "\"}");
        TillClient.Reply status = till.nextReply(WAIT);
        assertThat(status.body().path("state").asText()).isEqualTo("REFUNDED");
        assertThat(status.body().path("refundedAmount").asLong()).isEqualTo(17_980);

        // The read models the service assembles from the projections module follow the same story.
        await().atMost(WAIT).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT state FROM payment_view WHERE payment_id = ?", String.class, payment.value()))
                .isEqualTo("REFUNDED"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT count(*) FROM soc_processing_operations WHERE data ->> 'paymentId' = ?", Long.class,
                payment.toString())).as("the payment row and the refund row").isEqualTo(2));
        // Each published reply is marked sent (in a batch), so the sweeper never publishes it again.
        await().atMost(WAIT).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT operation FROM till_request WHERE payment_id = ? AND sent_at IS NOT NULL", String.class,
                payment.value())).containsExactlyInAnyOrder("reserve", "debit", "refund"));
    }

    @Test
    void reserveThenCancelAndCancelAgain() {
        PaymentId payment = reserved();
        String cancel = "{\"operation\": \"cancel\", \"paymentId\": \"" + payment + "\", \"reason\": \"BUYER_DECLINED\"}";
        till.send(cancel);
        await().atMost(WAIT).untilAsserted(() -> bank.cancels(payment));
        TillClient.Reply cancelled = till.nextReply(WAIT);
        assertThat(cancelled.result()).isEqualTo("ok");
        assertThat(cancelled.body().path("state").asText()).isEqualTo("CANCELLED");

        till.send(cancel);
        TillClient.Reply again = till.nextReply(WAIT);
        assertThat(again.result()).isEqualTo("ok");
        assertThat(again.body().path("state").asText()).isEqualTo("CANCELLED");

        till.send("{\"operation\": \"debit\", \"paymentId\": \"" + payment + "\", \"amount\": 17980}");
        TillClient.Reply refused = till.nextReply(WAIT);
        assertThat(refused.result()).isEqualTo("error");
        assertThat(refused.code()).isEqualTo("INVALID_STATE");
        assertThat(refused.body().path("state").asText()).isEqualTo("CANCELLED");
        assertThat(refused.body().path("message").asText()).contains("CANCELLED");
    }

    @Test
    void declinedReservation() {
        String messageId = till.send(reserveBody(receipt()));
        PaymentId payment = await().atMost(WAIT).until(() -> paymentOrNull(messageId), p -> p != null);
        bank.declinesReservation(payment, "CARD_NOT_SOCIAL");
        TillClient.Reply reply = till.nextReply(WAIT);
        assertThat(reply.result()).isEqualTo("declined");
        assertThat(reply.body().path("reason").asText()).isEqualTo("CARD_NOT_SOCIAL");
        assertThat(reply.paymentId()).isEqualTo(payment.toString());
    }

    @Test
    void statusByReceiptAndOverDirectReplyTo() {
        String receiptId = receipt();
        String messageId = till.send(reserveBody(receiptId));
        PaymentId payment = await().atMost(WAIT).until(() -> paymentOrNull(messageId), p -> p != null);

        TillClient.Reply status = till.sendAndReceiveDirect(
                "{\"operation\": \"status\", \"storeId\": \"%s\", \"receiptId\": \"%s\"}".formatted(store, receiptId));
        assertThat(status.result()).isEqualTo("ok");
        assertThat(status.paymentId()).isEqualTo(payment.toString());
        assertThat(status.body().path("state").asText()).isEqualTo("REQUESTED");
    }

    @Test
    void theServiceNotAnsweringByTheReplyDeadlineGivesPending() {
        String messageId = till.send(reserveBody(receipt()));
        TillClient.Reply reply = till.nextReply(WAIT);
        assertThat(reply.result()).isEqualTo("pending");
        assertThat(reply.paymentId()).isEqualTo(paymentOrNull(messageId).toString());

        // The outcome that comes later is for status, not pushed again.
        bank.reserves(paymentOrNull(messageId), MILK);
        assertThat(till.replyIfAny(Duration.ofMillis(700))).isNull();
        till.send("{\"operation\": \"status\", \"paymentId\": \"" + paymentOrNull(messageId) + "\"}");
        assertThat(till.nextReply(WAIT).body().path("state").asText()).isEqualTo("RESERVED");
    }

    @Test
    void theSameMessageIdNeverActsTwiceAndGetsTheSameReply() {
        String messageId = UUID.randomUUID().toString();
        String receiptId = receipt();
        String body = reserveBody(receiptId);
        till.send(messageId, body, till.replyQueue());
        till.send(messageId, body, till.replyQueue());
        PaymentId payment = await().atMost(WAIT).until(() -> paymentOrNull(messageId), p -> p != null);
        bank.reserves(payment, MILK);

        TillClient.Reply first = till.nextReply(WAIT);
        till.send(messageId, body, till.replyQueue());
        TillClient.Reply repeated = till.nextReply(WAIT);
        assertThat(repeated.body()).isEqualTo(first.body());
        assertThat(jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%ReservationRequested'"
                        + " AND convert_from(payload, 'UTF8')::jsonb #>> '{receipt,id}' = ?",
                Long.class, receiptId)).as("one payment for three sends").isEqualTo(1);
    }

    @Test
    void theSameMessageIdWithAnotherBodyIsAConflict() {
        String messageId = UUID.randomUUID().toString();
        till.send(messageId, reserveBody(receipt()), till.replyQueue());
        await().atMost(WAIT).until(() -> paymentOrNull(messageId), p -> p != null);
        till.send(messageId, reserveBody(receipt()), till.replyQueue());
        TillClient.Reply reply = till.nextReply(WAIT);
        assertThat(reply.code()).isEqualTo("IDEMPOTENCY_CONFLICT");
    }

    @Test
    void everyErrorCodeWithASentence() {
        PaymentId payment = reserved();
        Map<String, String> cases = new HashMap<>();
        cases.put("{not json", "MALFORMED");
        cases.put("{\"operation\": \"debit\", \"paymentId\": \"" + payment + "\", \"amount\": 179.80}", "MALFORMED");
        cases.put("{\"operation\": \"debit\", \"paymentId\": \"" + payment + "\", \"amount\": -1}", "VALIDATION");
        cases.put(reserveBody(receipt()).replace("\"total\": 25980", "\"total\": 25981"), "VALIDATION");
        cases.put(reserveBody("NOSUCHSTORE", terminal, receipt(), "220012******1234"), "UNKNOWN_STORE");
        cases.put(reserveBody(store, "NOSUCHTERMINAL", receipt(), "220012******1234"), "UNKNOWN_TERMINAL");
        cases.put("{\"operation\": \"status\", \"paymentId\": \"" + UUID.randomUUID() + "\"}", "UNKNOWN_PAYMENT");
        cases.put("{\"operation\": \"debit\", \"paymentId\": \"" + UUID.randomUUID() + "\", \"amount\": 1}",
                "UNKNOWN_PAYMENT");
        cases.put("{\"operation\": \"debit\", \"paymentId\": \"" + payment + "\", \"amount\": 100}", "AMOUNT_MISMATCH");
        cases.put("{\"operation\": \"refund\", \"paymentId\": \"" + payment
                + "\", \"refundReceiptId\": \"RR\", \"items\": [{\"line\": 1, \"amount\": 17980}]}", "INVALID_STATE");
        for (Map.Entry<String, String> request : cases.entrySet()) {
            till.send(request.getKey());
            TillClient.Reply reply = till.nextReply(WAIT);
            assertThat(reply.result()).as(request.getKey()).isEqualTo("error");
            assertThat(reply.code()).as(request.getKey()).isEqualTo(request.getValue());
            assertThat(reply.body().path("message").asText()).as(request.getKey()).hasSizeGreaterThan(10);
        }
    }

    @Test
    void aSecondPaymentForAReceiptInProgressAndAPartialRefundAreRefused() {
        String receiptId = receipt();
        String first = till.send(reserveBody(receiptId));
        PaymentId payment = await().atMost(WAIT).until(() -> paymentOrNull(first), p -> p != null);
        till.send(reserveBody(receiptId));
        TillClient.Reply inProgress = till.nextReply(WAIT);
        assertThat(inProgress.code()).isEqualTo("RECEIPT_IN_PROGRESS");
        assertThat(inProgress.paymentId()).isEqualTo(payment.toString());

        bank.reserves(payment, MILK);
        till.nextReply(WAIT);
        till.send("{\"operation\": \"debit\", \"paymentId\": \"" + payment + "\", \"amount\": 17980}");
        await().atMost(WAIT).untilAsserted(() -> bank.debits(payment));
        till.nextReply(WAIT);
        till.send("""
                {"operation": "refund", "paymentId": "%s", "refundReceiptId": "RR-2", "items": [{"line": 1, "amount": 9000}]}"""
                .formatted(payment));
        assertThat(till.nextReply(WAIT).code()).isEqualTo("PARTIAL_REFUND_NOT_ALLOWED");
    }

    @Test
    void aFullCardNumberIsRefusedAndNeverStored() {
        String receiptId = receipt();
        till.send(reserveBody(store, terminal, receiptId, FULL_PAN));
        TillClient.Reply reply = till.nextReply(WAIT);
        assertThat(reply.code()).isEqualTo("VALIDATION");
        assertThat(reply.body().toString()).doesNotContain(FULL_PAN);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE convert_from(payload, 'UTF8') LIKE ?",
                Long.class, "%" + FULL_PAN + "%")).isZero();

        till.send(UUID.randomUUID().toString(), "{\"operation\": \"reserve\", \"card\": " + FULL_PAN + ",", null);
        Message parked = await().atMost(WAIT).until(() -> till.receiveRaw(queue + ".dlq", Duration.ofMillis(200)),
                message -> message != null);
        assertThat(new String(parked.getBody(), StandardCharsets.UTF_8)).doesNotContain(FULL_PAN).contains("220070");
    }

    @Test
    void aConfigurationChangeIsPickedUpWithoutARestart() {
        String newTerminal = store + "-POS-NEW";
        till.send(reserveBody(store, newTerminal, receipt(), "220012******1234"));
        assertThat(till.nextReply(WAIT).code()).isEqualTo("UNKNOWN_TERMINAL");

        jdbc.update("INSERT INTO soc_processing_terminals (TerminalID, value) VALUES (?, '{\"TerminalNo\": \"T9\"}')",
                newTerminal);
        await().atMost(WAIT).untilAsserted(() -> {
            String messageId = till.send(reserveBody(store, newTerminal, receipt(), "220012******1234"));
            TillClient.Reply reply = till.replyIfAny(Duration.ofMillis(500));
            if (reply != null) {
                assertThat(reply.code()).isNotEqualTo("UNKNOWN_TERMINAL");
            }
            assertThat(paymentOrNull(messageId)).isNotNull();
        });
    }

    @Test
    void malformedMessagesAmidValidTrafficNeverBlockTheQueue() {
        int bad = 1_000;
        int good = 50;
        List<String> statusIds = new ArrayList<>();
        PaymentId payment = reserved();
        for (int i = 0; i < bad + good; i++) {
            if (i % ((bad + good) / good) == 0 && statusIds.size() < good) {
                statusIds.add(till.send("{\"operation\": \"status\", \"paymentId\": \"" + payment + "\"}"));
            } else if (i % 2 == 0) {
                till.send(UUID.randomUUID().toString(), "garbage " + i, null);
            } else {
                till.send("{\"operation\": \"teleport\", \"n\": " + i + "}");
            }
        }
        int answeredStatus = 0;
        int answeredErrors = 0;
        int expectedErrors = bad + good - statusIds.size() - (bad + good - statusIds.size() + 1) / 2;
        while (answeredStatus + answeredErrors < statusIds.size() + expectedErrors) {
            TillClient.Reply reply = till.nextReply(WAIT);
            if (reply.result().equals("ok")) {
                answeredStatus++;
            } else {
                assertThat(reply.code()).isEqualTo("MALFORMED");
                answeredErrors++;
            }
        }
        assertThat(answeredStatus).isEqualTo(statusIds.size());
        int parked = 0;
        while (till.receiveRaw(queue + ".dlq", Duration.ofMillis(parked == 0 ? 5_000 : 500)) != null) {
            parked++;
        }
        assertThat(parked).isGreaterThanOrEqualTo(bad + good - statusIds.size() - expectedErrors);
    }
}
