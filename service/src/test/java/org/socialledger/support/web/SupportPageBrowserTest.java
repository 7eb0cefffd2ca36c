package org.socialledger.support.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIf;
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
import org.socialledger.support.PaymentQueries;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * The support page as support staff use it, in a real headless Chromium against the whole service:
 * sign in, find a store's payments, read one payment's timeline, look at the stuck list.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledIf(value = "chromiumInstalledOrOnCi", disabledReason = "/usr/bin/chromium is missing, so the support page is not"
        + " tested in a browser here (apt-get install -y chromium); with CI=true this test fails instead")
class SupportPageBrowserTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final String store = "PAGE-" + System.nanoTime();
    private ConfigurableApplicationContext ledger;
    private HeadlessChromium chromium;
    private String base;
    private PaymentId declined;
    private PaymentId waiting;

    /** A developer without Chromium sees this test skipped with the reason; CI must run it, so there it fails. */
    static boolean chromiumInstalledOrOnCi() {
        return Files.isExecutable(HeadlessChromium.BINARY) || "true".equals(System.getenv("CI"));
    }

    @BeforeAll
    void start() throws Exception {
        assertThat(HeadlessChromium.BINARY).as("on CI the support page must be tested in Chromium: .ci/run installs"
                + " Debian's chromium package").isExecutable();

        ledger = TestLedger.start(
                "--ledger.security.users[0].name=sam", "--ledger.security.users[0].password={noop}s1",
                "--ledger.security.users[0].roles=SUPPORT");
        base = "http://127.0.0.1:" + ledger.getBean(Environment.class).getProperty("local.server.port");
        CommandGateway commands = ledger.getBean(CommandGateway.class);
        Instant now = Instant.now();
        declined = PaymentId.random();
        OperationId reserve = OperationId.random();
        commands.sendAndWait(reservation(declined, reserve, "R-1", "4321", now));
        commands.sendAndWait(new RecordReservationDecline(declined, reserve, "CARD_NOT_SOCIAL", now.plusSeconds(1)));
        // The service's address answers nothing, so this one waits for it: a payment for the stuck list.
        waiting = PaymentId.random();
        commands.sendAndWait(reservation(waiting, OperationId.random(), "R-2", "8765", now));
        PaymentQueries views = ledger.getBean(PaymentQueries.class);
        await().atMost(PATIENCE).until(() -> views.find(waiting).isPresent()
                && views.find(declined).filter(view -> view.state().isFinal()).isPresent());

        chromium = HeadlessChromium.start();
    }

    private CommandMessage<RequestReservation> reservation(PaymentId payment, OperationId reserve, String receipt,
                                                           String lastFour, Instant at) {
        return GenericCommandMessage.<RequestReservation>asCommandMessage(
                new RequestReservation(payment, reserve, new StoreId(store), new TerminalId(store + "-1"),
                        new Receipt(new ReceiptId(receipt), Money.kopecks(17_980), List.of(new ReceiptLine(1,
                                "4601234567890", "Молоко", Money.kopecks(8_990), Quantity.of("2"),
                                Money.kopecks(17_980), "dairy"))),
                        new Card(new CardHash("9f86d081884c7d659a2feaa0c55ad015"),
                                new MaskedPan("220012******" + lastFour)),
                        new MerchantSettings(1, "http://127.0.0.1:9", 5, 5, 1, 0, "E1", "M1", "SP-FOOD", "T1"), null, at))
                .withMetaData(MetaData.with(Cause.KIND, Cause.TILL).and(Cause.TILL_MESSAGE_ID, "till-msg-" + receipt));
    }

    @AfterAll
    void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (ledger != null) {
            ledger.close();
        }
    }

    @Test
    void theStaticPageIsOpenAndThePagesUnauthorizedAnswersRaiseNoBrowserDialog() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/support/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("app.js");

        HttpResponse<String> fromThePage = http.send(HttpRequest.newBuilder(URI.create(base + "/api/payments"))
                .header("X-Requested-With", "XMLHttpRequest").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(fromThePage.statusCode()).isEqualTo(401);
        assertThat(fromThePage.headers().firstValue("WWW-Authenticate")).isEmpty();
        HttpResponse<String> fromCurl = http.send(HttpRequest.newBuilder(URI.create(base + "/api/payments")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(fromCurl.statusCode()).isEqualTo(401);
        assertThat(fromCurl.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Basic"));
    }

    @Test
    void supportSignsInFindsAStoresPaymentsReadsATimelineAndSeesWhatIsStuck() throws Exception {
        chromium.navigate(base + "/support");
        chromium.waitUntil("the page's script", "document.body && document.body.dataset.ready === 'true'", PATIENCE);
        assertThat(chromium.evaluate("location.pathname").asText()).isEqualTo("/support/");

        signIn("sam", "wrong");
        chromium.waitForText("Not signed in", PATIENCE);

        signIn("sam", "s1");
        chromium.waitUntil("the search form", "!document.querySelector('#search-view').hidden", PATIENCE);
        chromium.evaluate("document.querySelector('#f-store').value = " + HeadlessChromium.quote(store) + ";"
                + "document.querySelector('#search-form').requestSubmit()");
        chromium.waitForText("2 payments found", PATIENCE);
        assertThat(chromium.evaluate("document.querySelector('#payments tbody').innerText").asText())
                .contains("R-1", "R-2", "220012******4321", "DECLINED", "179.80", "CARD_NOT_SOCIAL")
                .doesNotContain("NaN");
        chromium.screenshot(Path.of("target", "support-page", "search.png"));

        chromium.evaluate("document.querySelector('tr[data-payment-id=\"" + declined + "\"]').click()");
        chromium.waitForText("ReservationDeclined", PATIENCE);
        String timeline = chromium.evaluate("document.querySelector('#timeline tbody').innerText").asText();
        assertThat(timeline).contains("ReservationRequested", "till message till-msg-R-1", "CARD_NOT_SOCIAL");
        assertThat(timeline.indexOf("ReservationRequested")).isLessThan(timeline.indexOf("ReservationDeclined"));
        assertThat(chromium.evaluate("document.querySelector('#payment-id').innerText").asText())
                .isEqualTo(declined.toString());
        assertThat(chromium.evaluate("document.querySelector('#payment-summary').innerText").asText())
                .contains("DECLINED", "220012******4321", "179.80");
        chromium.screenshot(Path.of("target", "support-page", "payment.png"));

        chromium.evaluate("document.querySelector('nav button[data-view=\"stuck-view\"]').click()");
        chromium.evaluate("document.querySelector('#stuck-minutes').value = '0';"
                + "document.querySelector('#stuck-form').requestSubmit()");
        chromium.waitUntil("the waiting payment in the stuck list",
                "document.querySelector('#stuck tr[data-payment-id=\"" + waiting + "\"]')", PATIENCE);
        assertThat(chromium.evaluate("document.querySelector('#stuck tbody').innerText").asText())
                .contains(store, "R-2", "220012******8765");
        // Other tests' payments share this database; the declined one of ours is final, never stuck.
        assertThat(chromium.evaluate("document.querySelector('#stuck tr[data-payment-id=\"" + declined + "\"]') === null")
                .asBoolean()).isTrue();
        chromium.screenshot(Path.of("target", "support-page", "stuck.png"));

        chromium.evaluate("document.querySelector('nav button[data-view=\"declines-view\"]').click()");
        chromium.waitUntil("the declines list", "document.querySelector('#declines tbody').innerText"
                + ".includes('CARD_NOT_SOCIAL')", PATIENCE);
    }

    private void signIn(String user, String password) {
        chromium.evaluate("document.querySelector('#login-user').value = " + HeadlessChromium.quote(user) + ";"
                + "document.querySelector('#login-password').value = " + HeadlessChromium.quote(password) + ";"
                + "document.querySelector('#login-form').requestSubmit()");
    }
}
