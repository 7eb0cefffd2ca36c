package org.socialledger.simulator.bank;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What goes wrong with one kind of call (reserve, debit, cancel, refund, status), set at run
 * time. Rates are probabilities 0..1 drawn per call.
 *
 * @param latencyMs        fixed delay before answering
 * @param jitterMs         extra random delay, 0..jitterMs
 * @param errorRate        answer 500 or 503 without applying the call
 * @param hangRate         sleep {@code hangSeconds} (past the client's timeout), then apply and answer
 * @param processingRate   apply, answer PROCESSING, and keep saying so for {@code processingPolls} status requests
 * @param resetRate        close the connection without an answer, without applying
 * @param loseAnswerRate   apply, then answer 500: the change happened, the caller does not know
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Faults(long latencyMs, long jitterMs, double errorRate, double hangRate, long hangSeconds,
                     double processingRate, int processingPolls, double resetRate, double loseAnswerRate) {

    public static final Faults NONE = new Faults(0, 0, 0, 0, 0, 0, 0, 0, 0);

    public static Faults latency(long latencyMs) {
        return new Faults(latencyMs, 0, 0, 0, 0, 0, 0, 0, 0);
    }
}
