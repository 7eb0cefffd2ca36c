package org.socialledger.bank;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.concurrent.Executor;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialledger.api.payment.MerchantSettings;
import org.socialledger.api.payment.Money;
import org.socialledger.api.payment.OperationId;
import org.socialledger.api.payment.ReceiptLine;
import org.socialledger.api.payment.SocialLine;

/**
 * bank-api.md over {@code java.net.http}: asynchronous, so thousands of payments can wait on
 * the service without a thread each. Each call goes through the merchant's resilience4j
 * instances; anything that is not a clear answer becomes {@link ServiceAnswer.Unknown}, to be
 * resolved by asking about the operation later.
 */
public class HttpSocialProcessingClient implements SocialProcessingService {

    private static final Logger log = LoggerFactory.getLogger(HttpSocialProcessingClient.class);

    private final HttpClient http;
    private final MerchantResilience resilience;
    private final Executor answers;
    private final ObjectMapper json = new ObjectMapper();

    public HttpSocialProcessingClient(HttpClient http, MerchantResilience resilience, Executor answers) {
        this.http = http;
        this.resilience = resilience;
        this.answers = answers;
    }

    @Override
    public CompletableFuture<ServiceAnswer> reserve(MerchantSettings settings, ReserveCall call) {
        ObjectNode body = ids(settings, call.operationId());
        body.put("receiptId", call.receiptId().value());
        body.putObject("card").put("hash", call.card().hash().value())
                .put("maskedPan", call.card().maskedPan().value());
        ArrayNode items = body.putArray("items");
        for (ReceiptLine line : call.items()) {
            ObjectNode item = items.addObject()
                    .put("line", line.line()).put("code", line.code()).put("name", line.name())
                    .put("price", line.price().kopecks()).put("quantity", line.quantity().value())
                    .put("amount", line.amount().kopecks());
            if (line.category() != null) {
                item.put("category", line.category());
            }
        }
        body.put("total", call.total().kopecks());
        body.put("ttlSeconds", call.ttlSeconds());
        return post(settings, "/reserve", call.operationId(), body);
    }

    @Override
    public CompletableFuture<ServiceAnswer> debit(MerchantSettings settings, DebitCall call) {
        ObjectNode body = ids(settings, call.operationId());
        body.put("reserveOperationId", call.reserveOperationId().toString());
        body.put("amount", call.amount().kopecks());
        return post(settings, "/debit", call.operationId(), body);
    }

    @Override
    public CompletableFuture<ServiceAnswer> cancel(MerchantSettings settings, CancelCall call) {
        ObjectNode body = ids(settings, call.operationId());
        body.put("reserveOperationId", call.reserveOperationId().toString());
        body.put("reason", call.reason());
        return post(settings, "/cancel", call.operationId(), body);
    }

    @Override
    public CompletableFuture<ServiceAnswer> refund(MerchantSettings settings, RefundCall call) {
        ObjectNode body = ids(settings, call.operationId());
        body.put("reserveOperationId", call.reserveOperationId().toString());
        body.put("refundReceiptId", call.refundReceiptId());
        body.put("amount", call.amount().kopecks());
        ArrayNode items = body.putArray("items");
        for (SocialLine line : call.items()) {
            items.addObject().put("line", line.line()).put("amount", line.amount().kopecks());
        }
        return post(settings, "/refund", call.operationId(), body);
    }

    @Override
    public CompletableFuture<ServiceAnswer> operation(MerchantSettings settings, OperationId operationId) {
        HttpRequest request = request(settings, "/operations/" + operationId, operationId).GET().build();
        return send(settings, request, operationId);
    }

    private ObjectNode ids(MerchantSettings settings, OperationId operationId) {
        ObjectNode body = json.createObjectNode();
        body.put("operationId", operationId.toString());
        body.put("enterpriseId", settings.enterpriseId());
        body.put("merchantId", settings.merchantId());
        body.put("spCode", settings.spCode());
        body.put("terminalNo", settings.terminalNo());
        return body;
    }

    private CompletableFuture<ServiceAnswer> post(MerchantSettings settings, String path, OperationId operationId,
                                                  ObjectNode body) {
        HttpRequest request = request(settings, path, operationId)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        return send(settings, request, operationId);
    }

    private HttpRequest.Builder request(MerchantSettings settings, String path, OperationId operationId) {
        return HttpRequest.newBuilder(URI.create(settings.url().replaceFirst("/+$", "") + path))
                .header("X-Request-Id", operationId.toString())
                .header("Accept", "application/json")
                // A backstop only: resilience4j's time limit decides, from the same setting.
                .timeout(settings.timeout().plusSeconds(1));
    }

