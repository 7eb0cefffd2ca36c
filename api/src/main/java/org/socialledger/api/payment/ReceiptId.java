package org.socialledger.api.payment;

/** A receipt as the till numbers it; unique within a store. */
public record ReceiptId(String value) {

    public ReceiptId {
        Text.requireId(value, "receipt id", 128);
    }

    @Override
    public String toString() {
        return value;
    }
}
