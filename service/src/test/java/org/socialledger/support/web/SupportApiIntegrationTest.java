package org.socialledger.support.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.socialledger.TestLedger;
import org.socialledger.api.payment.Card;
import org.socialledger.api.payment.CardHash;
import org.socialledger.api.payment.Cause;
import org.socialledger.api.payment.MaskedPan;
import org.socialledger.api.payment.MerchantSettings;
import org.socialledger.api.payment.Money;
import org.socialledger.api.payment.OperationId;
import org.socialledger.api.payment.PaymentId;
import org.socialledger.api.payment.Quantity;
import org.socialledger.api.payment.Receipt;
import org.socialledger.api.payment.ReceiptId;
import org.socialledger.api.payment.ReceiptLine;
import org.socialledger.api.payment.StoreId;
import org.socialledger.api.payment.TerminalId;
import org.socialledger.api.payment.command.RecordReservationDecline;
import org.socialledger.api.payment.command.RequestReservation;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/** The support API as support, an auditor, an administrator and a stranger meet it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SupportApiIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> READ_ENDPOINTS = List.of("/api/payments",
            "/api/payments/0f8fad5b-d9cb-469f-a165-70867728950e", "/api/reports/stuck",
            "/api/reports/declines?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z",
            "/api/reports/settlement?from=2026-01-01&to=2027-01-01");

    private final HttpClient http = HttpClient.newHttpClient();
    private final String store = "API-" + System.nanoTime();
    private ConfigurableApplicationContext ledger;
    private String base;
    private PaymentId payment;

    @BeforeAll
    void start() {
        ledger = TestLedger.start(
                "--ledger.security.users[0].name=sam", "--ledger.security.users[0].password={noop}s1",
                "--ledger.security.users[0].roles=SUPPORT",
                "--ledger.security.users[1].name=ann", "--ledger.security.users[1].password={noop}a1",
                "--ledger.security.users[1].roles=AUDITOR",
                "--ledger.security.users[2].name=root", "--ledger.security.users[2].password={noop}r1",
                "--ledger.security.users[2].roles=ADMIN");
        base = "http://127.0.0.1:" + ledger.getBean(Environment.class).getProperty("local.server.port");
        CommandGateway commands = ledger.getBean(CommandGateway.class);
        payment = PaymentId.random();
        OperationId reserve = OperationId.random();
        Instant now = Instant.now();
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(new RequestReservation(payment, reserve,
                        new StoreId(store), new TerminalId(store + "-1"),
                        new Receipt(new ReceiptId("R-1"), Money.kopecks(17_980), List.of(new ReceiptLine(1, "4601234567890",
                                "Молоко", Money.kopecks(8_990), Quantity.of("2"), Money.kopecks(17_980), "dairy"))),
                        new Card(new CardHash("9f86d081884c7d659a2feaa0c55ad015"), new MaskedPan("220012******4321")),
                        new MerchantSettings(1, "http://127.0.0.1:9", 5, 5, 1, 0, "E1", "M1", "SP-FOOD", "T1"), null, now))
                .withMetaData(MetaData.with(Cause.KIND, Cause.TILL).and(Cause.TILL_MESSAGE_ID, "till-msg-42")));
        sleepAFewMilliseconds();
        commands.sendAndWait(new RecordReservationDecline(payment, reserve, "CARD_NOT_SOCIAL", now.plusSeconds(1)));
    }

    /** The store keeps milliseconds: two events at least one apart can be told apart in time. */
    private static void sleepAFewMilliseconds() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @AfterAll
    void stop() {
        ledger.close();
    }

    private HttpResponse<String> get(String path, String user, String password, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", accept);
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String user, String password) throws Exception {
        return get(path, user, password, "application/json");
    }

    @Test
    void nothingButHealthIsOpenAndEachRoleSeesWhatItMay() throws Exception {
        assertThat(get("/actuator/health", null, null).statusCode()).isEqualTo(200);
        for (String endpoint : READ_ENDPOINTS) {
            HttpResponse<String> stranger = get(endpoint, null, null);
            assertThat(stranger.statusCode()).as(endpoint).isEqualTo(401);
            assertThat(JSON.readTree(stranger.body()).path("status").asInt()).isEqualTo(401);
            assertThat(get(endpoint, "sam", "wrong").statusCode()).as(endpoint).isEqualTo(401);
            assertThat(get(endpoint, "root", "r1").statusCode()).as("admin on " + endpoint).isEqualTo(403);
            assertThat(get(endpoint, "sam", "s1").statusCode()).as("support on " + endpoint).isIn(200, 404);
            assertThat(get(endpoint, "ann", "a1").statusCode()).as("auditor on " + endpoint).isIn(200, 404);
        }
        for (String audit : List.of("/api/audit/verify",
                "/api/audit/events?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z")) {
            assertThat(get(audit, null, null).statusCode()).as(audit).isEqualTo(401);
            assertThat(get(audit, "sam", "s1").statusCode()).as("support on " + audit).isEqualTo(403);
            assertThat(get(audit, "root", "r1").statusCode()).as("admin on " + audit).isEqualTo(403);
            assertThat(get(audit, "ann", "a1", "*/*").statusCode()).as("auditor on " + audit).isEqualTo(200);
        }
        assertThat(get("/actuator/metrics", "sam", "s1").statusCode()).isEqualTo(403);
        assertThat(get("/actuator/metrics", "ann", "a1").statusCode()).isEqualTo(200);
        assertThat(get("/v3/api-docs", null, null).statusCode()).isEqualTo(401);
        assertThat(get("/v3/api-docs", "sam", "s1").body()).contains("/api/payments/{paymentId}");
    }

    @Test
    void operatorsSeeEachProcessorsLagAndAxonsCountsButNotItsPerMessageTimers() throws Exception {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<String> meters = new ArrayList<>();
            JSON.readTree(get("/actuator/metrics", "ann", "a1").body()).path("names")
                    .forEach(name -> meters.add(name.asText()));
            assertThat(meters)
                    .contains("payment-saga.latency", "till-replies.latency", "read-models.latency",
                            "payment-saga.successCounter", "commandBus.successCounter")
                    .doesNotContain("payment-saga.timer", "payment-saga.capacity", "journal.timer", "journal.capacity",
                            "commandBus.timer", "commandBus.capacity");
        });
    }

    @Test
    void supportReadsWhatHappenedToAPaymentAndWhy() throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> get("/api/payments/" + payment, "sam", "s1").statusCode() == 200);
        JsonNode story = JSON.readTree(get("/api/payments/" + payment, "sam", "s1").body());

        assertThat(story.at("/payment/state").asText()).isEqualTo("DECLINED");
        assertThat(story.at("/payment/maskedPan").asText()).isEqualTo("220012******4321");
        assertThat(story.at("/history/0/type").asText()).isEqualTo("ReservationRequested");
        assertThat(story.at("/history/0/cause/tillMessageId").asText()).isEqualTo("till-msg-42");
        assertThat(story.at("/history/0/data/receipt/total").asLong()).isEqualTo(17_980);
        assertThat(story.at("/history/1/type").asText()).isEqualTo("ReservationDeclined");
        assertThat(story.at("/history/1/data/reason").asText()).isEqualTo("CARD_NOT_SOCIAL");

        JsonNode found = JSON.readTree(get("/api/payments?storeId=" + store + "&cardLast4=4321", "sam", "s1").body());
        assertThat(found.path("total").asLong()).isEqualTo(1);
        assertThat(found.at("/items/0/paymentId").asText()).isEqualTo(payment.toString());

        JsonNode declines = JSON.readTree(get("/api/reports/declines?from=" + Instant.now().minusSeconds(3600)
                + "&to=" + Instant.now().plusSeconds(3600), "ann", "a1").body());
        assertThat(declines.toString()).contains("CARD_NOT_SOCIAL");
        HttpResponse<String> csv = get("/api/reports/settlement?from=" + LocalDate.now().minusDays(1) + "&to="
                + LocalDate.now().plusDays(1), "ann", "a1", "text/csv");
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body()).startsWith("store_id,day,sp_code,");
    }

    @Test
    void mistakesAreProblemDetailsWithASentence() throws Exception {
        HttpResponse<String> unknown = get("/api/payments/" + PaymentId.random(), "sam", "s1");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
        assertThat(JSON.readTree(unknown.body()).path("detail").asText()).contains("is not known");

        HttpResponse<String> bad = get("/api/payments?cardLast4=12", "sam", "s1");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).path("detail").asText()).contains("4 digits");
        assertThat(get("/api/payments/not-a-uuid", "sam", "s1").statusCode()).isEqualTo(400);
        assertThat(JSON.readValue(get("/api/payments?state=NOPE", "sam", "s1").body(), Map.class)).containsKey("detail");
    }

    @Test
    void anAuditorExportsThePeriodAsJsonLinesAndVerifiesTheChain() throws Exception {
        HttpResponse<String> export = get("/api/audit/events?from=" + Instant.now().minusSeconds(3600) + "&to="
                + Instant.now().plusSeconds(60) + "&storeId=" + store, "ann", "a1", "application/x-ndjson");
        assertThat(export.statusCode()).isEqualTo(200);
        List<String> lines = export.body().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(JSON.readTree(lines.get(0)).path("type").asText()).isEqualTo("ReservationRequested");
        assertThat(JSON.readTree(lines.get(0)).at("/metadata/chainHash").asText()).hasSize(64);

        Instant requestedAt = Instant.parse(JSON.readTree(lines.get(0)).path("time").asText());
        JsonNode then = JSON.readTree(get("/api/audit/payments/" + payment + "?at=" + requestedAt, "ann", "a1").body());
        assertThat(then.path("state").asText()).as("as it stood when requested").isEqualTo("REQUESTED");
        JsonNode now = JSON.readTree(get("/api/audit/payments/" + payment + "?at=" + Instant.now(), "ann", "a1").body());
        assertThat(now.path("state").asText()).isEqualTo("DECLINED");
        assertThat(get("/api/audit/payments/" + payment + "?at=" + requestedAt.minusSeconds(1), "ann", "a1")
                .statusCode()).as("before it existed").isEqualTo(404);

        JsonNode verify = JSON.readTree(get("/api/audit/verify", "ann", "a1").body());
        assertThat(verify.path("events").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(verify.path("problems").toString()).doesNotContain(payment.toString());
    }
}
