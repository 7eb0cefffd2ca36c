package org.socialledger.audit;

import java.util.List;

/** Narrows a query over {@code domain_event_entry e} to one store's payments. */
final class StoreFilter {

    private StoreFilter() {
    }

    /** Appends the condition (nothing when {@code storeId} is null) and its parameter. */
    static void append(StringBuilder sql, List<Object> parameters, String storeId) {
        if (storeId == null) {
            return;
        }
        // The store is named in each payment's first event.
        sql.append(' ').append("""
                 AND e.aggregate_identifier IN (SELECT r.aggregate_identifier FROM domain_event_entry r
                 WHERE r.sequence_number = 0 AND convert_from(r.payload, 'UTF8')::jsonb ->> 'storeId' = ?)""");
        parameters.add(storeId);
    }
}
