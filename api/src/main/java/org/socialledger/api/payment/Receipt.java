package org.socialledger.api.payment;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The whole receipt at subtotal, as the till sends it with {@code reserve}. */
public record Receipt(ReceiptId id, Money total, List<ReceiptLine> items) {

    public Receipt {
        Objects.requireNonNull(id, "receipt id is required");
        Objects.requireNonNull(total, "receipt total is required");
        if (items == null || items.isEmpty()) {
            throw new IllegalArgumentException("receipt " + id + " has no lines");
        }
        items = List.copyOf(items);
        Set<Integer> seen = new HashSet<>();
        Money sum = Money.ZERO;
        for (ReceiptLine item : items) {
            if (!seen.add(item.line())) {
                throw new IllegalArgumentException("receipt " + id + " has line " + item.line() + " twice");
            }
            sum = sum.plus(item.amount());
        }
        if (!sum.equals(total)) {
            throw new IllegalArgumentException(
                    "receipt " + id + " total is " + total + " but its lines add up to " + sum);
        }
    }

    public Optional<ReceiptLine> line(int line) {
        return items.stream().filter(item -> item.line() == line).findFirst();
    }
}
