package org.socialledger.bank;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socialledger.api.payment.Card;
import org.socialledger.api.payment.CardHash;
import org.socialledger.api.payment.MaskedPan;
import org.socialledger.api.payment.MerchantSettings;
import org.socialledger.api.payment.Money;
import org.socialledger.api.payment.OperationId;
import org.socialledger.api.payment.Quantity;
import org.socialledger.api.payment.ReceiptId;
import org.socialledger.api.payment.ReceiptLine;
import org.socialledger.api.payment.SocialLine;

/** bank-api.md on the wire, against a scripted HTTP server (WireMock). */
class HttpSocialProcessingClientTest {

    private final WireMockServer service = new WireMockServer(wireMockConfig().dynamicPort());
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(2);
    private final ExecutorService answers = Executors.newFixedThreadPool(2,
            runnable -> new Thread(runnable, "test-answers"));
    private final OperationId operation = OperationId.random();
    private final OperationId reservation = OperationId.random();
    private SocialProcessingService client;
    private MerchantResilience resilience;

    @BeforeEach
    void start() {
        service.start();
        useResilience(new BankSettings(2, 50, 4, Duration.ofSeconds(1), 2, Duration.ofMillis(50), 2));
    }

    private void useResilience(BankSettings settings) {
        resilience = new MerchantResilience(settings, timers);
        client = new HttpSocialProcessingClient(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
                resilience, answers);
    }

    @AfterEach
    void stop() {
        service.stop();
        timers.shutdownNow();
        answers.shutdownNow();
    }

    private MerchantSettings merchant(WireMockServer server, int timeoutSeconds) {
        return new MerchantSettings(1, server.baseUrl() + "/", 5, 5, timeoutSeconds, 0, "E1", "M1", "SP-FOOD", "T0003");
    }

    private ReserveCall reserveCall() {
        return new ReserveCall(operation, new ReceiptId("S001-03-000123"),
                new Card(new CardHash("9f86d081884c7d659a2feaa0c55ad015"), new MaskedPan("220012******1234")),
                List.of(new ReceiptLine(1, "4601234567890", "Молоко", Money.kopecks(8_990), Quantity.of("2"),
                        Money.kopecks(17_980), "dairy")), Money.kopecks(17_980), 300);
    }

    private ServiceAnswer await(CompletableFuture<ServiceAnswer> answer) throws Exception {
        return answer.get(20, TimeUnit.SECONDS);
    }

    @Test
    void aReservationIsSentAsTheContractSaysAndItsAnswerRead() throws Exception {
        service.stubFor(post("/reserve").willReturn(okJson("""
                {"operationId": "%s", "status": "RESERVED", "reservationId": "R-9", "items": [{"line": 1, "amount": 17980}],
                 "amount": 17980, "expiresAt": "2026-11-28T10:05:00Z", "rrn": "000123"}""".formatted(operation))));

        ServiceAnswer answer = await(client.reserve(merchant(service, 5), reserveCall()));

        assertThat(answer).isEqualTo(new ServiceAnswer.Reserved("R-9", List.of(new SocialLine(1, Money.kopecks(17_980))),
                Money.kopecks(17_980), Instant.parse("2026-11-28T10:05:00Z"),
                java.util.Map.of("reservationId", "R-9", "expiresAt", "2026-11-28T10:05:00Z", "rrn", "000123")));
        service.verify(postRequestedFor(urlEqualTo("/reserve"))
                .withHeader("X-Request-Id", equalTo(operation.toString()))
                .withRequestBody(equalToJson("""
                        {"operationId": "%s", "enterpriseId": "E1", "merchantId": "M1", "spCode": "SP-FOOD",
                         "terminalNo": "T0003", "receiptId": "S001-03-000123",
                         "card": {"hash": "9f86d081884c7d659a2feaa0c55ad015", "maskedPan": "220012******1234"},
                         "items": [{"line": 1, "code": "4601234567890", "name": "Молоко", "price": 8990, "quantity": 2,
                                    "amount": 17980, "category": "dairy"}],
                         "total": 17980, "ttlSeconds": 300}""".formatted(operation))));
    }

