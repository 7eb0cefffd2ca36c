package org.socialledger.till;

import java.util.Optional;
import java.util.UUID;
import org.socialledger.api.payment.PaymentId;
import org.socialledger.api.payment.ReceiptId;
import org.socialledger.api.payment.StoreId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Finds the payment of a (store, receipt) for {@code status} asked by receipt. */
@Component
public class ReceiptLookup {

    private final JdbcTemplate jdbc;

    public ReceiptLookup(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The active payment of the receipt from the command side's claim (exact, no lag); when the
     * receipt has none, its latest payment from the support read model.
     */
    public Optional<PaymentId> find(StoreId storeId, ReceiptId receiptId) {
        Optional<UUID> active = jdbc.queryForList(
                        "SELECT payment_id FROM payment_receipt_claim WHERE store_id = ? AND receipt_id = ?",
                        UUID.class, storeId.value(), receiptId.value())
                .stream().findFirst();
        if (active.isPresent()) {
            return active.map(PaymentId::new);
        }
        return jdbc.queryForList("SELECT payment_id FROM payment_view WHERE store_id = ? AND receipt_id = ?"
                                + " ORDER BY requested_at DESC LIMIT 1", UUID.class, storeId.value(), receiptId.value())
                .stream().findFirst().map(PaymentId::new);
    }
}
