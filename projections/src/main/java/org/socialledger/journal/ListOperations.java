package org.socialledger.journal;

import java.time.Instant;
import java.util.Objects;

/**
 * Journal rows last updated in {@code [from, to)}, oldest first, at most {@code limit}.
 */
public record ListOperations(Instant from, Instant to, int limit) {

    public static final int MAX_LIMIT = 1000;

    public ListOperations {
        Objects.requireNonNull(from, "from is required");
        Objects.requireNonNull(to, "to is required");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from " + from + " must be before to " + to);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", got " + limit);
        }
    }
}
