package org.socialledger.api.payment;

/** An amount differs from the one the payment holds (a debit must equal the reserved amount). */
public final class AmountMismatchException extends PaymentRefusedException {

    private final Money expected;
    private final Money given;

    public AmountMismatchException(PaymentId paymentId, String what, Money expected, Money given) {
        super(paymentId, what + " of payment " + paymentId + " must be " + expected + ", got " + given);
        this.expected = expected;
        this.given = given;
    }

    public Money expected() {
        return expected;
    }

    public Money given() {
        return given;
    }

    @Override
    public RefusalCode code() {
        return RefusalCode.AMOUNT_MISMATCH;
    }
}
