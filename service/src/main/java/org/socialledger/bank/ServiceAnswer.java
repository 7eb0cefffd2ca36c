package org.socialledger.bank;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.socialledger.api.payment.Money;
import org.socialledger.api.payment.SocialLine;

/** What the service said about one operation, or that nobody knows yet. */
public sealed interface ServiceAnswer {

    /** Whether this answer settles the operation (the saga stops asking about it). */
    default boolean isKnown() {
        return !(this instanceof Processing || this instanceof Unknown || this instanceof NotFound);
    }

    record Reserved(String reservationId, List<SocialLine> items, Money amount, Instant expiresAt,
                    Map<String, String> data) implements ServiceAnswer {
    }

    record Debited(Money amount, Map<String, String> data) implements ServiceAnswer {
    }

    record Cancelled(Map<String, String> data) implements ServiceAnswer {
    }

    record Refunded(Money amount, Map<String, String> data) implements ServiceAnswer {
    }

    record Declined(String reason) implements ServiceAnswer {
    }

    /** The service took the operation and has not decided yet. */
    record Processing() implements ServiceAnswer {
    }

    /** {@code GET /operations/{id}} answered 404: the service never received the operation. */
    record NotFound() implements ServiceAnswer {
    }

    /** Timeout, 5xx, connection reset, circuit open, bulkhead full, an answer we cannot read. */
    record Unknown(String why) implements ServiceAnswer {
    }
}
