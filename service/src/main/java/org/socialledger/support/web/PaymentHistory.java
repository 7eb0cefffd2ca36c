package org.socialledger.support.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.socialledger.support.PaymentView;

/** One payment as support sees it: where it stands, and every event that brought it there. */
public record PaymentHistory(PaymentView payment, List<Entry> history) {

    /**
     * One event: its place in the payment's history and in the store, when, what caused it (the
     * till's message, or the saga / deadline step), and its data as stored.
     */
    public record Entry(long sequence, long globalIndex, String type, Instant time, Cause cause, JsonNode data) {
    }

    public record Cause(String kind, String tillMessageId, String tillCorrelationId, String detail) {
    }
}
