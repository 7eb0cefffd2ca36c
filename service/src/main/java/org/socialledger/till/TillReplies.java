package org.socialledger.till;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.socialledger.api.payment.PaymentId;
import org.socialledger.api.payment.PaymentState;
import org.socialledger.api.payment.SocialLine;
import org.springframework.stereotype.Component;

/** The reply bodies of pos-protocol.md: {@code operation} echoed, {@code result}, and its payload. */
@Component
public class TillReplies {

    private final ObjectMapper json = new ObjectMapper();

    public ObjectNode error(String operation, ErrorCode code, String message) {
        ObjectNode reply = base(operation, "error");
        reply.put("code", code.name());
        reply.put("message", message);
        return reply;
    }

    public ObjectNode invalidState(String operation, PaymentId paymentId, PaymentState state, String message) {
        ObjectNode reply = error(operation, ErrorCode.INVALID_STATE, message);
        reply.put("paymentId", paymentId.toString());
        reply.put("state", state.name());
        return reply;
    }

    public ObjectNode receiptInProgress(PaymentId activePaymentId, String message) {
        ObjectNode reply = error("reserve", ErrorCode.RECEIPT_IN_PROGRESS, message);
        reply.put("paymentId", activePaymentId.toString());
        return reply;
    }

    public ObjectNode reserved(PaymentSnapshot payment) {
        ObjectNode reply = ok("reserve", payment.paymentId());
        reply.set("socialItems", items(payment.socialItems()));
        reply.put("socialAmount", payment.socialAmount().kopecks());
        reply.put("remainder", payment.remainder().kopecks());
        reply.put("expiresAt", payment.expiresAt().toString());
        return reply;
    }

    public ObjectNode debited(PaymentSnapshot payment) {
        ObjectNode reply = ok("debit", payment.paymentId());
        reply.put("debitedAmount", payment.debitedAmount().kopecks());
        reply.set("socialItems", items(payment.socialItems()));
        return reply;
    }

    public ObjectNode cancelled(PaymentId paymentId) {
        ObjectNode reply = ok("cancel", paymentId);
        reply.put("state", PaymentState.CANCELLED.name());
        return reply;
    }

    public ObjectNode refunded(PaymentSnapshot payment) {
        ObjectNode reply = ok("refund", payment.paymentId());
        reply.put("refundedAmount", payment.refundedAmount().kopecks());
        return reply;
    }

    public ObjectNode status(PaymentSnapshot payment) {
        ObjectNode reply = ok("status", payment.paymentId());
        reply.put("state", payment.state().name());
        reply.put("socialAmount", payment.socialAmount().kopecks());
        reply.put("debitedAmount", payment.debitedAmount().kopecks());
        reply.put("refundedAmount", payment.refundedAmount().kopecks());
        reply.set("socialItems", items(payment.socialItems()));
        reply.put("updatedAt", payment.updatedAt().toString());
        if (payment.lastReason() != null) {
            reply.put("reason", payment.lastReason());
        }
        return reply;
    }

    public ObjectNode declined(String operation, PaymentId paymentId, String reason) {
        ObjectNode reply = base(operation, "declined");
        reply.put("paymentId", paymentId.toString());
        reply.put("reason", reason);
        return reply;
    }

    /** The service has not answered by the reply deadline: ask again with {@code status}. */
    public ObjectNode pending(String operation, PaymentId paymentId, PaymentState state) {
        ObjectNode reply = base(operation, "pending");
        reply.put("paymentId", paymentId.toString());
        if (state != null) {
            reply.put("state", state.name());
        }
        return reply;
    }

    private ObjectNode ok(String operation, PaymentId paymentId) {
        ObjectNode reply = base(operation, "ok");
        reply.put("paymentId", paymentId.toString());
        return reply;
    }

    private ObjectNode base(String operation, String result) {
        ObjectNode reply = json.createObjectNode();
        if (operation != null) {
            reply.put("operation", operation);
        } else {
            reply.putNull("operation");
        }
        reply.put("result", result);
        return reply;
    }

    private ArrayNode items(List<SocialLine> lines) {
        ArrayNode items = json.createArrayNode();
        for (SocialLine line : lines) {
            items.addObject().put("line", line.line()).put("amount", line.amount().kopecks());
        }
        return items;
    }
}
