package org.socialledger.support;

import java.time.LocalDate;
import org.socialledger.api.payment.Money;
import org.socialledger.api.payment.StoreId;

/**
 * What moved through one store under one programme on one day, each movement counted on the day
 * it happened: debits (late ones included), reversals (a confirmed cancel of a debited payment)
 * and refunds.
 */
public record SettlementTotal(StoreId storeId, LocalDate day, String spCode, long debitCount, Money debited,
                              long reversalCount, Money reversed, long refundCount, Money refunded) {

    /**
     * Debited − reversed − refunded, in kopecks. Signed, so not a {@link Money}: a day with more
     * returns than sales owes money back.
     */
    public long netKopecks() {
        return debited.kopecks() - reversed.kopecks() - refunded.kopecks();
    }
}
