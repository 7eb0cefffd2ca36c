package org.socialledger.api.payment;

import java.util.Objects;
import java.util.UUID;

/** Identity of one social payment (the aggregate), given to the till as {@code paymentId}. */
public record PaymentId(UUID value) {

    public PaymentId {
        Objects.requireNonNull(value, "payment id is required");
    }

    public static PaymentId of(String value) {
        return new PaymentId(Uuids.parse(value, "payment id"));
    }

    public static PaymentId random() {
        return new PaymentId(UUID.randomUUID());
    }

    /** The plain UUID: Axon uses it as the aggregate identifier in the event store. */
    @Override
    public String toString() {
        return value.toString();
    }
}
