package org.socialledger.till;

import com.rabbitmq.client.Channel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

/**
 * The AMQP edge: manual acknowledgement, so a request is acked only once its effect is durable;
 * a poison message is dead-lettered with its reason and never blocks the queue.
 */
@Component
class TillListener {

    private static final Logger log = LoggerFactory.getLogger(TillListener.class);
    static final String REASON_HEADER = "x-ledger-error";
    private static final long RETRY_PAUSE_MS = 1_000;

    private final TillRequestHandler handler;
    private final RabbitTemplate rabbit;
    private final TillSettings settings;

    TillListener(TillRequestHandler handler, RabbitTemplate rabbit, TillSettings settings) {
        this.handler = handler;
        this.rabbit = rabbit;
        this.settings = settings;
    }

    @RabbitListener(queues = "${ledger.till.queue:soc_processing}", ackMode = "MANUAL",
            concurrency = "${ledger.till.consumers:4-8}")
    void onRequest(Message message, Channel channel) throws IOException {
        MessageProperties properties = message.getMessageProperties();
        long tag = properties.getDeliveryTag();
        IncomingRequest request = new IncomingRequest(properties.getMessageId(), properties.getCorrelationId(),
                properties.getReplyTo(), message.getBody());
        Disposition disposition;
        try {
            disposition = handler.handle(request);
        } catch (RuntimeException unexpected) {
            // A bug must not turn one message into a queue that never drains.
            log.error("Unexpected failure on till request {}; dead-lettering it", properties.getMessageId(), unexpected);
            disposition = new Disposition.DeadLetter("unexpected error: " + unexpected.getClass().getSimpleName());
        }
        if (disposition instanceof Disposition.Retry retry) {
            log.warn("Returning till request {} to the queue: {}", properties.getMessageId(), retry.reason());
            pause();
            channel.basicNack(tag, false, true);
            return;
        }
        if (disposition instanceof Disposition.DeadLetter deadLetter) {
            deadLetter(message, deadLetter.reason());
        }
        channel.basicAck(tag, false);
    }

    private void deadLetter(Message original, String reason) {
        MessageProperties properties = original.getMessageProperties();
        MessageProperties parked = new MessageProperties();
        parked.setMessageId(properties.getMessageId());
        parked.setCorrelationId(properties.getCorrelationId());
        parked.setContentType(properties.getContentType());
        parked.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        parked.setHeader(REASON_HEADER, Redaction.maskCardNumbers(reason));
        parked.setHeader("x-ledger-original-queue", settings.queue());
        // The body is kept for a person to read, with anything that looks like a card number masked.
        byte[] body = Redaction.maskCardNumbers(new String(original.getBody(), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
        rabbit.invoke(operations -> {
            operations.send("", settings.deadLetterQueue(), new Message(body, parked));
            operations.waitForConfirmsOrDie(5_000);
            return null;
        });
        log.warn("Dead-lettered till request {} to {}: {}", properties.getMessageId(), settings.deadLetterQueue(),
                Redaction.maskCardNumbers(reason));
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_PAUSE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
