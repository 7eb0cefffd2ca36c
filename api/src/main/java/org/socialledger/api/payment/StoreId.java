package org.socialledger.api.payment;

/** A store in the retailer's system (the integrator's StoreID, string(128)). */
public record StoreId(String value) {

    public StoreId {
        Text.requireId(value, "store id", 128);
    }

    @Override
    public String toString() {
        return value;
    }
}
