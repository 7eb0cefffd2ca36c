package org.socialledger.simulator.till;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Connection;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;

/**
 * After a run: the service's records (asked payment by payment with {@code status}, as a till
 * would) against the social processing service's ledger ({@code GET /admin/ledger}), per card
 * and in total: debited − reversed − refunded must be equal, nothing may stay held, no operation
 * may have been applied twice, and every payment must be in the state its scenario ends in.
 */
public final class Reconciliation {

    public record Report(List<String> differences, long serviceNet, long bankNet, int payments) {
        public boolean ok() {
            return differences.isEmpty();
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    /** Wall-clock deadlines for waiting; a tool, not a ledger, but still one place that reads time. */
    private final Clock clock = Clock.systemUTC();
    private final Connection connection;
    private final String queue;
    private final String bankUrl;

    public Reconciliation(Connection connection, String queue, String bankUrl) {
        this.connection = connection;
        this.queue = queue;
        this.bankUrl = bankUrl;
    }

    /** Waits (up to {@code settle}) for payments to reach their final state, then compares. */
    public Report reconcile(List<FleetResult.Payment> payments, Duration settle) throws IOException, InterruptedException {
        List<String> differences = new ArrayList<>();
        Map<String, Long> serviceNet = new TreeMap<>();
        Instant deadline = clock.instant().plus(settle);
        try (TillChannel till = new TillChannel(connection, queue)) {
            for (FleetResult.Payment payment : payments) {
                if (payment.paymentId().isEmpty()) {
                    continue;
                }
                JsonNode status = status(till, payment.paymentId());
                while (!payment.expectedState().equals(status.path("state").asText()) && clock.instant().isBefore(deadline)) {
                    Thread.sleep(1_000);
                    status = status(till, payment.paymentId());
                }
                if (!payment.expectedState().equals(status.path("state").asText())) {
                    differences.add("payment " + payment.paymentId() + " (" + payment.scenario() + ") is "
                            + status.path("state").asText() + ", expected " + payment.expectedState());
                }
                serviceNet.merge(payment.cardHash(), status.path("debitedAmount").asLong()
                        - status.path("refundedAmount").asLong(), Long::sum);
            }
        } catch (TimeoutException e) {
            differences.add("the service did not answer status: " + e.getMessage());
        }

        JsonNode ledger = bankLedger();
        long bankTotal = 0;
        for (JsonNode card : ledger.path("cards")) {
            String hash = card.path("cardHash").asText();
            long bank = card.path("spent").asLong() - card.path("refunded").asLong();
            bankTotal += bank;
            long service = serviceNet.getOrDefault(hash, 0L);
            if (bank != service) {
                differences.add("card " + hash + ": the service recorded " + service + " kop net, the bank " + bank);
            }
            if (card.path("held").asLong() != 0) {
                differences.add("card " + hash + ": " + card.path("held").asLong() + " kop still held at the bank");
            }
            if (card.path("available").asLong() < 0) {
                differences.add("card " + hash + ": negative available " + card.path("available").asLong());
            }
        }
        long serviceTotal = serviceNet.values().stream().mapToLong(Long::longValue).sum();
        if (serviceTotal != bankTotal) {
            differences.add("total: the service " + serviceTotal + " kop, the bank " + bankTotal);
        }
        return new Report(differences, serviceTotal, bankTotal, payments.size());
    }

    private JsonNode status(TillChannel till, String paymentId) throws IOException, TimeoutException {
        return till.ask("{\"operation\": \"status\", \"paymentId\": \"" + paymentId + "\"}", Duration.ofSeconds(30));
    }

    private JsonNode bankLedger() throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(bankUrl + "/admin/ledger")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return json.readTree(response.body());
    }
}
