package org.socialledger.simulator.drill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

/**
 * A till that misbehaves on purpose: it sends whatever bytes it is given, with or without a
 * message_id or a reply_to, and does not wait between requests, so two of them can race.
 */
final class RawTill implements AutoCloseable {

    private final ObjectMapper json = new ObjectMapper();
    private final Channel channel;
    private final String queue;
    private final String replyQueue;
    private final Map<String, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();

    RawTill(Connection connection, String queue) throws IOException {
        this.channel = connection.createChannel();
        this.queue = queue;
        this.replyQueue = channel.queueDeclare("chaos-reply-" + UUID.randomUUID(), false, true, true, null).getQueue();
        channel.basicConsume(replyQueue, true, (tag, delivery) -> {
            CompletableFuture<JsonNode> answer = waiting.remove(delivery.getProperties().getCorrelationId());
            if (answer != null) {
                answer.complete(json.readTree(delivery.getBody()));
            }
        }, tag -> { });
    }

    /** Sends {@code body} under {@code messageId}; the answer arrives on the returned future. */
    CompletableFuture<JsonNode> ask(String messageId, String body) throws IOException {
        String correlationId = UUID.randomUUID().toString();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        waiting.put(correlationId, answer);
        publish(new AMQP.BasicProperties.Builder().messageId(messageId).correlationId(correlationId)
                .replyTo(replyQueue).contentType("application/json").deliveryMode(2).build(),
                body.getBytes(StandardCharsets.UTF_8));
        return answer;
    }

    /** Sends raw bytes; {@code withReply} false leaves reply_to out (nobody to tell: dead-lettered). */
    void send(String messageId, byte[] body, boolean withReply) throws IOException {
        AMQP.BasicProperties.Builder properties = new AMQP.BasicProperties.Builder().messageId(messageId)
                .correlationId(UUID.randomUUID().toString()).contentType("application/json").deliveryMode(2);
        if (withReply) {
            properties.replyTo(replyQueue);
        }
        publish(properties.build(), body);
    }

    private void publish(AMQP.BasicProperties properties, byte[] body) throws IOException {
        synchronized (channel) {
            channel.basicPublish("", queue, properties, body);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } catch (TimeoutException | com.rabbitmq.client.AlreadyClosedException e) {
            // closing anyway
        }
    }
}
