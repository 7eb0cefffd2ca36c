package org.socialledger.till;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.socialledger.testing.TestRabbit;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * A till as pos-protocol.md describes it: persistent JSON requests on the default exchange with
 * a message_id, replies read from its own reply queue. Knows nothing of the service's code.
 */
final class TillClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CachingConnectionFactory connections;
    private final RabbitTemplate rabbit;
    private final String requestQueue;
    private final String replyQueue;
    private final RabbitAdmin admin;

    TillClient(String requestQueue) {
        TestRabbit broker = TestRabbit.instance();
        connections = new CachingConnectionFactory(broker.host(), broker.port());
        connections.setUsername(broker.username());
        connections.setPassword(broker.password());
        rabbit = new RabbitTemplate(connections);
        rabbit.setReplyTimeout(30_000);
        this.requestQueue = requestQueue;
        admin = new RabbitAdmin(connections);
        replyQueue = admin.declareQueue(new Queue(TestRabbit.uniqueQueue("till-replies"), false, false, false));
    }

    String replyQueue() {
        return replyQueue;
    }

    /** Sends a request with a fresh message_id, answered to this till's reply queue. */
    String send(String body) {
        String messageId = UUID.randomUUID().toString();
        send(messageId, body, replyQueue);
        return messageId;
    }

    void send(String messageId, String body, String replyTo) {
        send(messageId, messageId + "-corr", body, replyTo);
    }

    void send(String messageId, String correlationId, String body, String replyTo) {
        MessageProperties properties = new MessageProperties();
        properties.setMessageId(messageId);
        properties.setCorrelationId(correlationId);
        properties.setReplyTo(replyTo);
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        rabbit.send("", requestQueue, new Message(body.getBytes(StandardCharsets.UTF_8), properties));
    }

    /** The next reply on this till's queue. */
    Reply nextReply(Duration timeout) {
        Message message = rabbit.receive(replyQueue, timeout.toMillis());
        if (message == null) {
            throw new AssertionError("no reply within " + timeout);
        }
        return reply(message);
    }

    /** A reply that should not come: null when none arrives within the time. */
    Reply replyIfAny(Duration timeout) {
        Message message = rabbit.receive(replyQueue, timeout.toMillis());
        return message == null ? null : reply(message);
    }

    /** Request/response over RabbitMQ direct reply-to (amq.rabbitmq.reply-to). */
    Reply sendAndReceiveDirect(String body) {
        MessageProperties properties = new MessageProperties();
        properties.setMessageId(UUID.randomUUID().toString());
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        Message answer = rabbit.sendAndReceive("", requestQueue,
                new Message(body.getBytes(StandardCharsets.UTF_8), properties));
        if (answer == null) {
            throw new AssertionError("no direct reply");
        }
        return reply(answer);
    }

    Message receiveRaw(String queue, Duration timeout) {
        return rabbit.receive(queue, timeout.toMillis());
    }

    private static Reply reply(Message message) {
        try {
            return new Reply(message.getMessageProperties().getCorrelationId(),
                    JSON.readTree(message.getBody()));
        } catch (IOException e) {
            throw new AssertionError("reply is not JSON: " + new String(message.getBody(), StandardCharsets.UTF_8));
        }
    }

    record Reply(String correlationId, JsonNode body) {
        String result() {
            return body.path("result").asText();
        }

        String code() {
            return body.path("code").asText();
        }

        String paymentId() {
            return body.path("paymentId").asText();
        }
    }

    @Override
    public void close() {
        admin.deleteQueue(replyQueue);
        connections.destroy();
    }
}
