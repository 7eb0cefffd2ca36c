package org.socialledger.api.payment;

/**
 * Where the till waits for the answer: the AMQP {@code reply_to} queue and the correlation id
 * to echo. Kept in the intent events so that any instance can answer, even after a restart.
 */
public record ReplyAddress(String replyTo, String correlationId) {

    public ReplyAddress {
        Text.requireId(replyTo, "reply_to", 255);
        Text.requireId(correlationId, "correlation id", 255);
    }
}
