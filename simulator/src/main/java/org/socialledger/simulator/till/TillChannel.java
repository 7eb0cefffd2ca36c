package org.socialledger.simulator.till;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AlreadyClosedException;
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
    /** A real till asks again after about ten seconds without an answer. */
    static final Duration RESEND_AFTER = Duration.ofSeconds(10);

    private final java.util.concurrent.atomic.AtomicLong resends = new java.util.concurrent.atomic.AtomicLong();

    private final Map<String, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();

    TillChannel(Connection connection, String requestQueue) throws IOException {
        this.channel = connection.createChannel();
        this.requestQueue = requestQueue;
        // Named by the till, not by the broker: after a broker restart the client's recovery
        // declares it again under the same name, so replies to resent requests still arrive.
        this.replyQueue = channel.queueDeclare("till-reply-" + UUID.randomUUID(), false, true, true, null).getQueue();
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

    /**
     * Sends under {@code messageId} and waits for the answer, as a till does: unanswered after
     * {@link #RESEND_AFTER} (the service restarting, the broker restarting, a lost message), the
     * same request goes again under the same message_id, which the service answers once; so does
     * a request answered {@code UNAVAILABLE} (nothing recorded, safe to retry), after a second.
     */
    JsonNode ask(String messageId, String body, Duration timeout) throws IOException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        IOException lastFailure = null;
        while (System.nanoTime() < deadline) {
            String correlationId = UUID.randomUUID().toString();
            CompletableFuture<JsonNode> answer = new CompletableFuture<>();
            waiting.put(correlationId, answer);
            try {
                publish(messageId, correlationId, body);
                long wait = Math.min(RESEND_AFTER.toNanos(), deadline - System.nanoTime());
                JsonNode reply = answer.get(Math.max(1, wait), TimeUnit.NANOSECONDS);
                if (!unavailable(reply)) {
                    return reply;
                }
                // pos-protocol.md: UNAVAILABLE means nothing was recorded (the database is away);
                // "safe to retry with the same message_id", which is what a till does.
                resends.incrementAndGet();
                pause();
            } catch (TimeoutException e) {
                resends.incrementAndGet();
            } catch (IOException | AlreadyClosedException e) {
                // the broker is away; the client reconnects by itself
                lastFailure = e instanceof IOException io ? io : new IOException(e);
                resends.incrementAndGet();
                pause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            } catch (ExecutionException e) {
                throw new IOException(e.getCause());
            } finally {
                waiting.remove(correlationId);
            }
        }
        throw new TimeoutException("no answer to " + messageId + " in " + timeout
                + (lastFailure != null ? " (last failure: " + lastFailure.getMessage() + ")" : ""));
    }

    private static boolean unavailable(JsonNode reply) {
        return "error".equals(reply.path("result").asText()) && "UNAVAILABLE".equals(reply.path("code").asText());
    }

    /** How many requests this till had to send again. */
    long resends() {
        return resends.get();
    }

    private void publish(String messageId, String correlationId, String body) throws IOException {
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
    }

    private static void pause() throws IOException {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
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
