package org.socialledger.till;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socialledger.TestLedger;
import org.socialledger.api.payment.Money;
import org.socialledger.api.payment.PaymentId;
import org.socialledger.api.payment.SocialLine;
import org.socialledger.testing.TestPostgres;
import org.socialledger.testing.TestRabbit;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Nothing a till was promised is lost when the service stops between a request and its answer. */
class TillRestartIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final List<SocialLine> MILK = List.of(new SocialLine(1, Money.kopecks(17_980)));

    private final String queue = TestRabbit.uniqueQueue("soc_processing");
    private final String store = "RST-" + UUID.randomUUID().toString().substring(0, 6);
    private final JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(TestPostgres.instance().jdbcUrl(),
            TestPostgres.instance().user(), TestPostgres.instance().password()));

    @BeforeEach
    void configure() {
        jdbc.update("""
                INSERT INTO soc_processing_merchants (id, value) VALUES (72, '{"url": "http://127.0.0.1:9", "enterprise_id": "E1",
                  "merchant_id": "M1", "sp_code": "SP-FOOD"}') ON CONFLICT (id) DO NOTHING""");
        jdbc.update("INSERT INTO soc_processing_stores (StoreID, merchant) VALUES (?, 72)", store);
        jdbc.update("INSERT INTO soc_processing_terminals (TerminalID, value) VALUES (?, '{\"TerminalNo\": \"T1\"}')",
                store + "-1");
    }

    private String reserve() {
        return """
                {"operation": "reserve", "storeId": "%s", "terminalId": "%s-1",
                 "receipt": {"id": "%s", "total": 17980, "items": [
                   {"line": 1, "code": "4601234567890", "name": "Молоко", "price": 8990, "quantity": 2, "amount": 17980}]},
                 "card": {"hash": "9f86d081884c7d659a2feaa0c55ad015", "maskedPan": "220012******1234"}}"""
                .formatted(store, store, "R-" + UUID.randomUUID());
    }

    private PaymentId paymentOf(String messageId) {
        return await().atMost(WAIT).until(() -> jdbc.queryForList(
                        "SELECT payment_id FROM till_request WHERE message_id = ?", UUID.class, messageId),
                ids -> !ids.isEmpty()).stream().findFirst().map(PaymentId::new).orElseThrow();
    }

    @Test
    void anOutcomeDecidedAfterARestartIsAnsweredAndARepeatAfterItGetsTheSameReply() {
        String messageId = UUID.randomUUID().toString();
        String body = reserve();
        PaymentId payment;
        try (TillClient till = new TillClient(queue)) {
            try (ConfigurableApplicationContext ledger = TestLedger.start("--ledger.till.queue=" + queue)) {
                till.send(messageId, body, till.replyQueue());
                payment = paymentOf(messageId);
            }
            try (ConfigurableApplicationContext ledger = TestLedger.start("--ledger.till.queue=" + queue)) {
                bank(ledger).reserves(payment, MILK);
                TillClient.Reply reply = till.nextReply(WAIT);
                assertThat(reply.result()).isEqualTo("ok");
                assertThat(reply.paymentId()).isEqualTo(payment.toString());
            }
            try (ConfigurableApplicationContext ledger = TestLedger.start("--ledger.till.queue=" + queue)) {
                till.send(messageId, body, till.replyQueue());
                TillClient.Reply repeated = till.nextReply(WAIT);
                assertThat(repeated.result()).isEqualTo("ok");
                assertThat(repeated.paymentId()).isEqualTo(payment.toString());
            }
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier IN"
                + " (SELECT payment_id::text FROM till_request WHERE message_id = ?)", Long.class, messageId))
                .as("ReservationRequested and PaymentReserved, once each").isEqualTo(2);
    }

    /**
     * The broker redelivers a request whose effect was recorded but whose ack was lost in a
     * crash: here the request is handled once without any ack (as if the process died right
     * after the commit), then delivered again through the queue.
     */
    @Test
    void aRedeliveryOfARecordedRequestDoesNotActAgain() {
        String messageId = UUID.randomUUID().toString();
        String body = reserve();
        try (TillClient till = new TillClient(queue);
             ConfigurableApplicationContext ledger = TestLedger.start("--ledger.till.queue=" + queue)) {
            ledger.getBean(TillRequestHandler.class).handle(new IncomingRequest(messageId, null, till.replyQueue(),
                    body.getBytes(StandardCharsets.UTF_8)));
            PaymentId payment = paymentOf(messageId);

            till.send(messageId, messageId, body, till.replyQueue());
            bank(ledger).reserves(payment, MILK);

            TillClient.Reply reply = till.nextReply(WAIT);
            assertThat(reply.paymentId()).isEqualTo(payment.toString());
            assertThat(till.replyIfAny(Duration.ofSeconds(1))).as("one answer for one request").isNull();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM payment_receipt_claim WHERE store_id = ?", Long.class,
                    store)).isEqualTo(1);
        }
    }

    private static FakeSocialProcessing bank(ConfigurableApplicationContext ledger) {
        return new FakeSocialProcessing(ledger.getBean(CommandGateway.class), ledger.getBean(EventStore.class),
                ledger.getBean(JdbcTemplate.class));
    }
}
