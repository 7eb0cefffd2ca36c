package org.socialledger.api.payment;

/**
 * The social processing service answered something that breaks the receipt's arithmetic (a
 * social line not on the receipt, more than the line costs, a total that does not add up). The
 * answer is not recorded; the saga cancels the reservation instead of trusting it.
 */
public final class InvalidServiceAnswerException extends PaymentRefusedException {

    private final String problem;

    public InvalidServiceAnswerException(PaymentId paymentId, String problem) {
        super(paymentId, "the service's answer for payment " + paymentId + " is inconsistent: " + problem);
        this.problem = problem;
    }

    public String problem() {
        return problem;
    }

    @Override
    public RefusalCode code() {
        return RefusalCode.INVALID_SERVICE_ANSWER;
    }
}
