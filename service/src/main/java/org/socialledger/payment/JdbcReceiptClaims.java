package org.socialledger.payment;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.socialledger.api.payment.PaymentId;
import org.socialledger.api.payment.ReceiptId;
import org.socialledger.api.payment.ReceiptInProgressException;
import org.socialledger.api.payment.StoreId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Claims in {@code payment_receipt_claim}. It joins the command's transaction (the same
 * DataSource as the event store), so a claim exists exactly when its ReservationRequested does.
 */
@Component
class JdbcReceiptClaims implements ReceiptClaims {

    private final JdbcTemplate jdbc;

    JdbcReceiptClaims(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void claim(PaymentId paymentId, StoreId storeId, ReceiptId receiptId, Instant at) {
        // ON CONFLICT DO NOTHING instead of catching a unique violation: a failed statement would
        // poison the surrounding transaction. A concurrent claim blocks here until it commits.
        for (int attempt = 0; attempt < 3; attempt++) {
            int inserted = jdbc.update("""
                    INSERT INTO payment_receipt_claim (store_id, receipt_id, payment_id, claimed_at)
                    VALUES (?, ?, ?, ?) ON CONFLICT (store_id, receipt_id) DO NOTHING""",
                    storeId.value(), receiptId.value(), paymentId.value(), Timestamp.from(at));
            if (inserted == 1) {
                return;
            }
            List<UUID> holder = jdbc.queryForList(
                    "SELECT payment_id FROM payment_receipt_claim WHERE store_id = ? AND receipt_id = ?",
                    UUID.class, storeId.value(), receiptId.value());
            if (holder.isEmpty()) {
                continue; // released between the two statements: claim again
            }
            if (holder.get(0).equals(paymentId.value())) {
                return;
            }
            throw new ReceiptInProgressException(paymentId, storeId, receiptId, new PaymentId(holder.get(0)));
        }
        throw new IllegalStateException("receipt " + receiptId + " of store " + storeId
                + " is being claimed and released concurrently; try again");
    }

    @Override
    public void release(PaymentId paymentId) {
        jdbc.update("DELETE FROM payment_receipt_claim WHERE payment_id = ?", paymentId.value());
    }
}
