package org.socialledger.simulator.drill;

import java.util.List;

/**
 * One drill's outcome after the invariant check.
 *
 * @param faults     faults injected (kills, restarts, bank faults that fired, malformed messages)
 * @param recovered  faults after which the service answered again
 * @param lost       money or answers that went missing: card totals that differ, money still held,
 *                   payments stuck outside their window, till requests never answered
 * @param doubled    bank operations applied twice, reservations debited twice, receipts reserved twice
 * @param recoverMs  the longest time from a fault until the service answered a till again; -1 if never
 * @param problems   every finding, one sentence each (empty when the drill passed)
 */
public record Verdict(String drill, int payments, long faults, long recovered, long lost, long doubled, long recoverMs,
               double seconds, List<String> problems) {

    public boolean passed() {
        return problems.isEmpty() && lost == 0 && doubled == 0 && recovered == faults;
    }

    public String line() {
        return "%-16s %s payments=%d faults=%d recovered=%d lost=%d doubled=%d recover=%s took=%.0fs problems=%d"
                .formatted(drill, passed() ? "PASS" : "FAIL", payments, faults, recovered, lost, doubled,
                        recoverMs < 0 ? "n/a" : "%.1fs".formatted(recoverMs / 1000.0), seconds, problems.size());
    }
}
