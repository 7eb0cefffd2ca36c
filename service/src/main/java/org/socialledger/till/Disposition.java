package org.socialledger.till;

/** What the AMQP listener does with a request message once the handler is done with it. */
public sealed interface Disposition {

    /** Its effect is durable (or it needed none): acknowledge. */
    record Ack() implements Disposition {
    }

    /** It could not be recorded now and nobody can be told: give it back to the broker. */
    record Retry(String reason) implements Disposition {
    }

    /** It can never be processed and nobody can be told: park it in the dead-letter queue. */
    record DeadLetter(String reason) implements Disposition {
    }

    Disposition ACK = new Ack();
}
