package org.socialledger.till;

import java.nio.charset.StandardCharsets;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

/** Publishes replies to the till's {@code reply_to} on the default exchange, waiting for the broker's confirm. */
@Component
public class ReplyPublisher {

    private static final String DIRECT_REPLY_TO = "amq.rabbitmq.reply-to";
    private static final long CONFIRM_TIMEOUT_MS = 5_000;

    private final RabbitTemplate rabbit;

    public ReplyPublisher(RabbitTemplate rabbit) {
        this.rabbit = rabbit;
    }

    public void publish(String replyTo, String correlationId, String body) {
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setContentEncoding(StandardCharsets.UTF_8.name());
        properties.setCorrelationId(correlationId);
        // A direct reply-to consumer is a live channel, not a queue: nothing to persist.
        properties.setDeliveryMode(replyTo.startsWith(DIRECT_REPLY_TO)
                ? MessageDeliveryMode.NON_PERSISTENT : MessageDeliveryMode.PERSISTENT);
        Message message = new Message(body.getBytes(StandardCharsets.UTF_8), properties);
        rabbit.invoke(operations -> {
            operations.send("", replyTo, message);
            operations.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MS);
            return null;
        });
    }
}
