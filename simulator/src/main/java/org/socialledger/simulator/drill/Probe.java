package org.socialledger.simulator.drill;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * "Does the service answer a till again?": a {@code status} for a payment nobody made, sent
 * over the broker like a till's, until a reply comes back that is not {@code UNAVAILABLE}. The
 * time from a fault to that reply is a drill's time to recover.
 */
final class Probe {

    private final Connection connection;
    private final String queue;

    Probe(Connection connection, String queue) {
        this.connection = connection;
        this.queue = queue;
    }

    /** @return milliseconds until the first answer, or -1 when none came within {@code patience} */
    long awaitAnswer(Duration patience) throws InterruptedException {
        long begin = System.nanoTime();
        long deadline = begin + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (answers(Duration.ofSeconds(2))) {
                return (System.nanoTime() - begin) / 1_000_000;
            }
            Thread.sleep(200);
        }
        return -1;
    }

    private boolean answers(Duration wait) throws InterruptedException {
        Channel channel = null;
        try {
            channel = connection.createChannel();
            String replyQueue = channel.queueDeclare("", false, true, true, null).getQueue();
            CompletableFuture<String> reply = new CompletableFuture<>();
            channel.basicConsume(replyQueue, true, (tag, delivery) ->
                    reply.complete(new String(delivery.getBody(), StandardCharsets.UTF_8)), tag -> { });
            String messageId = UUID.randomUUID().toString();
            AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().messageId(messageId)
                    .correlationId(messageId).replyTo(replyQueue).contentType("application/json").build();
            channel.basicPublish("", queue, properties, ("{\"operation\": \"status\", \"paymentId\": \""
                    + UUID.randomUUID() + "\"}").getBytes(StandardCharsets.UTF_8));
            // UNAVAILABLE is an answer, but one saying the service cannot read or record yet.
            return !reply.get(wait.toMillis(), TimeUnit.MILLISECONDS).contains("\"UNAVAILABLE\"");
        } catch (IOException | AlreadyClosedException | TimeoutException | ExecutionException e) {
            return false;
        } finally {
            close(channel);
        }
    }

    private static void close(Channel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException | TimeoutException | AlreadyClosedException e) {
            // the broker is away; the channel goes with the connection's recovery
        }
    }
}
