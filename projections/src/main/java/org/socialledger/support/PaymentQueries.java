package org.socialledger.support;

import static org.socialledger.projection.JdbcValues.instant;
import static org.socialledger.projection.JdbcValues.nullableLong;
import static org.socialledger.projection.JdbcValues.nullableUuid;
import static org.socialledger.projection.JdbcValues.timestamp;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.socialledger.api.payment.CancelInitiator;
import org.socialledger.api.payment.MaskedPan;
import org.socialledger.api.payment.Money;
import org.socialledger.api.payment.OperationId;
import org.socialledger.api.payment.PaymentId;
import org.socialledger.api.payment.PaymentState;
import org.socialledger.api.payment.ReceiptId;
import org.socialledger.api.payment.StoreId;
import org.socialledger.api.payment.TerminalId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What support and settlement ask of {@code payment_view}. Every value a caller gives travels as a
 * bind parameter; the only SQL chosen at run time is fixed text picked by the query's shape (which
 * filters are present, and the sort column from {@link FindPayments.SortBy}).
 */
@Component
public class PaymentQueries {

    /**
     * States in which the payment waits for the service or the till and should move within
     * minutes. DEBITED is not among them: a debited payment rests there until it is refunded, if
     * ever. CANCEL_EXPIRED is final but needs a person, so the stuck list shows it at any age.
     */
    static final Set<PaymentState> WAITING = EnumSet.of(PaymentState.REQUESTED, PaymentState.RESERVED,
            PaymentState.CONFIRMED, PaymentState.CANCELLING, PaymentState.REFUNDING);

    private static final String SELECT_VIEW = "SELECT * FROM payment_view ";

    private final NamedParameterJdbcTemplate jdbc;

    public PaymentQueries(JdbcTemplate jdbc) {
        this.jdbc = new NamedParameterJdbcTemplate(jdbc);
    }

    public Optional<PaymentView> find(PaymentId paymentId) {
        return jdbc.query(SELECT_VIEW + "WHERE payment_id = :id",
                new MapSqlParameterSource("id", paymentId.value()), PaymentQueries::view).stream().findFirst();
    }

    public PaymentPage search(FindPayments search) {
        MapSqlParameterSource parameters = new MapSqlParameterSource();
        StringBuilder where = new StringBuilder("WHERE TRUE");
        if (search.storeId() != null) {
            where.append(" AND store_id = :store");
            parameters.addValue("store", search.storeId().value());
        }
        if (search.terminalId() != null) {
            where.append(" AND terminal_id = :terminal");
            parameters.addValue("terminal", search.terminalId().value());
        }
        if (search.receiptId() != null) {
            where.append(" AND receipt_id = :receipt");
            parameters.addValue("receipt", search.receiptId().value());
        }
        if (search.state() != null) {
            where.append(" AND state = :state");
            parameters.addValue("state", search.state().name());
        }
        if (search.requestedFrom() != null) {
            where.append(" AND requested_at >= :requestedFrom");
            parameters.addValue("requestedFrom", timestamp(search.requestedFrom()));
        }
        if (search.requestedTo() != null) {
            where.append(" AND requested_at < :requestedTo");
            parameters.addValue("requestedTo", timestamp(search.requestedTo()));
        }
        if (search.cardLastFour() != null) {
            where.append(" AND card_last4 = :lastFour");
            parameters.addValue("lastFour", search.cardLastFour());
        }
        if (search.amountFrom() != null) {
            where.append(" AND social_amount >= :amountFrom");
            parameters.addValue("amountFrom", search.amountFrom().kopecks());
        }
        if (search.amountTo() != null) {
            where.append(" AND social_amount <= :amountTo");
            parameters.addValue("amountTo", search.amountTo().kopecks());
        }
        Long total = jdbc.queryForObject("SELECT count(*) FROM payment_view " + where, parameters, Long.class);
        parameters.addValue("limit", search.size());
        parameters.addValue("offset", (long) search.page() * search.size());
        List<PaymentView> items = jdbc.query(SELECT_VIEW + where + " ORDER BY " + orderBy(search)
                + " LIMIT :limit OFFSET :offset", parameters, PaymentQueries::view);
        return new PaymentPage(items, total == null ? 0 : total, search.page(), search.size());
    }

    public List<PaymentView> stuck(FindStuckPayments query) {
        return jdbc.query(SELECT_VIEW + """
                WHERE (state IN (:waiting) AND last_updated_at < :unchangedSince) OR state = :expired
                ORDER BY last_updated_at, payment_id
                LIMIT :limit
                """, new MapSqlParameterSource()
                .addValue("waiting", WAITING.stream().map(PaymentState::name).toList())
                .addValue("unchangedSince", timestamp(query.unchangedSince()))
                .addValue("expired", PaymentState.CANCEL_EXPIRED.name())
                .addValue("limit", query.limit()), PaymentQueries::view);
    }

    /** Each decline at its own time; a payment can count once per kind (its last decline of it). */
    public List<DeclineCount> declines(CountDeclines query) {
        return jdbc.query("""
                SELECT kind, reason, count(*) AS declines FROM (
                    SELECT 'RESERVATION' AS kind, reserve_decline_reason AS reason FROM payment_view
                    WHERE reserve_declined_at >= :from AND reserve_declined_at < :to
                    UNION ALL
                    SELECT 'DEBIT', debit_decline_reason FROM payment_view
                    WHERE debit_declined_at >= :from AND debit_declined_at < :to
                    UNION ALL
                    SELECT 'REFUND', refund_decline_reason FROM payment_view
                    WHERE refund_declined_at >= :from AND refund_declined_at < :to
                ) declined
                GROUP BY kind, reason
                ORDER BY declines DESC, kind, reason
                """, new MapSqlParameterSource()
                .addValue("from", timestamp(query.from()))
                .addValue("to", timestamp(query.to())),
                (row, n) -> new DeclineCount(DeclineCount.Kind.valueOf(row.getString("kind")), row.getString("reason"),
                        row.getLong("declines")));
    }

