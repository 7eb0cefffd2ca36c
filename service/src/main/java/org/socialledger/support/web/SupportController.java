package org.socialledger.support.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.socialledger.api.payment.Money;
import org.socialledger.api.payment.PaymentId;
import org.socialledger.api.payment.PaymentState;
import org.socialledger.api.payment.ReceiptId;
import org.socialledger.api.payment.StoreId;
import org.socialledger.api.payment.TerminalId;
import org.socialledger.support.CountDeclines;
import org.socialledger.support.DeclineCount;
import org.socialledger.support.FindPayments;
import org.socialledger.support.FindSettlementTotals;
import org.socialledger.support.FindStuckPayments;
import org.socialledger.support.PaymentPage;
import org.socialledger.support.PaymentQueries;
import org.socialledger.support.PaymentView;
import org.socialledger.support.SettlementTotal;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What support comes for: find a payment, read its story, see what is stuck, declined, settled. */
@RestController
@RequestMapping("/api")
class SupportController {

    private final PaymentQueries payments;
    private final EventHistory events;
    private final Clock clock;

    SupportController(PaymentQueries payments, EventHistory events, Clock clock) {
        this.payments = payments;
        this.events = events;
        this.clock = clock;
    }

    /** Search; every filter optional; times ISO-8601; amounts in kopecks; newest first by default. */
    @GetMapping("/payments")
    PaymentPage search(@RequestParam(required = false) String storeId,
                       @RequestParam(required = false) String terminalId,
                       @RequestParam(required = false) String receiptId,
                       @RequestParam(required = false) PaymentState state,
                       @RequestParam(required = false) Instant from,
                       @RequestParam(required = false) Instant to,
                       @RequestParam(required = false) String cardLast4,
                       @RequestParam(required = false) Long amountFrom,
                       @RequestParam(required = false) Long amountTo,
                       @RequestParam(defaultValue = "0") int page,
                       @RequestParam(defaultValue = "50") int size,
                       @RequestParam(required = false) FindPayments.SortBy sort,
                       @RequestParam(required = false) FindPayments.Direction direction) {
        return payments.search(new FindPayments(storeId == null ? null : new StoreId(storeId),
                terminalId == null ? null : new TerminalId(terminalId),
                receiptId == null ? null : new ReceiptId(receiptId), state, from, to, cardLast4,
                amountFrom == null ? null : Money.kopecks(amountFrom), amountTo == null ? null : Money.kopecks(amountTo),
                page, size, sort, direction));
    }

    @GetMapping("/payments/{paymentId}")
    PaymentHistory payment(@PathVariable String paymentId) {
        PaymentId id = PaymentId.of(paymentId);
        PaymentView view = payments.find(id).orElseThrow(() -> new NotFoundException("payment " + id + " is not known"));
        return new PaymentHistory(view, events.of(id));
    }

    /** Non-final payments unchanged for longer than {@code olderThan}, and every CANCEL_EXPIRED one. */
    @GetMapping("/reports/stuck")
    List<PaymentView> stuck(@RequestParam(defaultValue = "PT10M") Duration olderThan,
                            @RequestParam(defaultValue = "200") int limit) {
        return payments.stuck(new FindStuckPayments(clock.instant(), olderThan, limit));
    }

    @GetMapping("/reports/declines")
    List<DeclineCount> declines(@RequestParam Instant from, @RequestParam Instant to) {
        return payments.declines(new CountDeclines(from, to));
    }

    /** The settlement report a postpaid programme is invoiced from: per store, day and programme. */
    @GetMapping(value = "/reports/settlement", produces = MediaType.APPLICATION_JSON_VALUE)
    List<SettlementTotal> settlement(@RequestParam LocalDate from, @RequestParam LocalDate to,
                                     @RequestParam(defaultValue = "Europe/Moscow") ZoneId zone) {
        return payments.settlement(new FindSettlementTotals(from, to, zone));
    }

    @GetMapping(value = "/reports/settlement", produces = "text/csv")
    ResponseEntity<String> settlementCsv(@RequestParam LocalDate from, @RequestParam LocalDate to,
                                         @RequestParam(defaultValue = "Europe/Moscow") ZoneId zone) {
        StringBuilder csv = new StringBuilder(
                "store_id,day,sp_code,debit_count,debited_kop,reversal_count,reversed_kop,refund_count,refunded_kop\n");
        for (SettlementTotal total : payments.settlement(new FindSettlementTotals(from, to, zone))) {
            csv.append(Csv.field(total.storeId().value())).append(',').append(total.day()).append(',')
                    .append(Csv.field(total.spCode())).append(',').append(total.debitCount()).append(',')
                    .append(total.debited().kopecks()).append(',').append(total.reversalCount()).append(',')
                    .append(total.reversed().kopecks()).append(',').append(total.refundCount()).append(',')
                    .append(total.refunded().kopecks()).append('\n');
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv; charset=UTF-8"))
                .header("Content-Disposition", "attachment; filename=\"settlement-" + from + "-" + to + ".csv\"")
                .body(csv.toString());
    }
}
