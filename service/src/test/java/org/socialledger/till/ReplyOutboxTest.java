package org.socialledger.till;

import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;

import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.AmqpConnectException;

/** Answers published inside the recording transaction: a failed publication is handed back to the sweeper. */
class ReplyOutboxTest {

    private static final String BODY = "{\"result\":\"ok\"}";

    private final ReplyPublisher publisher = mock(ReplyPublisher.class);
    private final TillRequestStore store = mock(TillRequestStore.class);
    private final ReplyOutbox outbox = new ReplyOutbox(publisher, store, Clock.systemUTC());

    @Test
    void publishedAnswersKeepTheirMark() {
        outbox.publishAnswered(List.of(new TillRequestStore.Answered("m-1", "till-1", "c-1"),
                new TillRequestStore.Answered("m-2", null, "c-2")), BODY);

        verify(publisher).publish("till-1", "c-1", BODY);
        verifyNoMoreInteractions(publisher);
        verify(store, never()).markUnsent(anyList());
    }

    @Test
    void anAnswerThatCouldNotBePublishedIsMarkedUnsentAndTheOthersStillGo() {
        doThrow(new AmqpConnectException(new java.net.ConnectException("refused")))
                .when(publisher).publish("till-1", "c-1", BODY);

        outbox.publishAnswered(List.of(new TillRequestStore.Answered("m-1", "till-1", "c-1"),
                new TillRequestStore.Answered("m-2", "till-2", "c-2")), BODY);

        verify(publisher).publish("till-2", "c-2", BODY);
        verify(store).markUnsent(List.of("m-1"));
    }
}
