package org.socialledger.api.payment;

import java.util.Objects;

/**
 * One line of the till's receipt, social or not: the service decides which lines are social.
 * {@code amount} is what the line costs after discounts, so it need not equal price x quantity.
 */
public record ReceiptLine(int line, String code, String name, Money price, Quantity quantity, Money amount,
                          String category) {

    public ReceiptLine {
        if (line < 1) {
            throw new IllegalArgumentException("receipt line number must be 1 or more, got " + line);
        }
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("receipt line " + line + " has no goods code");
        }
        Objects.requireNonNull(name, () -> "receipt line " + line + " has no name");
        Objects.requireNonNull(price, () -> "receipt line " + line + " has no price");
        Objects.requireNonNull(quantity, () -> "receipt line " + line + " has no quantity");
        Objects.requireNonNull(amount, () -> "receipt line " + line + " has no amount");
    }
}
