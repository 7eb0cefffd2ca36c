package org.socialledger.simulator.deploy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.socialledger.simulator.bank.Cards;
import org.socialledger.simulator.till.FleetOptions;

/**
 * The configuration an operator would enter in the integrator's tables: one merchant (the given
 * social processing url), the fleet's stores and terminals.
 *
 * @param qrTtlMinutes how long a reservation waits for the buyer, in the merchant's minutes
 */
public record ShopConfiguration(String bankUrl, int qrTtlMinutes, int stores, int tills) {

    public void write(Database database) throws SQLException {
        try (Connection connection = database.connect()) {
            try (PreparedStatement merchant = connection.prepareStatement("""
                    INSERT INTO soc_processing_merchants (id, value) VALUES (1, ?::jsonb)
                    ON CONFLICT (id) DO UPDATE SET value = EXCLUDED.value""")) {
                merchant.setString(1, """
                        {"url": "%s", "qrTtl": %d, "interval": 1, "timeout": 5, "cancel_lifetime": 1,
                         "enterprise_id": "E-DEMO", "merchant_id": "M-DEMO", "sp_code": "%s"}"""
                        .formatted(bankUrl, qrTtlMinutes, Cards.SP_CODE));
                merchant.executeUpdate();
            }
            for (int store = 0; store < stores; store++) {
                try (PreparedStatement row = connection.prepareStatement(
                        "INSERT INTO soc_processing_stores (StoreID, merchant) VALUES (?, 1) ON CONFLICT DO NOTHING")) {
                    row.setString(1, FleetOptions.storeId(store));
                    row.executeUpdate();
                }
            }
            for (int till = 0; till < tills; till++) {
                try (PreparedStatement row = connection.prepareStatement("""
                        INSERT INTO soc_processing_terminals (TerminalID, value) VALUES (?, ?::jsonb)
                        ON CONFLICT DO NOTHING""")) {
                    row.setString(1, FleetOptions.terminalId(till % Math.max(1, stores), till));
                    row.setString(2, "{\"TerminalNo\": \"T%04d\"}".formatted(till));
                    row.executeUpdate();
                }
            }
        }
    }
}
