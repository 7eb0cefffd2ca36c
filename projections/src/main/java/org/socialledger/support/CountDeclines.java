package org.socialledger.support;

import java.time.Instant;
import java.util.Objects;

/**
 * How often the service declined, by kind and reason, for declines in {@code [from, to)} (each at
 * its own time). Answered with {@link DeclineCount}s, most frequent first.
 */
public record CountDeclines(Instant from, Instant to) {

    public CountDeclines {
        Objects.requireNonNull(from, "from is required");
        Objects.requireNonNull(to, "to is required");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from " + from + " must be before to " + to);
        }
    }
}
