package org.socialledger.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.socialledger.TestLedger;
import org.socialledger.api.payment.CancelInitiator;
import org.socialledger.api.payment.MerchantSettings;
import org.socialledger.api.payment.Money;
import org.socialledger.api.payment.OperationId;
import org.socialledger.api.payment.PaymentId;
import org.socialledger.api.payment.ReceiptId;
import org.socialledger.api.payment.SocialLine;
import org.socialledger.api.payment.command.ConfirmPayment;
import org.socialledger.api.payment.command.RequestCancel;
import org.socialledger.api.payment.command.RequestRefund;
import org.socialledger.api.payment.command.RequestReservation;
import org.springframework.context.ConfigurableApplicationContext;
import org.socialledger.testing.TestPostgres;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The whole service against a scripted social processing service over HTTP (WireMock): every
 * payment reaches a final state on its own, no operation is applied twice, and deadlines survive
 * a restart. Times in commands are moved back where a test needs qrTtl or cancel_lifetime (minutes
 * and hours) to fall due within seconds; the saga runs on the real clock.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaymentSagaIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String RESERVED = """
            {"status": "RESERVED", "reservationId": "R-1", "items": [{"line": 1, "amount": 17980}], "amount": 17980}""";

    private final WireMockServer bank = new WireMockServer(wireMockConfig().dynamicPort());
    private final WireMockServer otherBank = new WireMockServer(wireMockConfig().dynamicPort());
    private ConfigurableApplicationContext ledger;
    private CommandGateway commands;
    /** The test's own connection, so it can read while the service is down. */
    private final JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(TestPostgres.instance().jdbcUrl(),
            TestPostgres.instance().user(), TestPostgres.instance().password()));

    @BeforeAll
    void start() {
        bank.start();
        otherBank.start();
        ledger = startLedger();
        commands = ledger.getBean(CommandGateway.class);
    }

    /** The circuit breaker has its own test; here it would only turn deliberate failures into waiting. */
    private static ConfigurableApplicationContext startLedger() {
        return TestLedger.start("--ledger.bank.minimum-number-of-calls=10000");
    }

    @AfterAll
    void stop() {
        if (ledger != null) {
            ledger.close();
        }
        bank.stop();
        otherBank.stop();
    }

    @BeforeEach
    void resetBank() {
        bank.resetAll();
        otherBank.resetAll();
    }

    /** interval 1 s and timeout 1 s: the first check comes 2 s after a call. */
    private MerchantSettings settings(WireMockServer server, int cancelLifetimeHours) {
        return new MerchantSettings(1, server.baseUrl(), 5, 1, 1, cancelLifetimeHours, "E1", "M1", "SP-FOOD", "T1");
    }

    private PaymentId reserve(MerchantSettings settings, Instant requestedAt) {
        PaymentId payment = PaymentId.random();
        commands.sendAndWait(new RequestReservation(payment, OperationId.random(), Payments.STORE, Payments.TERMINAL,
                new org.socialledger.api.payment.Receipt(new ReceiptId("R-" + payment), Payments.TOTAL,
                        Payments.RECEIPT.items()), Payments.CARD, settings, null, requestedAt));
        return payment;
    }

    private List<String> events(PaymentId payment) {
        return jdbc.queryForList("SELECT regexp_replace(payload_type, '.*\\.', '') FROM domain_event_entry"
                + " WHERE aggregate_identifier = ? ORDER BY sequence_number", String.class, payment.toString());
    }

    private void awaitEvent(PaymentId payment, String type) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(events(payment)).contains(type));
    }

    private OperationId operation(PaymentId payment, String event, String field) {
        return OperationId.of(jdbc.queryForObject("SELECT convert_from(payload, 'UTF8')::jsonb ->> ? FROM"
                + " domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE ? ORDER BY sequence_number"
                + " DESC LIMIT 1", String.class, field, payment.toString(), "%." + event));
    }

    @Test
    void reserveDebitRefund() {
        bank.stubFor(post("/reserve").willReturn(okJson(RESERVED)));
        bank.stubFor(post("/debit").willReturn(okJson("{\"status\": \"DEBITED\", \"amount\": 17980}")));
        bank.stubFor(post("/refund").willReturn(okJson("{\"status\": \"REFUNDED\", \"amount\": 17980}")));
        PaymentId payment = reserve(settings(bank, 0), Instant.now());
        awaitEvent(payment, "PaymentReserved");

        commands.sendAndWait(new ConfirmPayment(payment, OperationId.random(), Money.kopecks(17_980), null,
                Instant.now()));
        awaitEvent(payment, "PaymentDebited");
        commands.sendAndWait(new RequestRefund(payment, OperationId.random(), "RR-1",
                List.of(new SocialLine(1, Money.kopecks(17_980))), null, Instant.now()));
        awaitEvent(payment, "PaymentRefunded");

        assertThat(events(payment)).containsExactly("ReservationRequested", "PaymentReserved", "PaymentConfirmed",
                "PaymentDebited", "RefundRequested", "PaymentRefunded");
        bank.verify(postRequestedFor(urlEqualTo("/debit")).withHeader("X-Request-Id",
                equalTo(operation(payment, "PaymentConfirmed", "debitOperationId").toString())));
    }

    @Test
    void aDebitThatTimedOutAfterTheServiceAppliedItIsFoundByAskingAndNeverSentTwice() {
        bank.stubFor(post("/reserve").willReturn(okJson(RESERVED)));
        bank.stubFor(post("/debit").willReturn(okJson("{\"status\": \"DEBITED\", \"amount\": 17980}")
                .withFixedDelay(3_000)));
        bank.stubFor(get(urlPathMatching("/operations/.*")).willReturn(okJson(
                "{\"status\": \"DEBITED\", \"amount\": 17980, \"type\": \"debit\"}")));
        PaymentId payment = reserve(settings(bank, 0), Instant.now());
        awaitEvent(payment, "PaymentReserved");

        commands.sendAndWait(new ConfirmPayment(payment, OperationId.random(), Money.kopecks(17_980), null,
                Instant.now()));
        awaitEvent(payment, "PaymentDebited");

        OperationId debit = operation(payment, "PaymentConfirmed", "debitOperationId");
        bank.verify(1, postRequestedFor(urlEqualTo("/debit")));
        bank.verify(getRequestedFor(urlEqualTo("/operations/" + debit)));
        assertThat(events(payment)).filteredOn("PaymentDebited"::equals).hasSize(1);
    }

    @Test
    void a5xxThenAnOperationTheServiceNeverGotIsSentAgainWithTheSameOperationId() {
        bank.stubFor(post("/reserve").inScenario("lost").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("retry"));
        bank.stubFor(post("/reserve").inScenario("lost").whenScenarioStateIs("retry").willReturn(okJson(RESERVED)));
        bank.stubFor(get(urlPathMatching("/operations/.*")).willReturn(aResponse().withStatus(404)
                .withBody("{\"error\": \"UNKNOWN_OPERATION\"}")));
        PaymentId payment = reserve(settings(bank, 0), Instant.now());
        awaitEvent(payment, "PaymentReserved");

        OperationId reserve = operation(payment, "ReservationRequested", "reserveOperationId");
        bank.verify(2, postRequestedFor(urlEqualTo("/reserve")).withHeader("X-Request-Id",
                equalTo(reserve.toString())));
        cancelToEnd(payment);
    }

    @Test
    void processingForSeveralPollsIsWaitedOut() {
        bank.stubFor(post("/reserve").willReturn(okJson("{\"status\": \"PROCESSING\"}")));
        bank.stubFor(get(urlPathMatching("/operations/.*")).inScenario("slow").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"status\": \"PROCESSING\"}")).willSetStateTo("2"));
        bank.stubFor(get(urlPathMatching("/operations/.*")).inScenario("slow").whenScenarioStateIs("2")
                .willReturn(okJson("{\"status\": \"PROCESSING\"}")).willSetStateTo("3"));
        bank.stubFor(get(urlPathMatching("/operations/.*")).inScenario("slow").whenScenarioStateIs("3")
                .willReturn(okJson("{\"status\": \"DECLINED\", \"reason\": \"INSUFFICIENT_FUNDS\"}")));
        PaymentId payment = reserve(settings(bank, 0), Instant.now());

        awaitEvent(payment, "ReservationDeclined");
        bank.verify(3, getRequestedFor(urlPathMatching("/operations/.*")));
    }

    @Test
    void aReservationNotDebitedByQrTtlIsCancelled() {
        bank.stubFor(post("/reserve").willReturn(okJson(RESERVED)));
        bank.stubFor(post("/cancel").willReturn(okJson("{\"status\": \"CANCELLED\"}")));
        // qrTtl is 5 minutes: the till's request is dated so that it runs out in three seconds.
        PaymentId payment = reserve(settings(bank, 0), Instant.now().minus(Duration.ofMinutes(5)).plusSeconds(3));
        awaitEvent(payment, "PaymentCancelled");

        assertThat(events(payment)).containsExactly("ReservationRequested", "PaymentReserved", "CancelRequested",
                "PaymentCancelled");
        assertThat(jdbc.queryForObject("SELECT convert_from(payload, 'UTF8')::jsonb ->> 'initiator' FROM"
                + " domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE '%CancelRequested'",
                String.class, payment.toString())).isEqualTo("EXPIRY");
    }

    @Test
    void aCancelIsRetriedUntilTheServiceConfirmsIt() {
        bank.stubFor(post("/reserve").willReturn(okJson(RESERVED)));
        bank.stubFor(post("/cancel").willReturn(aResponse().withStatus(503)));
        bank.stubFor(get(urlPathMatching("/operations/.*")).inScenario("down").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("lost"));
        bank.stubFor(get(urlPathMatching("/operations/.*")).inScenario("down").whenScenarioStateIs("lost")
                .willReturn(aResponse().withStatus(404)).willSetStateTo("up"));
        PaymentId payment = reserve(settings(bank, 0), Instant.now());
        awaitEvent(payment, "PaymentReserved");
        commands.sendAndWait(new RequestCancel(payment, OperationId.random(), CancelInitiator.TILL, "BUYER", null,
                Instant.now()));
        await().atMost(WAIT).until(() -> bank.countRequestsMatching(postRequestedFor(urlEqualTo("/cancel")).build())
                .getCount() >= 4);

        bank.stubFor(post("/cancel").willReturn(okJson("{\"status\": \"CANCELLED\"}")));
        awaitEvent(payment, "PaymentCancelled");
        OperationId cancel = operation(payment, "CancelRequested", "cancelOperationId");
        assertThat(bank.findAll(postRequestedFor(urlEqualTo("/cancel"))))
                .extracting(request -> request.getHeader("X-Request-Id")).containsOnly(cancel.toString());
    }

    @Test
    void aCancelThatNeverSucceedsIsGivenUpAtCancelLifetime() {
        bank.stubFor(post("/reserve").willReturn(okJson(RESERVED)));
        bank.stubFor(post("/cancel").willReturn(aResponse().withStatus(503)));
        bank.stubFor(get(urlPathMatching("/operations/.*")).willReturn(aResponse().withStatus(503)));
        PaymentId payment = reserve(settings(bank, 1), Instant.now());
        awaitEvent(payment, "PaymentReserved");
        // cancel_lifetime is one hour: the cancel is dated so that it runs out in three seconds.
        commands.sendAndWait(new RequestCancel(payment, OperationId.random(), CancelInitiator.TILL, "BUYER", null,
                Instant.now().minus(Duration.ofHours(1)).plusSeconds(3)));

        awaitEvent(payment, "CancelExpired");
        assertThat(events(payment)).doesNotContain("PaymentCancelled");
    }

    @Test
    void aDeadlineDueWhileTheServiceWasDownFiresAfterItStarts() throws Exception {
        bank.stubFor(post("/reserve").willReturn(okJson(RESERVED)));
        bank.stubFor(post("/cancel").willReturn(okJson("{\"status\": \"CANCELLED\"}")));
        // qrTtl (5 minutes in these settings) runs out 12 s from now: room for a slow machine to reserve first.
        Instant requested = Instant.now().minus(Duration.ofMinutes(5)).plusSeconds(12);
        Instant expires = requested.plus(Duration.ofMinutes(5));
        PaymentId payment = reserve(settings(bank, 0), requested);
        awaitEvent(payment, "PaymentReserved");

        ledger.close();
        try {
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), expires).toMillis()) + 1_000);
            assertThat(events(payment)).doesNotContain("CancelRequested");
        } finally {
            ledger = startLedger();
            commands = ledger.getBean(CommandGateway.class);
        }

        awaitEvent(payment, "PaymentCancelled");
        assertThat(events(payment)).filteredOn("CancelRequested"::equals).hasSize(1);
    }

    @Test
    void aSlowMerchantDoesNotHoldUpAnotherMerchantsPayments() {
        bank.stubFor(post("/reserve").willReturn(okJson(RESERVED).withFixedDelay(4_000)));
        otherBank.stubFor(post("/reserve").willReturn(okJson(RESERVED)));
        MerchantSettings slow = new MerchantSettings(1, bank.baseUrl(), 5, 1, 10, 0, "E1", "M1", "SP", "T1");
        List<PaymentId> slowPayments = List.of(reserve(slow, Instant.now()), reserve(slow, Instant.now()),
                reserve(slow, Instant.now()), reserve(slow, Instant.now()));

        PaymentId fast = reserve(settings(otherBank, 0), Instant.now());
        awaitEvent(fast, "PaymentReserved");

        assertThat(slowPayments).as("still waiting for their slow service")
                .allSatisfy(payment -> assertThat(events(payment)).doesNotContain("PaymentReserved"));
        slowPayments.forEach(payment -> awaitEvent(payment, "PaymentReserved"));
        slowPayments.forEach(this::cancelToEnd);
        cancelToEnd(fast);
    }

    private void cancelToEnd(PaymentId payment) {
        bank.stubFor(post("/cancel").willReturn(okJson("{\"status\": \"CANCELLED\"}")));
        otherBank.stubFor(post("/cancel").willReturn(okJson("{\"status\": \"CANCELLED\"}")));
        commands.sendAndWait(new RequestCancel(payment, OperationId.random(), CancelInitiator.TILL, "END", null,
                Instant.now()));
        awaitEvent(payment, "PaymentCancelled");
    }
}
