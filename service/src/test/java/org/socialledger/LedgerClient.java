package org.socialledger;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
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
import org.socialledger.api.payment.StoreId;
import org.socialledger.api.payment.TerminalId;
import org.socialledger.api.payment.command.RecordReservationDecline;
import org.socialledger.api.payment.command.RequestReservation;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/** A running ledger as tests drive it: payments by command, the HTTP API as a user. */
public final class LedgerClient {

    /** Users every test application started with {@link #USERS} knows. */
    public static final String[] USERS = {
        "--ledger.security.users[0].name=sam", "--ledger.security.users[0].password={noop}s1",
        "--ledger.security.users[0].roles=SUPPORT",
        "--ledger.security.users[1].name=ann", "--ledger.security.users[1].password={noop}a1",
        "--ledger.security.users[1].roles=AUDITOR",
        "--ledger.security.users[2].name=root", "--ledger.security.users[2].password={noop}r1",
        "--ledger.security.users[2].roles=ADMIN"};

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final CommandGateway commands;

    public LedgerClient(ConfigurableApplicationContext ledger) {
        this.base = "http://127.0.0.1:" + ledger.getBean(Environment.class).getProperty("local.server.port");
        this.commands = ledger.getBean(CommandGateway.class);
    }

    /** A payment asked for at a till (its bank is unreachable: the test records the answers itself). */
    public OperationId request(PaymentId payment, String store) {
        OperationId reserve = OperationId.random();
        commands.sendAndWait(new RequestReservation(payment, reserve, new StoreId(store), new TerminalId(store + "-1"),
                new Receipt(new ReceiptId("R-" + payment), Money.kopecks(17_980), List.of(new ReceiptLine(1,
                        "4601234567890", "Молоко", Money.kopecks(8_990), Quantity.of("2"), Money.kopecks(17_980), "dairy"))),
                new Card(new CardHash("9f86d081884c7d659a2feaa0c55ad015"), new MaskedPan("220012******4321")),
                new MerchantSettings(1, "http://127.0.0.1:9", 5, 5, 1, 0, "E1", "M1", "SP-FOOD", "T1"), null,
                Instant.now()));
        return reserve;
    }

    /** A payment that ends declined: final, so its saga ends and nothing more happens to it. */
    public PaymentId declined(String store) {
        PaymentId payment = PaymentId.random();
        OperationId reserve = request(payment, store);
        commands.sendAndWait(new RecordReservationDecline(payment, reserve, "CARD_NOT_SOCIAL", Instant.now()));
        return payment;
    }

    public CommandGateway commands() {
        return commands;
    }

    public HttpResponse<String> send(String method, String path, String user, String password) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "*/*")
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
