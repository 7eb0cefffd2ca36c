package org.socialledger.api.payment;

import java.util.List;

/** A refund must list every social line with its full debited amount. */
public final class PartialRefundNotAllowedException extends PaymentRefusedException {

    private final List<SocialLine> expected;
    private final List<SocialLine> given;

    public PartialRefundNotAllowedException(PaymentId paymentId, List<SocialLine> expected, List<SocialLine> given) {
        super(paymentId, "refund of payment " + paymentId + " must return every social line in full: expected "
                + describe(expected) + ", got " + describe(given));
        this.expected = List.copyOf(expected);
        this.given = List.copyOf(given);
    }

    private static String describe(List<SocialLine> lines) {
        StringBuilder text = new StringBuilder("[");
        for (SocialLine line : lines) {
            if (text.length() > 1) {
                text.append(", ");
            }
            text.append("line ").append(line.line()).append(": ").append(line.amount());
        }
        return text.append(']').toString();
    }

    public List<SocialLine> expected() {
        return expected;
    }

    public List<SocialLine> given() {
        return given;
    }

    @Override
    public RefusalCode code() {
        return RefusalCode.PARTIAL_REFUND_NOT_ALLOWED;
    }
}
