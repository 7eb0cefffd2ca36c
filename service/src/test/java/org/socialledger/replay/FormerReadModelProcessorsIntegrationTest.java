package org.socialledger.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.junit.jupiter.api.Test;
import org.socialledger.LedgerClient;
import org.socialledger.TestLedger;
import org.socialledger.api.payment.PaymentId;
import org.socialledger.projection.ReadModels;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A database kept by the previous version, whose read models had a processor each, the payment
 * view's behind the journal's: this version starts from the lower of the two, so the view gets
 * what it had not handled yet, the journal ends as it was, and every dead letter moves over.
 */
class FormerReadModelProcessorsIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void aDatabaseOfThePreviousVersionGoesOnFromTheLowerOfItsTwoTokensAndKeepsItsDeadLetters() {
        String schema = "merge_" + UUID.randomUUID().toString().substring(0, 8);
        String store = "MRG-" + UUID.randomUUID().toString().substring(0, 6);
        String parked = UUID.randomUUID().toString();
        List<PaymentId> late = new ArrayList<>();
        List<Map<String, Object>> journal;
        try (ConfigurableApplicationContext ledger = TestLedger.startInOwnSchema(schema, Map.of(), LedgerClient.USERS)) {
            LedgerClient client = new LedgerClient(ledger);
            JdbcTemplate jdbc = ledger.getBean(JdbcTemplate.class);
            for (int i = 0; i < 3; i++) {
                client.declined(store);
            }
            awaitDeclinedInView(jdbc, store, 3);
            long mark = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
            for (int i = 0; i < 3; i++) {
                late.add(client.declined(store));
            }
            awaitDeclinedInView(jdbc, store, 6);
            long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
            ledger.getBean(EventProcessingConfiguration.class).eventProcessor(ReadModels.PROCESSING_GROUP)
                    .ifPresent(EventProcessor::shutDown);
            journal = journalRows(jdbc);

            // What the previous version left: the journal at the head, the payment view before the late payments.
            TokenStore tokens = ledger.getBean(TokenStore.class);
            new TransactionTemplate(ledger.getBean(PlatformTransactionManager.class)).executeWithoutResult(status -> {
                for (int segment : tokens.fetchSegments(ReadModels.PROCESSING_GROUP)) {
                    tokens.fetchToken(ReadModels.PROCESSING_GROUP, segment);
                    tokens.deleteToken(ReadModels.PROCESSING_GROUP, segment);
                }
                tokens.initializeTokenSegments("journal", 4, GapAwareTrackingToken.newInstance(head, Set.of()));
                tokens.initializeTokenSegments("payment-view", 4, GapAwareTrackingToken.newInstance(mark, Set.of()));
            });
            late.forEach(payment -> jdbc.update("DELETE FROM payment_view WHERE payment_id = ?", payment.value()));
            // One payment parked by both (its first event), and its second event behind it in the view only.
            parkLetter(jdbc, "journal", parked, 0, "e1");
            parkLetter(jdbc, "payment-view", parked, 0, "e1");
            parkLetter(jdbc, "payment-view", parked, 1, "e2");
        }

        try (ConfigurableApplicationContext ledger = TestLedger.startInOwnSchema(schema, Map.of(), LedgerClient.USERS)) {
            JdbcTemplate jdbc = ledger.getBean(JdbcTemplate.class);

            awaitDeclinedInView(jdbc, store, 6);
            assertThat(journalRows(jdbc)).as("the journal's events handled again change nothing").isEqualTo(journal);
            assertThat(jdbc.queryForList("SELECT DISTINCT processor_name FROM token_entry", String.class))
                    .contains(ReadModels.PROCESSING_GROUP).doesNotContain("journal", "payment-view");
            assertThat(jdbc.queryForList("""
                    SELECT processing_group || ' ' || sequence_index || ' ' || event_identifier FROM dead_letter_entry
                    WHERE sequence_identifier = ? ORDER BY sequence_index""", String.class, parked))
                    .containsExactly(ReadModels.PROCESSING_GROUP + " 1 e1", ReadModels.PROCESSING_GROUP + " 2 e2");
        }
    }

    private static void awaitDeclinedInView(JdbcTemplate jdbc, String store, int payments) {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT count(*) FROM payment_view WHERE store_id = ? AND state = 'DECLINED'", Long.class, store))
                .isEqualTo(payments));
    }

    private static List<Map<String, Object>> journalRows(JdbcTemplate jdbc) {
        return jdbc.queryForList("SELECT encode(id, 'hex') AS id, op_date, encode(cancel, 'hex') AS cancel, data::text AS data"
                + " FROM soc_processing_operations ORDER BY id");
    }

    private static void parkLetter(JdbcTemplate jdbc, String group, String payment, long sequenceNumber, String event) {
        jdbc.update("""
                INSERT INTO dead_letter_entry (dead_letter_id, processing_group, sequence_identifier, sequence_index,
                    message_type, event_identifier, time_stamp, payload_type, payload, aggregate_type,
                    aggregate_identifier, sequence_number, enqueued_at, cause_type, cause_message)
                VALUES (?, ?, ?, ?, 'DomainEventMessage', ?, '2026-12-01T10:00:00Z', 'ReservationRequested',
                    convert_to('{}', 'UTF8'), 'SocialPayment', ?, ?, ?, 'java.lang.IllegalStateException', 'test')
                """, UUID.randomUUID().toString(), group, payment, sequenceNumber, event, payment, sequenceNumber,
                "2026-12-01T10:00:0" + sequenceNumber + "Z");
    }
}
