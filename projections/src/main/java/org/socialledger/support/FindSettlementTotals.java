package org.socialledger.support;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The settlement report: per store, day and social programme (sp_code), the money that moved on
 * days {@code firstDay..lastDay} (both included) as the stores' clocks in {@code zone} count days.
 * Answered with {@link SettlementTotal}s, ordered by day, store, programme.
 */
public record FindSettlementTotals(LocalDate firstDay, LocalDate lastDay, ZoneId zone) {

    public FindSettlementTotals {
        Objects.requireNonNull(firstDay, "first day is required");
        Objects.requireNonNull(lastDay, "last day is required");
        Objects.requireNonNull(zone, "time zone is required");
        if (lastDay.isBefore(firstDay)) {
            throw new IllegalArgumentException("last day " + lastDay + " is before first day " + firstDay);
        }
    }

    Instant from() {
        return firstDay.atStartOfDay(zone).toInstant();
    }

    Instant until() {
        return lastDay.plusDays(1).atStartOfDay(zone).toInstant();
    }
}