    @Test
    void whatFollowsAnAnswerRunsOnTheAnswerThreadsNotOnANewThreadPerAnswer() throws Exception {
        service.stubFor(post("/reserve").willReturn(okJson("{\"status\": \"DECLINED\", \"reason\": \"LIMIT\"}")));
        CountDownLatch release = new CountDownLatch(1);
        // Registered before the answer can arrive: the dependent action runs where the answer is completed.
        answers.execute(() -> awaitQuietly(release));
        answers.execute(() -> awaitQuietly(release));
        CompletableFuture<String> thread = client.reserve(merchant(service, 5), reserveCall())
                .thenApply(answer -> Thread.currentThread().getName());
        release.countDown();

        assertThat(thread.get(20, TimeUnit.SECONDS)).isEqualTo("test-answers");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void everyStatusOfEveryCall() throws Exception {
        MerchantSettings merchant = merchant(service, 5);
        service.stubFor(post("/debit").willReturn(okJson("{\"status\": \"DEBITED\", \"amount\": 17980}")));
        service.stubFor(post("/cancel").willReturn(okJson("{\"status\": \"CANCELLED\"}")));
        service.stubFor(post("/refund").willReturn(okJson("{\"status\": \"DECLINED\", \"reason\": \"NOT_DEBITED\"}")));
        service.stubFor(get("/operations/" + operation).willReturn(okJson("{\"status\": \"PROCESSING\", \"type\": \"debit\"}")));

        assertThat(await(client.debit(merchant, new DebitCall(operation, reservation, Money.kopecks(17_980)))))
                .isEqualTo(new ServiceAnswer.Debited(Money.kopecks(17_980), java.util.Map.of()));
        assertThat(await(client.cancel(merchant, new CancelCall(operation, reservation, "BUYER"))))
                .isEqualTo(new ServiceAnswer.Cancelled(java.util.Map.of()));
        assertThat(await(client.refund(merchant, new RefundCall(operation, reservation, "RR-1", Money.kopecks(17_980),
                List.of(new SocialLine(1, Money.kopecks(17_980)))))))
                .isEqualTo(new ServiceAnswer.Declined("NOT_DEBITED"));
        assertThat(await(client.operation(merchant, operation))).isEqualTo(new ServiceAnswer.Processing());
        service.verify(postRequestedFor(urlEqualTo("/debit"))
                .withRequestBody(matchingJsonPath("$.reserveOperationId", equalTo(reservation.toString())))
                .withRequestBody(matchingJsonPath("$.amount", equalTo("17980"))));
        service.verify(postRequestedFor(urlEqualTo("/refund"))
                .withRequestBody(matchingJsonPath("$.items[0].line", equalTo("1"))));
    }

    @Test
    void whatIsNotAClearAnswerIsUnknownAndA404OnStatusIsNotFound() throws Exception {
        MerchantSettings merchant = merchant(service, 1);
        service.stubFor(post("/debit").willReturn(aResponse().withStatus(500)));
        service.stubFor(post("/cancel").willReturn(aResponse().withFixedDelay(2_500).withBody("{}")));
        service.stubFor(post("/refund").willReturn(aResponse().withStatus(409).withBody("{\"error\": \"CONFLICT\"}")));
        service.stubFor(get("/operations/" + operation).willReturn(aResponse().withStatus(404)
                .withBody("{\"error\": \"UNKNOWN_OPERATION\"}")));

        assertThat(await(client.debit(merchant, new DebitCall(operation, reservation, Money.kopecks(1)))))
                .isEqualTo(new ServiceAnswer.Unknown("HTTP 500"));
        assertThat(await(client.cancel(merchant, new CancelCall(operation, reservation, "X"))))
                .isEqualTo(new ServiceAnswer.Unknown("timeout"));
        assertThat(await(client.refund(merchant, new RefundCall(operation, reservation, "RR", Money.kopecks(1),
                List.of())))).isEqualTo(new ServiceAnswer.Unknown("conflict"));
        assertThat(await(client.operation(merchant, operation))).isEqualTo(new ServiceAnswer.NotFound());
        // A 500 may have been applied: it is asked about, not sent again.
        service.verify(1, postRequestedFor(urlEqualTo("/debit")));
    }

    @Test
    void aConnectionResetIsUnknown() throws Exception {
        service.stubFor(post("/debit").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        ServiceAnswer answer = await(client.debit(merchant(service, 5), new DebitCall(operation, reservation,
                Money.kopecks(1))));
        assertThat(answer).isInstanceOf(ServiceAnswer.Unknown.class);
    }

    @Test
    void aCallTheServiceDidNotTakeIsRetriedWithTheSameOperationId() throws Exception {
        service.stubFor(post("/debit").inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("free"));
        service.stubFor(post("/debit").inScenario("busy").whenScenarioStateIs("free")
                .willReturn(okJson("{\"status\": \"DEBITED\", \"amount\": 100}")));

        ServiceAnswer answer = await(client.debit(merchant(service, 5), new DebitCall(operation, reservation,
                Money.kopecks(100))));

        assertThat(answer).isEqualTo(new ServiceAnswer.Debited(Money.kopecks(100), java.util.Map.of()));
        service.verify(2, postRequestedFor(urlEqualTo("/debit")).withHeader("X-Request-Id",
                equalTo(operation.toString())));
    }

    @Test
    void theCircuitOpensOnADeadServiceAndClosesWhenItRecovers() throws Exception {
        MerchantSettings merchant = merchant(service, 5);
        service.stubFor(get("/operations/" + operation).willReturn(aResponse().withStatus(500)));
        for (int i = 0; i < 4; i++) {
            assertThat(await(client.operation(merchant, operation))).isEqualTo(new ServiceAnswer.Unknown("HTTP 500"));
        }
        assertThat(await(client.operation(merchant, operation))).isEqualTo(new ServiceAnswer.Unknown("circuit open"));
        service.verify(4, com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlEqualTo("/operations/" + operation)));

        service.stubFor(get("/operations/" + operation).willReturn(okJson("{\"status\": \"CANCELLED\"}")));
        Thread.sleep(1_200);
        for (int i = 0; i < 3; i++) {
            assertThat(await(client.operation(merchant, operation))).isEqualTo(new ServiceAnswer.Cancelled(java.util.Map.of()));
        }
        assertThat(resilience.circuitBreakers().circuitBreaker(MerchantResilience.name(merchant.url())).getState())
                .isEqualTo(io.github.resilience4j.circuitbreaker.CircuitBreaker.State.CLOSED);
    }

    @Test
    void aSlowMerchantFillsOnlyItsOwnBulkhead() throws Exception {
        WireMockServer fast = new WireMockServer(wireMockConfig().dynamicPort());
        fast.start();
        try {
            service.stubFor(post("/debit").willReturn(okJson("{\"status\": \"DEBITED\", \"amount\": 1}")
                    .withFixedDelay(1_500)));
            fast.stubFor(post("/debit").willReturn(okJson("{\"status\": \"DEBITED\", \"amount\": 1}")));
            MerchantSettings slowMerchant = merchant(service, 5);
            MerchantSettings fastMerchant = merchant(fast, 5);

            List<CompletableFuture<ServiceAnswer>> slowCalls = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                slowCalls.add(client.debit(slowMerchant, new DebitCall(OperationId.random(), reservation,
                        Money.kopecks(1))));
            }
            ServiceAnswer fastAnswer = await(client.debit(fastMerchant, new DebitCall(operation, reservation,
                    Money.kopecks(1))));

            assertThat(fastAnswer).isInstanceOf(ServiceAnswer.Debited.class);
            assertThat(slowCalls).as("the other merchant was answered while these still wait")
                    .filteredOn(call -> !call.isDone()).hasSize(2);
            List<ServiceAnswer> slowAnswers = new ArrayList<>();
            for (CompletableFuture<ServiceAnswer> call : slowCalls) {
                slowAnswers.add(await(call));
            }
            assertThat(slowAnswers).filteredOn(answer -> answer instanceof ServiceAnswer.Debited).hasSize(2);
            assertThat(slowAnswers).contains(new ServiceAnswer.Unknown("bulkhead full"));
        } finally {
            fast.stop();
        }
    }
}
