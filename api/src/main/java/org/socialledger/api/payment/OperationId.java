package org.socialledger.api.payment;

import java.util.Objects;
import java.util.UUID;

/**
 * Identity of one operation sent to the social processing service (reserve, debit, cancel,
 * refund). Chosen by us before the call and reused on every retry of it, so the service applies
 * it at most once.
 */
public record OperationId(UUID value) {

    public OperationId {
        Objects.requireNonNull(value, "operation id is required");
    }

    public static OperationId of(String value) {
        return new OperationId(Uuids.parse(value, "operation id"));
    }

    public static OperationId random() {
        return new OperationId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
