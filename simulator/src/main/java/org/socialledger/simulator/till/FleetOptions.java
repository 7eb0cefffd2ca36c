package org.socialledger.simulator.till;

import java.time.Duration;
import java.util.Map;

/**
 * How the fleet runs: {@code payments} receipts over {@code tills} tills in {@code stores} stores,
 * started at most {@code rate} per second (0: as fast as the tills go), scenarios drawn by weight.
 */
public record FleetOptions(int tills, int stores, int payments, double rate, Map<Scenario, Integer> mix,
                           Duration replyTimeout, long seed) {

    public static Map<Scenario, Integer> everyScenario() {
        return Map.of(Scenario.FULL_SOCIAL, 30, Scenario.PARTIAL, 20, Scenario.DECLINED_CARD, 8,
                Scenario.BUYER_DECLINES, 8, Scenario.ABANDONED, 5, Scenario.VOIDED, 6, Scenario.REFUND, 8,
                Scenario.PARTIAL_REFUND, 5, Scenario.DUPLICATE, 5, Scenario.STATUS, 5);
    }

    public static String storeId(int store) {
        return "SIM-S%03d".formatted(store);
    }

    public static String terminalId(int store, int till) {
        return storeId(store) + "-POS-%02d".formatted(till);
    }
}
