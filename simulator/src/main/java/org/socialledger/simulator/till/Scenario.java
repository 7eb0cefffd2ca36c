package org.socialledger.simulator.till;

/** The shapes of a shop day a till simulator plays, and the state each payment must end in. */
public enum Scenario {
    /** Only social goods, paid in full from the social account. */
    FULL_SOCIAL("DEBITED"),
    /** Social and other goods: the remainder is paid otherwise; sometimes the card runs short. */
    PARTIAL("DEBITED"),
    /** A card that is not social, or unknown to the service. */
    DECLINED_CARD("DECLINED"),
    /** The buyer says no after seeing the social amount. */
    BUYER_DECLINES("CANCELLED"),
    /** Nobody debits: the service must cancel it when qrTtl passes. */
    ABANDONED("CANCELLED"),
    /** The receipt is voided after the debit: a reversal. */
    VOIDED("CANCELLED"),
    /** Debited, then all social goods returned. */
    REFUND("REFUNDED"),
    /** Debited, then a partial return is attempted (and refused). */
    PARTIAL_REFUND("DEBITED"),
    /** The till sends its reserve twice with the same message_id. */
    DUPLICATE("DEBITED"),
    /** Debited, then the till asks for the status. */
    STATUS("DEBITED");

    private final String finalState;

    Scenario(String finalState) {
        this.finalState = finalState;
    }

    public String finalState() {
        return finalState;
    }
}
