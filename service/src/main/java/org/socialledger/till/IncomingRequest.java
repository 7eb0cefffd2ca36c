package org.socialledger.till;

/** A till request as it came off the queue, without AMQP types. */
public record IncomingRequest(String messageId, String correlationId, String replyTo, byte[] body) {

    /** The correlation id a reply carries: the request's, else its message_id. */
    String replyCorrelationId() {
        return correlationId != null && !correlationId.isBlank() ? correlationId : messageId;
    }

    boolean wantsReply() {
        return replyTo != null && !replyTo.isBlank();
    }
}
