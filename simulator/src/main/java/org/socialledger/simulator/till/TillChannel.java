package org.socialledger.simulator.till;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One till's line to the service: persistent JSON requests on the default exchange with a
 * message_id, answers on the till's own reply queue matched by correlation id.
 */
final class TillChannel implements AutoCloseable {

    private final ObjectMapper json = new ObjectMapper();
    private final Channel channel;
    private final String requestQueue;
    private final String replyQueue;
    private final Map<String, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();

    TillChannel(Connection connection, String requestQueue) throws IOException {
        this.channel = connection.createChannel();
        this.requestQueue = requestQueue;
        this.replyQueue = channel.queueDeclare("", false, true, true, null).getQueue();
        channel.basicConsume(replyQueue, true, (tag, delivery) -> {
            CompletableFuture<JsonNode> answer = waiting.remove(delivery.getProperties().getCorrelationId());
            if (answer != null) {
                answer.complete(json.readTree(delivery.getBody()));
            }
        }, tag -> { });
    }

    /** Sends with a fresh message_id and waits for the answer. */
    JsonNode ask(String body, Duration timeout) throws IOException, TimeoutException {
        return ask(UUID.randomUUID().toString(), body, timeout);
    }

    /** Sends under {@code messageId} (a repeat reuses it) and waits for the answer to this send. */
    JsonNode ask(String messageId, String body, Duration timeout) throws IOException, TimeoutException {
        String correlationId = UUID.randomUUID().toString();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        waiting.put(correlationId, answer);
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .messageId(messageId)
                .correlationId(correlationId)
                .replyTo(replyQueue)
                .contentType("application/json")
                .deliveryMode(2)
                .build();
        synchronized (channel) {
            channel.basicPublish("", requestQueue, properties, body.getBytes(StandardCharsets.UTF_8));
        }
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        } finally {
            waiting.remove(correlationId);
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
