package org.socialledger.api.payment;

/** A till in the retailer's system (the integrator's TerminalID, string(128)). */
public record TerminalId(String value) {

    public TerminalId {
        Text.requireId(value, "terminal id", 128);
    }

    @Override
    public String toString() {
        return value;
    }
}