    private CompletableFuture<ServiceAnswer> send(MerchantSettings settings, HttpRequest request,
                                                  OperationId operationId) {
        Duration timeout = settings.timeout();
        return resilience.<HttpResponse<String>>call(settings.url(), timeout,
                        () -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(this::failOn5xx))
                // What follows an answer (the saga's command) runs on our few threads: the JDK's client
                // completes sendAsync on CompletableFuture's default executor, which on two cores is a new
                // thread per answer, so a burst of answers became as many threads competing for connections.
                .handleAsync((response, failure) -> failure == null
                        ? read(response)
                        : unknown(request, operationId, failure), answers)
                .toCompletableFuture();
    }

    /** A 5xx counts against the circuit (and a 502/503/504 may be retried: it was not taken). */
    private HttpResponse<String> failOn5xx(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 500) {
            throw new MerchantResilience.ServiceFailure("HTTP " + status, status == 502 || status == 503
                    || status == 504);
        }
        return response;
    }

    private ServiceAnswer unknown(HttpRequest request, OperationId operationId, Throwable failure) {
        Throwable cause = unwrap(failure);
        String why;
        if (cause instanceof CallNotPermittedException) {
            why = "circuit open";
        } else if (cause instanceof BulkheadFullException) {
            why = "bulkhead full";
        } else if (MerchantResilience.isTimeout(cause)) {
            why = "timeout";
        } else if (cause instanceof MerchantResilience.ServiceFailure serviceFailure) {
            why = serviceFailure.getMessage();
        } else if (cause instanceof IOException) {
            why = "connection: " + cause.getClass().getSimpleName();
        } else {
            why = cause.toString();
        }
        log.debug("{} {} for operation {}: outcome unknown ({})", request.method(), request.uri(), operationId, why);
        return new ServiceAnswer.Unknown(why);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private ServiceAnswer read(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status == 404) {
            // Resending is safe (same operation id), so any 404 counts as "never received".
            return new ServiceAnswer.NotFound();
        }
        JsonNode body;
        try {
            body = response.body() == null || response.body().isBlank() ? json.createObjectNode()
                    : json.readTree(response.body());
        } catch (IOException e) {
            return new ServiceAnswer.Unknown("unreadable answer (HTTP " + status + ")");
        }
        if (status == 409) {
            // Our own operation id with another body: a bug to look at; what the service did with
            // the first body is found by asking about the operation.
            log.error("The service refused operation {} as a conflict: {}", response.request().headers()
                    .firstValue("X-Request-Id").orElse("?"), body);
            return new ServiceAnswer.Unknown("conflict");
        }
        if (status == 400) {
            return new ServiceAnswer.Declined("BAD_REQUEST: " + body.path("error").asText("?"));
        }
        if (status != 200) {
            return new ServiceAnswer.Unknown("HTTP " + status);
        }
        return switch (body.path("status").asText()) {
            case "RESERVED" -> new ServiceAnswer.Reserved(body.path("reservationId").asText(null), lines(body),
                    Money.kopecks(body.path("amount").asLong()), instant(body.path("expiresAt")), data(body));
            case "DEBITED" -> new ServiceAnswer.Debited(Money.kopecks(body.path("amount").asLong()), data(body));
            case "CANCELLED" -> new ServiceAnswer.Cancelled(data(body));
            case "REFUNDED" -> new ServiceAnswer.Refunded(Money.kopecks(body.path("amount").asLong()), data(body));
            case "DECLINED" -> new ServiceAnswer.Declined(body.path("reason").asText("UNSPECIFIED"));
            case "PROCESSING" -> new ServiceAnswer.Processing();
            default -> new ServiceAnswer.Unknown("unexpected status \"" + body.path("status").asText() + "\"");
        };
    }

    private static List<SocialLine> lines(JsonNode body) {
        List<SocialLine> lines = new ArrayList<>();
        for (JsonNode item : body.path("items")) {
            lines.add(new SocialLine(item.path("line").asInt(), Money.kopecks(item.path("amount").asLong())));
        }
        return lines;
    }

    private static Instant instant(JsonNode node) {
        return node.isTextual() ? Instant.parse(node.asText()) : null;
    }

    /** The scalar fields of the answer beyond the ones read above: kept as the service's data. */
    private static Map<String, String> data(JsonNode body) {
        Map<String, String> data = new LinkedHashMap<>();
        body.fields().forEachRemaining(field -> {
            String name = field.getKey();
            if (field.getValue().isValueNode() && !field.getValue().isNull()
                    && !List.of("operationId", "status", "amount", "type").contains(name)) {
                data.put(name, field.getValue().asText());
            }
        });
        return data;
    }
}
