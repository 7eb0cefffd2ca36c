package org.socialledger.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The configuration tables for an administrator (role ADMIN): each row is validated by the same
 * rules the service reads it with before it is written, and the service uses it at once.
 */
@RestController
@RequestMapping("/api/admin/config")
class ConfigurationAdminController {

    private final JdbcTemplate jdbc;
    private final ConfigurationCache cache;

    ConfigurationAdminController(JdbcTemplate jdbc, ConfigurationCache cache) {
        this.jdbc = jdbc;
        this.cache = cache;
    }

    /** Everything as the service reads it now: valid rows and each bad row with its reason. */
    @GetMapping
    ConfigSnapshot current() {
        return cache.refreshNow();
    }

    @PutMapping("/merchants/{id}")
    MerchantConfig putMerchant(@PathVariable int id, @RequestBody JsonNode value) {
        MerchantConfig merchant = ConfigurationReader.merchant(id, value);
        jdbc.update("INSERT INTO soc_processing_merchants (id, value) VALUES (?, ?::jsonb)"
                + " ON CONFLICT (id) DO UPDATE SET value = EXCLUDED.value", id, value.toString());
        cache.refreshNow();
        return merchant;
    }

    @PutMapping("/terminals/{terminalId}")
    TerminalConfig putTerminal(@PathVariable String terminalId, @RequestBody JsonNode value) {
        TerminalConfig terminal = ConfigurationReader.terminal(terminalId, value);
        jdbc.update("INSERT INTO soc_processing_terminals (TerminalID, value) VALUES (?, ?::jsonb)"
                + " ON CONFLICT (TerminalID) DO UPDATE SET value = EXCLUDED.value", terminalId, value.toString());
        cache.refreshNow();
        return terminal;
    }

    /** {@code {"merchant": 1}}; the merchant must exist (else the store could never pay). */
    @PutMapping("/stores/{storeId}")
    StoreConfig putStore(@PathVariable String storeId, @RequestBody Map<String, Integer> body) {
        Integer merchant = body.get("merchant");
        if (merchant == null) {
            throw new IllegalArgumentException("merchant is required");
        }
        if (storeId.length() > 128) {
            throw new IllegalArgumentException("StoreID is longer than 128 characters");
        }
        List<Integer> known = jdbc.queryForList("SELECT id FROM soc_processing_merchants WHERE id = ?", Integer.class,
                merchant);
        if (known.isEmpty()) {
            throw new IllegalArgumentException("merchant " + merchant + " is not in soc_processing_merchants");
        }
        jdbc.update("INSERT INTO soc_processing_stores (StoreID, merchant) VALUES (?, ?)"
                + " ON CONFLICT (StoreID) DO UPDATE SET merchant = EXCLUDED.merchant", storeId, merchant);
        cache.refreshNow();
        return new StoreConfig(storeId, merchant);
    }

    @DeleteMapping("/stores/{storeId}")
    void deleteStore(@PathVariable String storeId) {
        jdbc.update("DELETE FROM soc_processing_stores WHERE StoreID = ?", storeId);
        cache.refreshNow();
    }

    @DeleteMapping("/merchants/{id}")
    void deleteMerchant(@PathVariable int id) {
        jdbc.update("DELETE FROM soc_processing_merchants WHERE id = ?", id);
        cache.refreshNow();
    }

    @DeleteMapping("/terminals/{terminalId}")
    void deleteTerminal(@PathVariable String terminalId) {
        jdbc.update("DELETE FROM soc_processing_terminals WHERE TerminalID = ?", terminalId);
        cache.refreshNow();
    }
}
