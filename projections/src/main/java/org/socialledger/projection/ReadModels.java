package org.socialledger.projection;

/**
 * The one processing group of both read models, the operations journal and the payment view.
 *
 * <p>One processor reads each event once, hands it to both handlers and commits both tables' writes
 * with its token in one transaction. Until 2026-12 each read model had a processor of its own
 * ({@code journal}, {@code payment-view}) that fetched, tracked and committed the same events: the
 * second processor cost an event read, a token update and a transaction per batch (BENCHMARKS.md).
 * A payment whose event fails in either handler is parked for both, so the two tables never
 * disagree about which payments they hold whole.
 */
public final class ReadModels {

    public static final String PROCESSING_GROUP = "read-models";

    private ReadModels() {
    }
}
