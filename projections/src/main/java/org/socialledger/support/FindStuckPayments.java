package org.socialledger.support;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Payments a person should look at: waiting for the service or the till (REQUESTED, RESERVED,
 * CONFIRMED, CANCELLING, REFUNDING) with no change for longer than {@code olderThan} before
 * {@code now}, and every CANCEL_EXPIRED payment. {@code now} is a parameter, not the clock, so the
 * answer is reproducible. Oldest change first, at most {@code limit}.
 */
public record FindStuckPayments(Instant now, Duration olderThan, int limit) {

    public static final int MAX_LIMIT = 1000;

    public FindStuckPayments {
        Objects.requireNonNull(now, "now is required");
        Objects.requireNonNull(olderThan, "olderThan is required");
        if (olderThan.isNegative()) {
            throw new IllegalArgumentException("olderThan cannot be negative, got " + olderThan);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", got " + limit);
        }
    }

    /** Payments in a waiting state whose last change is before this. */
    public Instant unchangedSince() {
        return now.minus(olderThan);
    }
}
