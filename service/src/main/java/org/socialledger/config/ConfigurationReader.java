package org.socialledger.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads and validates the three configuration tables. Each row is checked on its own; a bad
 * row becomes a {@link ConfigProblem} with the reason and the rest are served normally.
 */
@Component
public class ConfigurationReader {

    static final String STORES = "soc_processing_stores";
    static final String MERCHANTS = "soc_processing_merchants";
    static final String TERMINALS = "soc_processing_terminals";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    public ConfigurationReader(JdbcTemplate jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    public ConfigSnapshot read() {
        List<ConfigProblem> problems = new ArrayList<>();
        Map<String, String> broken = new HashMap<>();

        Map<Integer, MerchantConfig> merchants = new HashMap<>();
        jdbc.query("SELECT id, value::text AS value FROM " + MERCHANTS + " ORDER BY id", row -> {
            int id = row.getInt("id");
            try {
                merchants.put(id, merchant(id, json.readTree(row.getString("value"))));
            } catch (InvalidRow | com.fasterxml.jackson.core.JsonProcessingException e) {
                report(problems, broken, MERCHANTS, "id=" + id, ConfigSnapshot.merchantKey(id), e.getMessage());
            }
        });

        Map<String, StoreConfig> stores = new HashMap<>();
        jdbc.query("SELECT storeid, merchant FROM " + STORES + " ORDER BY storeid", row -> {
            String storeId = row.getString("storeid");
            int merchant = row.getInt("merchant");
            stores.put(storeId, new StoreConfig(storeId, merchant));
            if (!merchants.containsKey(merchant) && !broken.containsKey(ConfigSnapshot.merchantKey(merchant))) {
                // Not a broken store: the merchant may be inserted next. Resolution says CONFIG.
                problems.add(new ConfigProblem(STORES, "StoreID=" + storeId,
                        "uses merchant " + merchant + ", which is not in " + MERCHANTS));
            }
        });

        Map<String, TerminalConfig> terminals = new HashMap<>();
        jdbc.query("SELECT terminalid, value::text AS value FROM " + TERMINALS + " ORDER BY terminalid", row -> {
            String terminalId = row.getString("terminalid");
            try {
                terminals.put(terminalId, terminal(terminalId, json.readTree(row.getString("value"))));
            } catch (InvalidRow | com.fasterxml.jackson.core.JsonProcessingException e) {
                report(problems, broken, TERMINALS, "TerminalID=" + terminalId,
                        ConfigSnapshot.terminalKey(terminalId), e.getMessage());
            }
        });
        return new ConfigSnapshot(stores, merchants, terminals, broken, problems, clock.instant());
    }

    private static void report(List<ConfigProblem> problems, Map<String, String> broken, String table,
                               String key, String brokenKey, String reason) {
        problems.add(new ConfigProblem(table, key, reason));
        broken.put(brokenKey, reason);
    }

    /** Validates one merchant row; @throws IllegalArgumentException with the reason. */
    static MerchantConfig merchant(int id, JsonNode value) {
        requireObject(value);
        String url = requiredText(value, "url");
        try {
            URI uri = URI.create(url);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new InvalidRow("url must be an absolute http(s) address, got \"" + url + "\"");
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidRow("url is not a valid address: \"" + url + "\"");
        }
        return new MerchantConfig(id, url,
                wholeNumber(value, "qrTtl", "minutes", MerchantConfig.DEFAULT_QR_TTL_MINUTES, 1),
                wholeNumber(value, "interval", "seconds", MerchantConfig.DEFAULT_INTERVAL_SECONDS, 1),
                wholeNumber(value, "timeout", "seconds", MerchantConfig.DEFAULT_TIMEOUT_SECONDS, 1),
                wholeNumber(value, "cancel_lifetime", "hours", MerchantConfig.DEFAULT_CANCEL_LIFETIME_HOURS, 0),
                requiredText(value, "enterprise_id"), requiredText(value, "merchant_id"),
                requiredText(value, "sp_code"));
    }

    /** Validates one terminal row; @throws IllegalArgumentException with the reason. */
    static TerminalConfig terminal(String terminalId, JsonNode value) {
        requireObject(value);
        Integer qrTtl = value.hasNonNull("qrTtl") ? wholeNumber(value, "qrTtl", "minutes", 0, 1) : null;
        return new TerminalConfig(terminalId, requiredText(value, "TerminalNo"), qrTtl);
    }

    private static void requireObject(JsonNode value) {
        if (value == null || !value.isObject()) {
            throw new InvalidRow("value must be a JSON object");
        }
    }

    private static String requiredText(JsonNode value, String key) {
        JsonNode node = value.get(key);
        if (node == null || node.isNull()) {
            throw new InvalidRow(key + " is required");
        }
        if (!node.isTextual() && !node.isIntegralNumber()) {
            throw new InvalidRow(key + " must be a string, got " + node);
        }
        String text = node.asText().trim();
        if (text.isEmpty()) {
            throw new InvalidRow(key + " is required and is empty");
        }
        return text;
    }

    /** The integrator accepts numbers written as JSON numbers or as strings of digits. */
    private static int wholeNumber(JsonNode value, String key, String unit, int defaultValue, int min) {
        JsonNode node = value.get(key);
        if (node == null || node.isNull()) {
            return defaultValue;
        }
        long number;
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            number = node.asInt();
        } else if (node.isTextual() && node.asText().trim().matches("[0-9]{1,9}")) {
            number = Long.parseLong(node.asText().trim());
        } else {
            throw new InvalidRow(key + " must be a whole number of " + unit + ", got " + node);
        }
        if (number < min) {
            throw new InvalidRow(key + " must be at least " + min + " " + unit + ", got " + number);
        }
        return (int) number;
    }

    /** A configuration row that cannot be used, and why. */
    static final class InvalidRow extends IllegalArgumentException {
        InvalidRow(String reason) {
            super(reason);
        }
    }
}
