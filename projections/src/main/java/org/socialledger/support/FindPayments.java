package org.socialledger.support;

import java.time.Instant;
import org.socialledger.api.payment.Money;
import org.socialledger.api.payment.PaymentState;
import org.socialledger.api.payment.ReceiptId;
import org.socialledger.api.payment.StoreId;
import org.socialledger.api.payment.TerminalId;

/**
 * A support search over payments; every criterion is optional (null) and they combine with AND.
 * Answered by {@link PaymentQueries#search(FindPayments)} with a {@link PaymentPage}.
 *
 * @param requestedFrom inclusive; {@code requestedTo} exclusive
 * @param cardLastFour  the last four digits of the card
 * @param amountFrom    the social amount, inclusive at both ends; equal bounds find one amount
 * @param page          0-based
 */
public record FindPayments(StoreId storeId, TerminalId terminalId, ReceiptId receiptId, PaymentState state,
                           Instant requestedFrom, Instant requestedTo, String cardLastFour, Money amountFrom,
                           Money amountTo, int page, int size, SortBy sortBy, Direction direction) {

    public static final int MAX_SIZE = 500;

    /** What a page is ordered by; ties are broken by payment id so pages never overlap. */
    public enum SortBy {
        REQUESTED_AT,
        /** The social amount; payments without one (not reserved) come last. */
        AMOUNT
    }

    public enum Direction {
        ASC,
        DESC
    }

    public FindPayments {
        if (page < 0) {
            throw new IllegalArgumentException("page must be 0 or more, got " + page);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("page size must be 1.." + MAX_SIZE + ", got " + size);
        }
        if (cardLastFour != null && !cardLastFour.matches("[0-9]{4}")) {
            throw new IllegalArgumentException("card last four must be 4 digits");
        }
        if (requestedFrom != null && requestedTo != null && !requestedFrom.isBefore(requestedTo)) {
            throw new IllegalArgumentException(
                    "requested from " + requestedFrom + " must be before requested to " + requestedTo);
        }
        if (amountFrom != null && amountTo != null && amountFrom.isGreaterThan(amountTo)) {
            throw new IllegalArgumentException("amount from " + amountFrom + " is above amount to " + amountTo);
        }
        sortBy = sortBy == null ? SortBy.REQUESTED_AT : sortBy;
        direction = direction == null ? Direction.DESC : direction;
    }

    /** Everything, newest first, {@code size} per page. */
    public static FindPayments all(int size) {
        return new FindPayments(null, null, null, null, null, null, null, null, null, 0, size, null, null);
    }

    public FindPayments inStore(StoreId store) {
        return new FindPayments(store, terminalId, receiptId, state, requestedFrom, requestedTo, cardLastFour,
                amountFrom, amountTo, page, size, sortBy, direction);
    }

    public FindPayments atTerminal(TerminalId terminal) {
        return new FindPayments(storeId, terminal, receiptId, state, requestedFrom, requestedTo, cardLastFour,
                amountFrom, amountTo, page, size, sortBy, direction);
    }

    public FindPayments forReceipt(ReceiptId receipt) {
        return new FindPayments(storeId, terminalId, receipt, state, requestedFrom, requestedTo, cardLastFour,
                amountFrom, amountTo, page, size, sortBy, direction);
    }

    public FindPayments inState(PaymentState wanted) {
        return new FindPayments(storeId, terminalId, receiptId, wanted, requestedFrom, requestedTo, cardLastFour,
                amountFrom, amountTo, page, size, sortBy, direction);
    }

    public FindPayments requestedBetween(Instant from, Instant to) {
        return new FindPayments(storeId, terminalId, receiptId, state, from, to, cardLastFour, amountFrom, amountTo,
                page, size, sortBy, direction);
    }

    public FindPayments withCardLastFour(String lastFour) {
        return new FindPayments(storeId, terminalId, receiptId, state, requestedFrom, requestedTo, lastFour,
                amountFrom, amountTo, page, size, sortBy, direction);
    }

    public FindPayments withAmount(Money exactly) {
        return withAmountBetween(exactly, exactly);
    }

    public FindPayments withAmountBetween(Money from, Money to) {
        return new FindPayments(storeId, terminalId, receiptId, state, requestedFrom, requestedTo, cardLastFour,
                from, to, page, size, sortBy, direction);
    }

    public FindPayments sortedBy(SortBy by, Direction in) {
        return new FindPayments(storeId, terminalId, receiptId, state, requestedFrom, requestedTo, cardLastFour,
                amountFrom, amountTo, page, size, by, in);
    }

    public FindPayments page(int number) {
        return new FindPayments(storeId, terminalId, receiptId, state, requestedFrom, requestedTo, cardLastFour,
                amountFrom, amountTo, number, size, sortBy, direction);
    }
}
