package org.socialledger.api.payment;

import java.math.BigDecimal;

/** How many of a good a receipt line holds: pieces or weight, positive, at most 3 decimals. */
public record Quantity(BigDecimal value) {

    public Quantity {
        if (value == null) {
            throw new IllegalArgumentException("quantity is required");
        }
        if (value.signum() <= 0) {
            throw new IllegalArgumentException("quantity must be positive, got " + value.toPlainString());
        }
        if (value.stripTrailingZeros().scale() > 3) {
            throw new IllegalArgumentException("quantity has more than 3 decimals: " + value.toPlainString());
        }
    }

    public static Quantity of(String value) {
        return new Quantity(new BigDecimal(value));
    }

    @Override
    public String toString() {
        return value.toPlainString();
    }
}
