package org.socialledger.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.socialledger.LedgerClient;
import org.socialledger.TestLedger;
import org.socialledger.api.payment.CancelInitiator;
import org.socialledger.api.payment.Money;
import org.socialledger.api.payment.OperationId;
import org.socialledger.api.payment.PaymentId;
import org.socialledger.api.payment.SocialLine;
import org.socialledger.api.payment.command.RecordCancellation;
import org.socialledger.api.payment.command.RecordReservation;
import org.socialledger.api.payment.command.RequestCancel;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The operator's tools on a running service: parked events listed, retried, evicted; the journal
 * as it stood at an instant; a replay into a new generation of the read models while payments go on.
 * One application in a schema of its own, closed at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditToolsIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final CountDownLatch atSwitch = new CountDownLatch(1);
    private final CountDownLatch mayswitch = new CountDownLatch(1);
    private ConfigurableApplicationContext ledger;
    private LedgerClient client;
    private JdbcTemplate jdbc;

    @BeforeAll
    void start() {
        String schema = "tools_" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        ReplayGate gate = progress -> {
            atSwitch.countDown();
            if (!mayswitch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let the replay switch");
            }
        };
        ledger = TestLedger.startInOwnSchema(schema, Map.of("replayGate", gate), LedgerClient.USERS);
        client = new LedgerClient(ledger);
        jdbc = ledger.getBean(JdbcTemplate.class);
    }

    @AfterAll
    void stop() {
        mayswitch.countDown();
        ledger.close();
    }

    private JsonNode json(String method, String path, String user, String password, int status) throws Exception {
        var response = client.send(method, path, user, password);
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    private long rows(String sql, Object... args) {
        Long count = jdbc.queryForObject(sql, Long.class, args);
        return count == null ? 0 : count;
    }

    @Test
    void aParkedPaymentIsListedThenRetriedOnceItsCauseIsFixedOrEvicted() throws Exception {
        String store = "DLQ-" + UUID.randomUUID().toString().substring(0, 6);
        jdbc.execute("ALTER TABLE payment_view ADD CONSTRAINT refuses_test_store CHECK (store_id <> '" + store + "')");
        PaymentId fixed = client.declined(store);
        PaymentId dropped = client.declined(store);

        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode parked = json("GET", "/api/dead-letters?group=read-models", "sam", "s1", 200);
            assertThat(parked.findValuesAsText("sequence")).contains(fixed.toString(), dropped.toString());
            // The declined event waits behind the failed first one.
            assertThat(parked.toString()).contains("ReservationDeclined");
        });
        JsonNode first = json("GET", "/api/dead-letters", "ann", "a1", 200);
        JsonNode letter = null;
        for (JsonNode parked : first) {
            if (parked.path("sequence").asText().equals(fixed.toString())
                    && parked.path("eventType").asText().equals("ReservationRequested")) {
                letter = parked;
            }
        }
        assertThat(letter).isNotNull();
        assertThat(letter.path("group").asText()).isEqualTo("read-models");
        assertThat(letter.path("cause").asText()).contains("refuses_test_store");
        assertThat(letter.path("failures").asLong()).isEqualTo(1);
        assertThat(letter.path("enqueuedAt").asText()).isNotEmpty();
        assertThat(rows("SELECT count(*) FROM payment_view WHERE payment_id = ?", fixed.value())).isZero();
        // One processor feeds both read models: the journal waits for the parked payment too.
        assertThat(rows("SELECT count(*) FROM soc_processing_operations WHERE data ->> 'paymentId' = ?"
                + " AND data ->> 'status' = 'DECLINED'", fixed.toString())).isZero();
        assertThat(client.send("POST", "/api/admin/dead-letters/read-models/" + fixed + "/retry", "sam", "s1")
                .statusCode()).as("support may not retry").isEqualTo(403);

        jdbc.execute("ALTER TABLE payment_view DROP CONSTRAINT refuses_test_store");
        JsonNode retried = json("POST", "/api/admin/dead-letters/read-models/" + fixed + "/retry", "root", "r1", 200);

        assertThat(retried.path("handled").asBoolean()).isTrue();
        assertThat(jdbc.queryForObject("SELECT state FROM payment_view WHERE payment_id = ?", String.class, fixed.value()))
                .isEqualTo("DECLINED");
        assertThat(rows("SELECT count(*) FROM soc_processing_operations WHERE data ->> 'paymentId' = ?"
                + " AND data ->> 'status' = 'DECLINED'", fixed.toString())).isEqualTo(1);
        JsonNode evicted = json("DELETE", "/api/admin/dead-letters/read-models/" + dropped, "root", "r1", 200);
        assertThat(evicted.path("evicted").asInt()).isEqualTo(2);
        assertThat(json("GET", "/api/dead-letters", "sam", "s1", 200).findValuesAsText("sequence"))
                .doesNotContain(fixed.toString(), dropped.toString());
        assertThat(rows("SELECT count(*) FROM payment_view WHERE payment_id = ?", dropped.value())).isZero();
        assertThat(client.send("DELETE", "/api/admin/dead-letters/read-models/" + dropped, "root", "r1").statusCode())
                .as("nothing left to evict").isEqualTo(404);
    }

    @Test
    void theJournalAsItStoodBeforeACancelShowsNoCancel() throws Exception {
        String store = "AT-" + UUID.randomUUID().toString().substring(0, 6);
        PaymentId payment = PaymentId.random();
        OperationId reserve = client.request(payment, store);
        client.commands().sendAndWait(new RecordReservation(payment, reserve, "RES-1",
                List.of(new SocialLine(1, Money.kopecks(17_980))), Money.kopecks(17_980), Map.of(), Instant.now()));
        Instant reserved = Instant.parse(jdbc.queryForObject(
                "SELECT max(time_stamp) FROM domain_event_entry WHERE aggregate_identifier = ?", String.class,
                payment.toString()));
        // The store keeps milliseconds: the cancel must be stored in a later one than the reservation.
        await().atMost(PATIENCE).until(() -> Instant.now().toEpochMilli() > reserved.toEpochMilli());
        OperationId cancel = OperationId.random();
        client.commands().sendAndWait(new RequestCancel(payment, cancel, CancelInitiator.TILL, "BUYER", null,
                Instant.now()));
        client.commands().sendAndWait(new RecordCancellation(payment, cancel, Map.of(), Instant.now()));

        JsonNode then = json("GET", "/api/audit/journal?at=" + reserved + "&storeId=" + store, "ann", "a1", 200);
        JsonNode now = json("GET", "/api/audit/journal?at=" + Instant.now().plusSeconds(1) + "&storeId=" + store,
                "ann", "a1", 200);

        assertThat(then).hasSize(1);
        assertThat(then.get(0).path("cancel").isNull()).as("no cancel as of " + reserved).isTrue();
        assertThat(then.get(0).path("status").asText()).isEqualTo("RESERVED");
        assertThat(now).hasSize(1);
        assertThat(now.get(0).path("cancel").asText()).isEqualTo(cancel.toString());
        assertThat(now.get(0).path("status").asText()).isEqualTo("CANCELLED");
        assertThat(client.send("GET", "/api/audit/journal?at=" + reserved, "sam", "s1").statusCode()).isEqualTo(403);
    }

    @Test
    void aReplayBuildsANewGenerationWhilePaymentsGoOnAndSwitchesWithoutLosingOne() throws Exception {
        String store = "RP-" + UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < 5; i++) {
            client.declined(store);
        }
        awaitProjected(store, 5);

        assertThat(json("POST", "/api/audit/replay", "ann", "a1", 202).path("state").asText()).isEqualTo("BUILDING");
        assertThat(atSwitch.await(60, TimeUnit.SECONDS)).as("the new generation caught up").isTrue();
        JsonNode building = json("GET", "/api/audit/replay", "ann", "a1", 200);
        assertThat(building.path("state").asText()).isEqualTo("BUILDING");
        assertThat(building.path("done").asLong()).isGreaterThanOrEqualTo(10);
        assertThat(json("POST", "/api/audit/replay", "ann", "a1", 409).path("detail").asText()).contains("already");
        // The live tables keep answering and keep being projected meanwhile.
        PaymentId during = client.declined(store);
        awaitProjected(store, 6);
        assertThat(json("GET", "/api/payments/" + during, "sam", "s1", 200).at("/payment/state").asText())
                .isEqualTo("DECLINED");

        mayswitch.countDown();
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(json("GET", "/api/audit/replay", "ann", "a1", 200).path("state").asText()).isEqualTo("DONE"));
        PaymentId after = client.declined(store);
        awaitProjected(store, 7);

        JsonNode done = json("GET", "/api/audit/replay", "ann", "a1", 200);
        assertThat(done.path("done").asLong()).isEqualTo(done.path("total").asLong()).isGreaterThanOrEqualTo(12);
        assertThat(json("GET", "/api/payments/" + after, "sam", "s1", 200).at("/payment/state").asText())
                .isEqualTo("DECLINED");
        assertThat(rows("SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() || '_previous'"))
                .as("the previous generation is kept").isEqualTo(2);
        String switched = checksum();

        // A fresh projection by Axon itself (token reset) must come out the same.
        EventProcessingConfiguration processing = ledger.getBean(EventProcessingConfiguration.class);
        for (String group : ProjectionReplay.PROCESSING_GROUPS) {
            StreamingEventProcessor processor = processing.eventProcessor(group, StreamingEventProcessor.class)
                    .orElseThrow();
            processor.shutDown();
            processor.resetTokens();
            processor.start();
        }
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(checksum()).isEqualTo(switched));
    }

    private void awaitProjected(String store, long payments) {
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(rows("SELECT count(*) FROM payment_view WHERE store_id = ? AND state = 'DECLINED'", store))
                    .isEqualTo(payments);
            assertThat(rows("SELECT count(*) FROM soc_processing_operations WHERE data ->> 'storeId' = ?"
                    + " AND data ->> 'status' = 'DECLINED'", store)).isEqualTo(payments);
        });
    }

    /** Both tables, every column of every row, in key order. */
    private String checksum() {
        return jdbc.queryForObject("""
                SELECT (SELECT md5(coalesce(string_agg(o::text, ',' ORDER BY o.id), '')) FROM soc_processing_operations o)
                    || '/' ||
                       (SELECT md5(coalesce(string_agg(v::text, ',' ORDER BY v.payment_id), '')) FROM payment_view v)
                """, String.class);
    }
}
