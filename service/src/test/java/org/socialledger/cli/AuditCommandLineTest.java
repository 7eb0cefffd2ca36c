package org.socialledger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.socialledger.LedgerClient;
import org.socialledger.TestLedger;
import org.socialledger.api.payment.PaymentId;
import org.socialledger.testing.TestPostgres;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The auditors' command line as {@code java -jar} runs it: against a store the service filled
 * (in a schema of its own, the service stopped before), with the output and the exit code checked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditCommandLineTest {

    private final String schema = "cli_" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
    /** The tampering test's own store, so the other tests see an intact one whatever the order. */
    private final String tampered = schema + "_tampered";
    private final String store = "CLI-" + UUID.randomUUID().toString().substring(0, 6);
    private Instant before;
    private PaymentId payment;

    @BeforeAll
    void fillTheStoreThenStopTheService() {
        before = Instant.now().minusSeconds(1);
        try (ConfigurableApplicationContext ledger = TestLedger.startInOwnSchema(schema, Map.of())) {
            payment = new LedgerClient(ledger).declined(store);
            JdbcTemplate jdbc = ledger.getBean(JdbcTemplate.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                    "SELECT count(*) FROM payment_view WHERE store_id = ?", Long.class, store) == 1);
        }
    }

    private record Outcome(int exitCode, String output) {
    }

    private Outcome run(String... args) {
        return runIn(schema, args);
    }

    private Outcome runIn(String schema, String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of(TestLedger.arguments(schema)));
        all.addAll(List.of(args));
        int code = AuditCommandLine.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), all.toArray(String[]::new));
        return new Outcome(code, bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void verifyExportAndReplayRunWithoutTheServiceAndSayHowItWent(@TempDir Path directory) throws Exception {
        assertThat(AuditCommandLine.isCommand("--ledger.audit.command=verify")).isTrue();
        assertThat(AuditCommandLine.isCommand("--server.port=0")).isFalse();

        Outcome verify = run("--ledger.audit.command=verify");
        assertThat(verify.exitCode()).as(verify.output()).isZero();
        assertThat(verify.output()).contains("intact: 2 events of 1 payments");

        Path file = directory.resolve("events.jsonl");
        Outcome export = run("--ledger.audit.command=export", "--ledger.audit.from=" + before,
                "--ledger.audit.to=" + Instant.now().plusSeconds(60), "--ledger.audit.store=" + store,
                "--ledger.audit.out=" + file);
        assertThat(export.exitCode()).as(export.output()).isZero();
        assertThat(export.output()).contains("exported 2 events");
        assertThat(Files.readAllLines(file)).hasSize(2).first().asString().contains(payment.toString())
                .contains("ReservationRequested");

        Outcome replay = run("--ledger.audit.command=replay");
        assertThat(replay.exitCode()).as(replay.output()).isZero();
        assertThat(replay.output()).contains("\"state\":\"DONE\"").contains("\"done\":2");

        Outcome missing = run("--ledger.audit.command=export");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.output()).contains("--ledger.audit.from= is required");
        assertThat(run("--ledger.audit.command=nonsense").exitCode()).isEqualTo(1);
    }

    @Test
    void verifyFailsAndNamesThePaymentWhenAnEventWasAltered() {
        PaymentId altered;
        try (ConfigurableApplicationContext ledger = TestLedger.startInOwnSchema(tampered, Map.of())) {
            altered = new LedgerClient(ledger).declined(store);
            ledger.getBean(JdbcTemplate.class).update("""
                    UPDATE domain_event_entry SET payload = convert_to(replace(convert_from(payload, 'UTF8'),
                        'CARD_NOT_SOCIAL', 'CARD_IS_SOCIAL'), 'UTF8')
                    WHERE aggregate_identifier = ? AND sequence_number = 1""", altered.toString());
        }

        Outcome verify = runIn(tampered, "--ledger.audit.command=verify");

        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.output()).contains("NOT INTACT").contains(altered.toString());
    }

    @Test
    void replayTakesOverTheClaimsOfAServiceThatDiedButNeverThoseOfALiveOne() throws Exception {
        String crashed = schema + "_crashed";
        try (ConfigurableApplicationContext ledger = TestLedger.startInOwnSchema(crashed, Map.of())) {
            new LedgerClient(ledger).declined(store);
        }
        // What kill -9 leaves behind: claims nobody releases, their time running out.
        claimTokens(crashed, "died@elsewhere", Instant.now().minus(Duration.ofMinutes(5)));
        Outcome afterCrash = runIn(crashed, "--ledger.audit.command=replay");
        assertThat(afterCrash.exitCode()).as(afterCrash.output()).isZero();
        assertThat(afterCrash.output()).contains("\"state\":\"DONE\"");

        claimTokens(crashed, "alive@elsewhere", Instant.now().plus(Duration.ofMinutes(5)));
        Outcome whileRunning = runIn(crashed, "--ledger.audit.command=replay");
        assertThat(whileRunning.exitCode()).as(whileRunning.output()).isEqualTo(1);
        assertThat(whileRunning.output()).contains("alive@elsewhere");
    }

    @Test
    @Timeout(120)
    void replayFailsAndNamesTheEventWhenAPayloadDoesNotDeserializeWhileOthersDecodeBesideIt() {
        String undecodable = schema + "_undecodable";
        String broken;
        try (ConfigurableApplicationContext ledger = TestLedger.startInOwnSchema(undecodable, Map.of())) {
            PaymentId template = new LedgerClient(ledger).declined(store);
            JdbcTemplate jdbc = ledger.getBean(JdbcTemplate.class);
            // Enough copies that a page is shared between decoders; one of them in the middle unreadable.
            String reserve = jdbc.queryForObject("""
                    SELECT convert_from(payload, 'UTF8')::jsonb ->> 'reserveOperationId' FROM domain_event_entry
                    WHERE aggregate_identifier = ? AND payload_type LIKE '%.ReservationRequested'""", String.class,
                    template.toString());
            TestLedger.copyPayment(jdbc, template, reserve, 400);
            broken = jdbc.queryForObject("""
                    UPDATE domain_event_entry SET payload = convert_to('{"paymentId": "not a uuid"', 'UTF8')
                    WHERE global_index = (SELECT min(global_index) + 500 FROM domain_event_entry)
                    RETURNING event_identifier""", String.class);
        }

        Outcome replay = runIn(undecodable, "--ledger.audit.command=replay", "--ledger.replay.decoder-threads=3");

        assertThat(replay.exitCode()).as(replay.output()).isEqualTo(1);
        assertThat(replay.output()).contains("\"state\":\"FAILED\"").contains("event " + broken)
                .contains("does not deserialize");
    }

    private static void claimTokens(String schema, String owner, Instant at) throws Exception {
        try (Connection connection = TestPostgres.instance().connect();
             PreparedStatement claim = connection.prepareStatement("UPDATE " + schema + ".token_entry SET owner = ?,"
                     + " timestamp = ? WHERE processor_name = 'read-models'")) {
            claim.setString(1, owner);
            claim.setString(2, at.toString());
            assertThat(claim.executeUpdate()).isPositive();
        }
    }
}
