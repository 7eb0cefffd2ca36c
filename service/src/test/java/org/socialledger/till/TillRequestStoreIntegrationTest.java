package org.socialledger.till;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.socialledger.testing.TestPostgres;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The outbox marks of {@code till_request} on the real table: what the sweeper will and will not resend. */
class TillRequestStoreIntegrationTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-29T10:00:00Z");
    private static final Instant ANSWERED = Instant.parse("2026-11-29T10:00:01Z");

    private final JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(TestPostgres.instance().jdbcUrl(),
            TestPostgres.instance().user(), TestPostgres.instance().password()));
    private final TillRequestStore store = new TillRequestStore(jdbc);
    private final UUID payment = UUID.randomUUID();

    private String waiting(String operation, String replyTo) {
        String messageId = UUID.randomUUID().toString();
        assertThat(store.insert(new TillRequestStore.Row(messageId, "0".repeat(64), operation, payment, replyTo,
                "corr-" + messageId, RECEIVED, RECEIVED.plusSeconds(300), null, null))).isTrue();
        return messageId;
    }

    private List<String> unsentOfThisPayment() {
        return store.unsent(ANSWERED.plusSeconds(1), 10_000).stream()
                .filter(row -> payment.equals(row.paymentId())).map(TillRequestStore.Row::messageId).toList();
    }

    @Test
    void answeredRequestsAreMarkedSentInTheSameWriteAndOnlyThoseOfTheOperation() {
        String reserve = waiting("reserve", "till-1");
        String repeatWithoutReplyTo = waiting("reserve", null);
        String debit = waiting("debit", "till-1");

        List<TillRequestStore.Answered> answered = store.answerWaitingMarkedSent(payment, "reserve",
                "{\"result\": \"ok\"}", ANSWERED);

        assertThat(answered).extracting(TillRequestStore.Answered::messageId)
                .containsExactlyInAnyOrder(reserve, repeatWithoutReplyTo);
        assertThat(store.find(reserve).orElseThrow().sentAt()).isEqualTo(ANSWERED);
        assertThat(store.find(reserve).orElseThrow().reply()).contains("\"ok\"");
        assertThat(store.find(repeatWithoutReplyTo).orElseThrow().sentAt()).as("nowhere to send it").isNull();
        assertThat(store.find(debit).orElseThrow().reply()).isNull();
        assertThat(unsentOfThisPayment()).isEmpty();
        assertThat(store.answerWaitingMarkedSent(payment, "reserve", "{\"result\": \"ok\"}", ANSWERED))
                .as("answered once").isEmpty();
    }

    @Test
    void aMarkTakenBackLeavesTheReplyForTheSweeper() {
        String reserve = waiting("reserve", "till-1");
        store.answerWaitingMarkedSent(payment, "reserve", "{\"result\": \"ok\"}", ANSWERED);

        store.markUnsent(List.of(reserve));

        assertThat(unsentOfThisPayment()).containsExactly(reserve);
        assertThat(store.find(reserve).orElseThrow().reply()).as("the answer stays recorded").contains("\"ok\"");
    }
}
