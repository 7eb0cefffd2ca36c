package org.socialledger.simulator.till;

import java.util.List;
import java.util.Map;

/**
 * What a fleet run did: every payment with the card it used and the state it should end in,
 * outcomes, mismatches between replies and the service's rules, latencies, throughput.
 */
public record FleetResult(List<Payment> payments, Map<String, Integer> outcomes, List<String> mismatches,
                          List<Latencies.Summary> latencies, double seconds, int completed,
                          long resends) {

    /** One receipt's payment as the till knows it. */
    public record Payment(String paymentId, String cardHash, Scenario scenario, String expectedState) {
    }

    public double paymentsPerSecond() {
        return seconds > 0 ? completed / seconds : 0;
    }
}
