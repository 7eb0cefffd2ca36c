package org.socialledger.till;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.socialledger.config.ConfigurationCache;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * The handler's decisions when the database is gone: the request is not lost (no ack without a
 * record) and the till, when it waits, is told UNAVAILABLE. PostgreSQL outages are not staged in
 * a real database here; the other paths are covered by the RabbitMQ integration tests.
 */
class TillRequestHandlerTest {

    private final TillRequestStore store = mock(TillRequestStore.class);
    private final ReplyPublisher publisher = mock(ReplyPublisher.class);
    private final CommandGateway commands = mock(CommandGateway.class);
    private final TillRequestHandler handler = new TillRequestHandler(store, new TillReplies(), publisher,
            mock(ReplyOutbox.class), mock(PaymentStatusReader.class), mock(ReceiptLookup.class),
            mock(ConfigurationCache.class), commands, new TillSettings(null, null, null),
            Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC));

    private static byte[] debit() {
        return "{\"operation\": \"debit\", \"paymentId\": \"0f8fad5b-d9cb-469f-a165-70867728950e\", \"amount\": 17980}"
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aTillThatWaitsIsToldUnavailableWhenNothingCanBeRecorded() {
        when(commands.sendAndWait(any())).thenThrow(new CannotGetJdbcConnectionException("connection refused"));

        Disposition disposition = handler.handle(new IncomingRequest("m-1", "c-1", "till-7", debit()));

        ArgumentCaptor<String> body = ArgumentCaptor.forClass(String.class);
        verify(publisher).publish(eq("till-7"), eq("c-1"), body.capture());
        assertThat(body.getValue()).contains("\"result\":\"error\"", "\"code\":\"UNAVAILABLE\"", "same message_id");
        assertThat(disposition).isEqualTo(Disposition.ACK);
    }

    @Test
    void withoutAReplyToTheRequestGoesBackToTheQueue() {
        when(commands.sendAndWait(any())).thenThrow(new CannotGetJdbcConnectionException("connection refused"));

        Disposition disposition = handler.handle(new IncomingRequest("m-2", null, null, debit()));

        assertThat(disposition).isInstanceOf(Disposition.Retry.class);
        verifyNoInteractions(publisher);
    }

    @Test
    void anUnreadableMessageWithoutReplyToIsDeadLettered() {
        Disposition disposition = handler.handle(new IncomingRequest("m-3", null, null,
                "{\"operation\": \"reserve\"".getBytes(StandardCharsets.UTF_8)));

        assertThat(disposition).isInstanceOfSatisfying(Disposition.DeadLetter.class,
                parked -> assertThat(parked.reason()).startsWith("MALFORMED: the body is not JSON"));
        verify(store, org.mockito.Mockito.never()).insert(any());
    }
}
