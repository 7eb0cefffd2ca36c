package org.socialledger.bank;

import java.util.concurrent.CompletableFuture;
import org.socialledger.api.payment.MerchantSettings;
import org.socialledger.api.payment.OperationId;

/**
 * The port to the social processing service. Every call is asynchronous, so waiting for the
 * service never holds a thread of the ledger, and never fails: whatever happens on the wire is
 * a {@link ServiceAnswer} (an unknown outcome is one of them). Every call that moves money
 * carries the operation id chosen before it, so repeating it is safe.
 */
public interface SocialProcessingService {

    CompletableFuture<ServiceAnswer> reserve(MerchantSettings settings, ReserveCall call);

    CompletableFuture<ServiceAnswer> debit(MerchantSettings settings, DebitCall call);

    CompletableFuture<ServiceAnswer> cancel(MerchantSettings settings, CancelCall call);

    CompletableFuture<ServiceAnswer> refund(MerchantSettings settings, RefundCall call);

    /** {@code GET /operations/{id}}: what became of an operation, as the service sees it now. */
    CompletableFuture<ServiceAnswer> operation(MerchantSettings settings, OperationId operationId);
}
