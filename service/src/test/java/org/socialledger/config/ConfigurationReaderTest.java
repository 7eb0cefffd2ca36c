package org.socialledger.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socialledger.api.payment.MerchantSettings;
import org.socialledger.api.payment.StoreId;
import org.socialledger.api.payment.TerminalId;
import org.socialledger.config.Resolution.Failure;
import org.socialledger.config.Resolution.Resolved;
import org.socialledger.config.Resolution.Unresolved;
import org.socialledger.testing.TestClock;
import org.socialledger.testing.TestPostgres;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The configuration tables in the real schema, filled the way an operator fills them: with SQL. */
class ConfigurationReaderTest {

    private static final String GOOD = """
            {"url": "http://sp.example:8080/api", "enterprise_id": "E1", "merchant_id": "M1", "sp_code": "SP-FOOD"}""";

    private final JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(
            TestPostgres.instance().jdbcUrl(), TestPostgres.instance().user(), TestPostgres.instance().password()));
    private final TestClock.Settable clock = TestClock.at(Instant.parse("2026-11-28T10:00:00Z"));
    private final ConfigurationReader reader = new ConfigurationReader(jdbc, new ObjectMapper(), clock);

    @BeforeEach
    void emptyTables() {
        jdbc.update("DELETE FROM soc_processing_stores");
        jdbc.update("DELETE FROM soc_processing_merchants");
        jdbc.update("DELETE FROM soc_processing_terminals");
    }

    private void merchant(int id, String json) {
        jdbc.update("INSERT INTO soc_processing_merchants (id, value) VALUES (?, ?::jsonb)", id, json);
    }

    private void store(String storeId, int merchant) {
        jdbc.update("INSERT INTO soc_processing_stores (StoreID, merchant) VALUES (?, ?)", storeId, merchant);
    }

    private void terminal(String terminalId, String json) {
        jdbc.update("INSERT INTO soc_processing_terminals (TerminalID, value) VALUES (?, ?::jsonb)", terminalId, json);
    }

    private Resolution resolve(String store, String terminal) {
        return reader.read().resolve(new StoreId(store), new TerminalId(terminal));
    }

    @Test
    void aMerchantWithoutOptionalKeysGetsTheIntegratorDefaults() {
        merchant(1, GOOD);
        store("S001", 1);
        terminal("S001-POS-03", "{\"TerminalNo\": \"T0003\"}");

        assertThat(resolve("S001", "S001-POS-03")).isEqualTo(new Resolved(new MerchantSettings(1,
                "http://sp.example:8080/api", 5, 5, 30, 0, "E1", "M1", "SP-FOOD", "T0003")));
        assertThat(reader.read().problems()).isEmpty();
    }

    @Test
    void theTerminalsQrTtlOverridesTheMerchantsAndNumbersMayBeWrittenAsStrings() {
        merchant(1, """
                {"url": "https://sp.example", "qrTtl": 10, "interval": "3", "timeout": 20, "cancel_lifetime": 24,
                 "enterprise_id": "E1", "merchant_id": 42, "sp_code": "SP-FOOD"}""");
        store("S001", 1);
        terminal("S001-POS-01", "{\"TerminalNo\": \"T0001\", \"qrTtl\": \"2\"}");
        terminal("S001-POS-02", "{\"TerminalNo\": \"T0002\"}");

        MerchantSettings first = ((Resolved) resolve("S001", "S001-POS-01")).settings();
        MerchantSettings second = ((Resolved) resolve("S001", "S001-POS-02")).settings();
        assertThat(first.qrTtlMinutes()).isEqualTo(2);
        assertThat(second.qrTtlMinutes()).isEqualTo(10);
        assertThat(first.intervalSeconds()).isEqualTo(3);
        assertThat(first.cancelLifetimeHours()).isEqualTo(24);
        assertThat(first.merchantId()).isEqualTo("42");
    }

    @Test
    void eachBadRowIsReportedWithItsReasonAndTheGoodRowsKeepWorking() {
        merchant(1, GOOD);
        merchant(2, "{\"enterprise_id\": \"E1\", \"merchant_id\": \"M2\", \"sp_code\": \"SP\"}");
        merchant(3, """
                {"url": "http://sp.example", "qrTtl": "five", "enterprise_id": "E1", "merchant_id": "M3", "sp_code": "SP"}""");
        merchant(4, "[1, 2]");
        store("S001", 1);
        store("S002", 2);
        store("S003", 3);
        store("S009", 9);
        terminal("T-OK", "{\"TerminalNo\": \"T1\"}");
        terminal("T-BAD", "{\"qrTtl\": 0}");

        ConfigSnapshot snapshot = reader.read();

        assertThat(snapshot.problems()).extracting(ConfigProblem::toString).containsExactlyInAnyOrder(
                "soc_processing_merchants id=2: url is required",
                "soc_processing_merchants id=3: qrTtl must be a whole number of minutes, got \"five\"",
                "soc_processing_merchants id=4: value must be a JSON object",
                "soc_processing_stores StoreID=S009: uses merchant 9, which is not in soc_processing_merchants",
                "soc_processing_terminals TerminalID=T-BAD: qrTtl must be at least 1 minutes, got 0");
        assertThat(snapshot.resolve(new StoreId("S001"), new TerminalId("T-OK"))).isInstanceOf(Resolved.class);
        assertThat(snapshot.resolve(new StoreId("S002"), new TerminalId("T-OK")))
                .isEqualTo(new Unresolved(Failure.CONFIG, "merchant 2 used by store S002 is misconfigured: url is required"));
        assertThat(snapshot.resolve(new StoreId("S003"), new TerminalId("T-OK")))
                .extracting(r -> ((Unresolved) r).failure()).isEqualTo(Failure.CONFIG);
        assertThat(snapshot.resolve(new StoreId("S009"), new TerminalId("T-OK"))).isEqualTo(new Unresolved(
                Failure.CONFIG, "store S009 uses merchant 9, which is not in soc_processing_merchants"));
        assertThat(snapshot.resolve(new StoreId("S001"), new TerminalId("T-BAD")))
                .extracting(r -> ((Unresolved) r).failure()).isEqualTo(Failure.CONFIG);
    }

    @Test
    void aStoreMissingFromTheTableUsesMerchantZeroWhenItExists() {
        terminal("T1", "{\"TerminalNo\": \"T1\"}");
        assertThat(resolve("S-NEW", "T1")).extracting(r -> ((Unresolved) r).failure())
                .isEqualTo(Failure.UNKNOWN_STORE);

        merchant(0, GOOD);
        assertThat(resolve("S-NEW", "T1")).isInstanceOfSatisfying(Resolved.class,
                resolved -> assertThat(resolved.settings().merchantConfigId()).isZero());
    }

    @Test
    void aTerminalMissingFromTheTableIsUnknown() {
        merchant(1, GOOD);
        store("S001", 1);
        assertThat(resolve("S001", "S001-POS-99")).isEqualTo(new Unresolved(Failure.UNKNOWN_TERMINAL,
                "terminal S001-POS-99 is not in soc_processing_terminals"));
    }

    @Test
    void theCachePicksUpAChangeWithinTheRefreshIntervalWithoutARestart() {
        merchant(1, GOOD);
        store("S001", 1);
        terminal("T1", "{\"TerminalNo\": \"T1\"}");
        ConfigurationCache cache = new ConfigurationCache(reader, clock, Duration.ofSeconds(5));
        assertThat(((Resolved) cache.resolve(new StoreId("S001"), new TerminalId("T1"))).settings().qrTtlMinutes())
                .isEqualTo(5);

        jdbc.update("UPDATE soc_processing_merchants SET value = value || '{\"qrTtl\": 7}' WHERE id = 1");
        clock.advance(Duration.ofSeconds(1));
        assertThat(((Resolved) cache.resolve(new StoreId("S001"), new TerminalId("T1"))).settings().qrTtlMinutes())
                .as("still the cached copy").isEqualTo(5);

        clock.advance(Duration.ofSeconds(5));
        assertThat(((Resolved) cache.resolve(new StoreId("S001"), new TerminalId("T1"))).settings().qrTtlMinutes())
                .isEqualTo(7);
    }
}