    /**
     * Debits, reversals and refunds, each on its own day. A reversal is a confirmed cancel of a
     * payment with a debit (the debit may even have been recorded late, after the cancel began):
     * the service reverses whatever it debited. A debit whose cancel gave up (CANCEL_EXPIRED) and
     * was never confirmed stays counted as debited: as far as anyone knows, the money was taken.
     */
    public List<SettlementTotal> settlement(FindSettlementTotals query) {
        return jdbc.query("""
                SELECT store_id, sp_code, day,
                       count(*) FILTER (WHERE movement = 'DEBIT') AS debits,
                       coalesce(sum(amount) FILTER (WHERE movement = 'DEBIT'), 0) AS debited,
                       count(*) FILTER (WHERE movement = 'REVERSAL') AS reversals,
                       coalesce(sum(amount) FILTER (WHERE movement = 'REVERSAL'), 0) AS reversed,
                       count(*) FILTER (WHERE movement = 'REFUND') AS refunds,
                       coalesce(sum(amount) FILTER (WHERE movement = 'REFUND'), 0) AS refunded
                FROM (
                    SELECT store_id, sp_code, 'DEBIT' AS movement, debited_amount AS amount,
                           (debited_at AT TIME ZONE :zone)::date AS day
                    FROM payment_view WHERE debited_at >= :from AND debited_at < :until
                    UNION ALL
                    SELECT store_id, sp_code, 'REVERSAL', debited_amount, (cancelled_at AT TIME ZONE :zone)::date
                    FROM payment_view
                    WHERE cancelled_at >= :from AND cancelled_at < :until AND debited_amount IS NOT NULL
                    UNION ALL
                    SELECT store_id, sp_code, 'REFUND', refunded_amount, (refunded_at AT TIME ZONE :zone)::date
                    FROM payment_view WHERE refunded_at >= :from AND refunded_at < :until
                ) movements
                GROUP BY store_id, sp_code, day
                ORDER BY day, store_id, sp_code
                """, new MapSqlParameterSource()
                .addValue("zone", query.zone().getId())
                .addValue("from", timestamp(query.from()))
                .addValue("until", timestamp(query.until())),
                (row, n) -> new SettlementTotal(new StoreId(row.getString("store_id")),
                        row.getObject("day", LocalDate.class), row.getString("sp_code"),
                        row.getLong("debits"), Money.kopecks(row.getLong("debited")),
                        row.getLong("reversals"), Money.kopecks(row.getLong("reversed")),
                        row.getLong("refunds"), Money.kopecks(row.getLong("refunded"))));
    }

    /** Picked from fixed text only: the request names an enum, never a column. */
    private static String orderBy(FindPayments search) {
        String direction = search.direction() == FindPayments.Direction.ASC ? "ASC" : "DESC";
        String column = switch (search.sortBy()) {
            case REQUESTED_AT -> "requested_at";
            case AMOUNT -> "social_amount";
        };
        return column + " " + direction + " NULLS LAST, requested_at " + direction + ", payment_id " + direction;
    }

    private static PaymentView view(ResultSet row, int rowNumber) throws SQLException {
        String cancelledFrom = row.getString("cancelled_from");
        String cancelInitiator = row.getString("cancel_initiator");
        return new PaymentView(
                new PaymentId(row.getObject("payment_id", UUID.class)),
                new StoreId(row.getString("store_id")),
                new TerminalId(row.getString("terminal_id")),
                new ReceiptId(row.getString("receipt_id")),
                new MaskedPan(row.getString("masked_pan")),
                row.getString("card_last4"),
                PaymentState.valueOf(row.getString("state")),
                row.getInt("merchant_config_id"),
                row.getString("sp_code"),
                new PaymentView.Amounts(money(row, "receipt_total"), money(row, "social_amount"),
                        money(row, "remainder"), money(row, "debited_amount"), money(row, "refunded_amount")),
                new PaymentView.Operations(operation(row, "reserve_operation_id"), row.getString("reservation_id"),
                        operation(row, "debit_operation_id"), operation(row, "cancel_operation_id"),
                        cancelInitiator == null ? null : CancelInitiator.valueOf(cancelInitiator),
                        cancelledFrom == null ? null : PaymentState.valueOf(cancelledFrom),
                        operation(row, "refund_operation_id"), row.getString("refund_receipt_id")),
                new PaymentView.Reasons(row.getString("last_reason"), row.getString("reserve_decline_reason"),
                        row.getString("debit_decline_reason"), row.getString("refund_decline_reason")),
                new PaymentView.Times(instant(row, "requested_at"), instant(row, "expires_at"),
                        instant(row, "reserved_at"), instant(row, "reserve_declined_at"),
                        instant(row, "confirmed_at"), instant(row, "debited_at"), instant(row, "debit_declined_at"),
                        instant(row, "cancel_requested_at"), instant(row, "cancel_give_up_at"),
                        instant(row, "cancelled_at"), instant(row, "cancel_expired_at"),
                        instant(row, "refund_requested_at"), instant(row, "refunded_at"),
                        instant(row, "refund_declined_at"), instant(row, "last_updated_at")),
                row.getBoolean("had_late_outcome"));
    }

    private static Money money(ResultSet row, String column) throws SQLException {
        Long kopecks = nullableLong(row, column);
        return kopecks == null ? null : Money.kopecks(kopecks);
    }

    private static OperationId operation(ResultSet row, String column) throws SQLException {
        UUID id = nullableUuid(row, column);
        return id == null ? null : new OperationId(id);
    }
}
