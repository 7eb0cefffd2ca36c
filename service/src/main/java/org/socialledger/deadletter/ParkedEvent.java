package org.socialledger.deadletter;

import java.time.Instant;

/**
 * One parked event.
 *
 * @param group      the processing group: {@code read-models} (both read models)
 * @param sequence   what orders its events: the payment id
 * @param index      its place in the parked sequence (events after a failed one wait behind it)
 * @param eventType  the event's simple type name
 * @param cause      the exception's type and message, when this event is the one that failed
 * @param failures   how many times handling it failed: 1 when parked, one more per failed retry
 */
public record ParkedEvent(String group, String sequence, long index, String eventType, Instant eventTime,
                          String causeType, String cause, Instant enqueuedAt, Instant lastTouched, long failures) {
}
