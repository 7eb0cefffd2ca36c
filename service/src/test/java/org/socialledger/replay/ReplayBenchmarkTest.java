package org.socialledger.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.socialledger.LedgerClient;
import org.socialledger.TestLedger;
import org.socialledger.api.payment.PaymentId;
import org.socialledger.cli.AuditCommandLine;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How fast a replay goes: a store of {@code -Dledger.benchmark.payments} payments (two events
 * each, copies of one the service stored) rebuilt through the command line. Run on demand only:
 * {@code -Dledger.benchmark=true -Dtest=ReplayBenchmarkTest}.
 */
@EnabledIfSystemProperty(named = "ledger.benchmark", matches = "true")
class ReplayBenchmarkTest {

    @Test
    void replayOfManyPayments() throws Exception {
        int payments = Integer.getInteger("ledger.benchmark.payments", 100_000);
        String schema = "bench_" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        try (ConfigurableApplicationContext ledger = TestLedger.startInOwnSchema(schema, Map.of())) {
            PaymentId template = new LedgerClient(ledger).declined("BENCH");
            JdbcTemplate jdbc = ledger.getBean(JdbcTemplate.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                    "SELECT count(*) FROM payment_view WHERE payment_id = ?", Long.class, template.value()) == 1);
            String reserve = jdbc.queryForObject("SELECT reserve_operation_id::text FROM payment_view WHERE payment_id = ?",
                    String.class, template.value());
            TestLedger.copyPayment(jdbc, template, reserve, payments - 1);
        }
        List<String> args = new ArrayList<>(List.of(TestLedger.arguments(schema)));
        args.add("--ledger.audit.command=replay");
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        long started = System.nanoTime();
        int code = AuditCommandLine.run(new PrintStream(output, true, StandardCharsets.UTF_8), args.toArray(String[]::new));
        long millis = (System.nanoTime() - started) / 1_000_000;
        String printed = output.toString(StandardCharsets.UTF_8);
        System.out.println("BENCHMARK " + printed.strip() + " wall " + millis + " ms");
        assertThat(code).as(printed).isZero();
        JsonNode result = new ObjectMapper().readTree(printed);
        assertThat(result.path("done").asLong()).isEqualTo(2L * payments);
    }
}
