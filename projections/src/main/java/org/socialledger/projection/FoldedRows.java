package org.socialledger.projection;

import java.sql.SQLException;
import org.socialledger.api.payment.event.PaymentEvent;

/**
 * One read model's rows for the payments that start within a rebuild's chunk, computed in memory
 * from the same values its handler writes, so that each row is written once (by COPY) instead of
 * once per event. An implementation mirrors its handler's SQL (insert, {@code ||} merge,
 * {@code COALESCE}, {@code GREATEST}); ReplayTest proves the tables come out identical.
 */
public interface FoldedRows {

    /** Folds the next event of a payment whose first event (its ReservationRequested) was folded here. */
    void fold(PaymentEvent event);

    /** {@code COPY table (columns) FROM STDIN}, for the rows {@link #write} produces. */
    String copyStatement();

    /** Every folded row, one value per column of {@link #copyStatement()}. */
    void write(CopyRows out) throws SQLException;
}
