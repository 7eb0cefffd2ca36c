package org.socialledger.api.payment;

/**
 * Metadata keys recording what caused a command and therefore its events (domain.md: "what
 * caused it"). They travel from the command to every event it applies.
 */
public final class Cause {

    /** Who acted: {@link #TILL}, {@link #SAGA}, {@link #DEADLINE} or {@link #OPERATOR}. */
    public static final String KIND = "causeKind";
    /** The till request's AMQP message_id. */
    public static final String TILL_MESSAGE_ID = "tillMessageId";
    /** The till request's AMQP correlation_id (or its message_id when it had none). */
    public static final String TILL_CORRELATION_ID = "tillCorrelationId";
    /** What inside the service acted: a saga step or deadline name. */
    public static final String DETAIL = "causeDetail";

    public static final String TILL = "till";
    public static final String SAGA = "saga";
    public static final String DEADLINE = "deadline";
    public static final String OPERATOR = "operator";

    private Cause() {
    }
}
