package org.socialledger.support;

import java.util.List;

/** One page of a {@link FindPayments} search and how many payments match in all. */
public record PaymentPage(List<PaymentView> items, long total, int page, int size) {

    public PaymentPage {
        items = List.copyOf(items);
    }

    public long pages() {
        return (total + size - 1) / size;
    }
}
