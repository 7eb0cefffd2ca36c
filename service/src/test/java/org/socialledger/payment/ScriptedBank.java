package org.socialledger.payment;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.socialledger.api.payment.MerchantSettings;
import org.socialledger.api.payment.OperationId;
import org.socialledger.bank.CancelCall;
import org.socialledger.bank.DebitCall;
import org.socialledger.bank.RefundCall;
import org.socialledger.bank.ReserveCall;
import org.socialledger.bank.ServiceAnswer;
import org.socialledger.bank.SocialProcessingService;

/**
 * The service as a saga unit test scripts it: answers queued per call ("reserve", "debit",
 * "cancel", "refund", "status"), answered at once; the last one repeats. Records every call.
 */
final class ScriptedBank implements SocialProcessingService {

    record Call(String kind, OperationId operationId) {
    }

    private final Map<String, Deque<ServiceAnswer>> answers = new HashMap<>();
    private final List<Call> calls = new ArrayList<>();

    ScriptedBank answer(String kind, ServiceAnswer... script) {
        answers.computeIfAbsent(kind, k -> new ArrayDeque<>()).addAll(List.of(script));
        return this;
    }

    List<Call> calls() {
        return calls;
    }

    List<Call> calls(String kind) {
        return calls.stream().filter(call -> call.kind().equals(kind)).toList();
    }

    private CompletableFuture<ServiceAnswer> next(String kind, OperationId operationId) {
        calls.add(new Call(kind, operationId));
        Deque<ServiceAnswer> script = answers.get(kind);
        if (script == null || script.isEmpty()) {
            return CompletableFuture.completedFuture(new ServiceAnswer.Unknown("nothing scripted"));
        }
        return CompletableFuture.completedFuture(script.size() > 1 ? script.poll() : script.peek());
    }

    @Override
    public CompletableFuture<ServiceAnswer> reserve(MerchantSettings settings, ReserveCall call) {
        return next("reserve", call.operationId());
    }

    @Override
    public CompletableFuture<ServiceAnswer> debit(MerchantSettings settings, DebitCall call) {
        return next("debit", call.operationId());
    }

    @Override
    public CompletableFuture<ServiceAnswer> cancel(MerchantSettings settings, CancelCall call) {
        return next("cancel", call.operationId());
    }

    @Override
    public CompletableFuture<ServiceAnswer> refund(MerchantSettings settings, RefundCall call) {
        return next("refund", call.operationId());
    }

    @Override
    public CompletableFuture<ServiceAnswer> operation(MerchantSettings settings, OperationId operationId) {
        return next("status", operationId);
    }
}
