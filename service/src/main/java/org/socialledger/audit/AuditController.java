package org.socialledger.audit;

import java.time.Instant;
import java.util.List;
import org.socialledger.api.payment.PaymentId;
import org.socialledger.journal.JournalEntry;
import org.socialledger.journal.ListOperations;
import org.socialledger.till.PaymentSnapshot;
import org.socialledger.till.PaymentStatusReader;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** Auditor endpoints (role AUDITOR). */
@RestController
@RequestMapping("/api/audit")
class AuditController {

    private static final Instant NO_END = Instant.parse("9999-01-01T00:00:00Z");

    private final ChainVerifier verifier;
    private final EventExport export;
    private final PaymentStatusReader payments;
    private final JournalAt journal;

    AuditController(ChainVerifier verifier, EventExport export, PaymentStatusReader payments, JournalAt journal) {
        this.verifier = verifier;
        this.export = export;
        this.payments = payments;
        this.journal = journal;
    }

    /**
     * The operations journal as it stood at {@code at}, folded from the events stored by then;
     * optionally of one store, and of rows whose op_date (then) is in [from, to).
     */
    @GetMapping("/journal")
    List<JournalEntry> journalAt(@RequestParam Instant at, @RequestParam(required = false) String storeId,
                                 @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
                                 @RequestParam(defaultValue = "1000") int limit) {
        // By default every row: an event's own time (op_date) may be a little after the time it was stored.
        return journal.at(at, storeId, new ListOperations(from == null ? Instant.EPOCH : from,
                to == null ? NO_END : to, limit));
    }

    /** A payment as it stood at {@code at}: folded from the events stored by then. */
    @GetMapping("/payments/{paymentId}")
    ResponseEntity<PaymentSnapshot> paymentAt(@PathVariable String paymentId, @RequestParam Instant at) {
        return ResponseEntity.of(payments.read(PaymentId.of(paymentId), at));
    }

    /** Events of [from, to) as JSON Lines, streamed (constant memory); optionally of one store. */
    @GetMapping(value = "/events", produces = "application/x-ndjson")
    ResponseEntity<StreamingResponseBody> events(@RequestParam Instant from, @RequestParam Instant to,
                                                 @RequestParam(required = false) String storeId) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from " + from + " must be before to " + to);
        }
        StreamingResponseBody body = out -> export.write(from, to, storeId, out);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/x-ndjson")).body(body);
    }

    /** Walks the whole store; names every payment whose history was altered or has a gap. */
    @GetMapping("/verify")
    ChainVerifier.Report verify() {
        return verifier.verify();
    }
}
