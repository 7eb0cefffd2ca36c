package org.socialledger.simulator.bank;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.HashSet;
import java.util.UUID;

/**
 * The money rules of the social processing service, in integer kopecks. Per card:
 * {@code available = limit - held - spent + refunded}, never negative. A reservation holds; a
 * debit turns the hold into spending; a cancel releases a hold or reverses a debit; a refund
 * returns a debit in full; a hold not debited within its ttl is released.
 *
 * <p>Every call is idempotent by operation id: the same id and body returns the first answer and
 * changes nothing; the same id with another body is a conflict. One lock keeps it simple and
 * exact: this is a simulator, correct before fast.
 */
public class BankLedger {

    /** The caller's mistake, answered with 400. */
    public static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message, null, false, false);
        }
    }

    /** The same operation id with another body, answered with 409. */
    public static final class Conflict extends RuntimeException {
        Conflict(String message) {
            super(message, null, false, false);
        }
    }

    private static final class Account {
        final SocialCard card;
        long held;
        long spent;
        long refunded;

        Account(SocialCard card) {
            this.card = card;
        }

        long available() {
            return card.limit() - held - spent + refunded;
        }
    }

    private enum Hold { HELD, DEBITED, CANCELLED, REFUNDED, EXPIRED }

    private static final class Reservation {
        final String reserveOperationId;
        final String cardHash;
        final ArrayNode items;
        final long amount;
        final Instant expiresAt;
        Hold hold = Hold.HELD;

        Reservation(String reserveOperationId, String cardHash, ArrayNode items, long amount, Instant expiresAt) {
            this.reserveOperationId = reserveOperationId;
            this.cardHash = cardHash;
            this.items = items;
            this.amount = amount;
            this.expiresAt = expiresAt;
        }
    }

    /** One operation as received: its body (for the conflict check), its answer, how often applied. */
    private record Operation(String type, JsonNode body, ObjectNode answer, Instant appliedAt, int processingPolls) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock;
    private final Map<String, Account> accounts = new LinkedHashMap<>();
    private final Map<String, Reservation> reservations = new LinkedHashMap<>();
    private final PriorityQueue<Reservation> byExpiry =
            new PriorityQueue<>((a, b) -> a.expiresAt.compareTo(b.expiresAt));
    private final Map<String, Operation> operations = new LinkedHashMap<>();
    private final Map<String, Integer> applied = new LinkedHashMap<>();
    private final Map<String, Integer> processingLeft = new LinkedHashMap<>();
    /** Reservations cancelled before their reserve arrived: a late reserve must not hold money. */
    private final Set<String> cancelledBeforeReserve = new HashSet<>();

    public BankLedger(Clock clock, List<SocialCard> cards) {
        this.clock = clock;
        cards.forEach(this::putCard);
    }

    public synchronized void putCard(SocialCard card) {
        Account existing = accounts.get(card.hash());
        Account account = new Account(card);
        if (existing != null) {
            account.held = existing.held;
            account.spent = existing.spent;
            account.refunded = existing.refunded;
        }
        accounts.put(card.hash(), account);
    }

    // --- the calls -------------------------------------------------------------------------

    public synchronized ObjectNode reserve(JsonNode body) {
        return idempotent("reserve", body, 0, () -> {
            String operationId = text(body, "operationId");
            requireIds(body);
            String receiptId = text(body, "receiptId");
            String cardHash = text(requireObject(body, "card"), "hash");
            long total = kopecks(body, "total");
            long ttlSeconds = body.path("ttlSeconds").asLong(300);
            JsonNode items = requireArray(body, "items");
            long sum = 0;
            for (JsonNode item : items) {
                sum += kopecks(item, "amount");
            }
            if (sum != total) {
                throw new BadRequest("total " + total + " is not the sum of the items " + sum);
            }
            if (receiptId.isBlank()) {
                throw new BadRequest("receiptId is required");
            }
            if (cancelledBeforeReserve.contains(operationId)) {
                return declined(operationId, "CANCELLED_BEFORE_RESERVE");
            }
            Account account = accounts.get(cardHash);
            if (account == null) {
                return declined(operationId, "UNKNOWN_CARD");
            }
            if (!account.card.social() || !account.card.spCode().equals(body.path("spCode").asText())) {
                return declined(operationId, "CARD_NOT_SOCIAL");
            }
            long available = account.available();
            ArrayNode approved = json.createArrayNode();
            long amount = 0;
            boolean anySocial = false;
            for (JsonNode item : items) {
                if (kopecks(item, "amount") == 0
                        || !account.card.covers(item.path("category").asText(null), item.path("code").asText(null))) {
                    continue;
                }
                anySocial = true;
                long pay = Math.min(kopecks(item, "amount"), available - amount);
                if (pay <= 0) {
                    break;
                }
                approved.addObject().put("line", item.path("line").asInt()).put("amount", pay);
                amount += pay;
            }
            if (!anySocial) {
                return declined(operationId, "NO_SOCIAL_ITEMS");
            }
            if (amount == 0) {
                return declined(operationId, "INSUFFICIENT_FUNDS");
            }
            Instant expiresAt = clock.instant().plusSeconds(ttlSeconds);
            Reservation reservation = new Reservation(operationId, cardHash, approved, amount, expiresAt);
            reservations.put(operationId, reservation);
            byExpiry.add(reservation);
            account.held += amount;
            ObjectNode answer = answer(operationId, "RESERVED");
            answer.put("reservationId", "R-" + UUID.nameUUIDFromBytes(operationId.getBytes()).toString().substring(0, 8));
            answer.set("items", approved.deepCopy());
            answer.put("amount", amount);
            answer.put("expiresAt", expiresAt.toString());
            return answer;
        });
    }

    public synchronized ObjectNode debit(JsonNode body) {
        return idempotent("debit", body, 0, () -> {
            String operationId = text(body, "operationId");
            requireIds(body);
            long amount = kopecks(body, "amount");
            Reservation reservation = reservations.get(text(body, "reserveOperationId"));
            if (reservation == null) {
                return declined(operationId, "UNKNOWN_RESERVATION");
            }
            if (reservation.hold == Hold.EXPIRED || reservation.hold == Hold.CANCELLED) {
                return declined(operationId, "RESERVATION_EXPIRED");
            }
            if (reservation.hold != Hold.HELD) {
                return declined(operationId, "ALREADY_DEBITED");
            }
            if (amount != reservation.amount) {
                return declined(operationId, "AMOUNT_MISMATCH");
            }
            Account account = accounts.get(reservation.cardHash);
            account.held -= amount;
            account.spent += amount;
            reservation.hold = Hold.DEBITED;
            ObjectNode answer = answer(operationId, "DEBITED");
            answer.put("amount", amount);
            return answer;
        });
    }

    public synchronized ObjectNode cancel(JsonNode body) {
        return idempotent("cancel", body, 0, () -> {
            String operationId = text(body, "operationId");
            requireIds(body);
            String reserveOperationId = text(body, "reserveOperationId");
            Reservation reservation = reservations.get(reserveOperationId);
            if (reservation == null) {
                cancelledBeforeReserve.add(reserveOperationId);
            } else {
                Account account = accounts.get(reservation.cardHash);
                if (reservation.hold == Hold.HELD) {
                    account.held -= reservation.amount;
                    reservation.hold = Hold.CANCELLED;
                } else if (reservation.hold == Hold.DEBITED) {
                    // A reversal: the spending is undone.
                    account.spent -= reservation.amount;
                    reservation.hold = Hold.CANCELLED;
                }
            }
            return answer(operationId, "CANCELLED");
        });
    }

    public synchronized ObjectNode refund(JsonNode body) {
        return idempotent("refund", body, 0, () -> {
            String operationId = text(body, "operationId");
            requireIds(body);
            long amount = kopecks(body, "amount");
            Reservation reservation = reservations.get(text(body, "reserveOperationId"));
            if (reservation == null || reservation.hold != Hold.DEBITED) {
                return declined(operationId, "NOT_DEBITED");
            }
            Map<Integer, Long> asked = new LinkedHashMap<>();
            for (JsonNode item : requireArray(body, "items")) {
                asked.put(item.path("line").asInt(), kopecks(item, "amount"));
            }
            Map<Integer, Long> debited = new LinkedHashMap<>();
            reservation.items.forEach(item -> debited.put(item.path("line").asInt(), item.path("amount").asLong()));
            if (amount != reservation.amount || !asked.equals(debited)) {
                return declined(operationId, "PARTIAL_REFUND_NOT_ALLOWED");
            }
            Account account = accounts.get(reservation.cardHash);
            account.refunded += amount;
            reservation.hold = Hold.REFUNDED;
            ObjectNode answer = answer(operationId, "REFUNDED");
            answer.put("amount", amount);
            return answer;
        });
    }

    /** {@code GET /operations/{id}}: the stored answer plus its type, or empty (404). */
    public synchronized Optional<ObjectNode> operation(String operationId) {
        expireHolds();
        Operation operation = operations.get(operationId);
        if (operation == null) {
            return Optional.empty();
        }
        int left = processingLeft.getOrDefault(operationId, 0);
        if (left > 0) {
            processingLeft.put(operationId, left - 1);
            ObjectNode processing = answer(operationId, "PROCESSING");
            processing.put("type", operation.type());
            return Optional.of(processing);
        }
        ObjectNode answer = operation.answer().deepCopy();
        answer.put("type", operation.type());
        return Optional.of(answer);
    }

    /** Make a received operation answer PROCESSING to the next {@code polls} status requests. */
    public synchronized void processingFor(String operationId, int polls) {
        processingLeft.put(operationId, polls);
    }

    /** How many times an operation id changed money: never more than once. */
    public synchronized int appliedCount(String operationId) {
        return applied.getOrDefault(operationId, 0);
    }

    public synchronized int maxAppliedCount() {
        return applied.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    // --- the ledger ------------------------------------------------------------------------

    public record CardBalance(String cardHash, long limit, long held, long spent, long refunded, long available) {
    }

    public synchronized List<CardBalance> balances() {
        expireHolds();
        List<CardBalance> balances = new ArrayList<>();
        accounts.values().forEach(account -> balances.add(new CardBalance(account.card.hash(), account.card.limit(),
                account.held, account.spent, account.refunded, account.available())));
        return balances;
    }

    public synchronized ObjectNode export() {
        ObjectNode ledger = json.createObjectNode();
        ArrayNode cards = ledger.putArray("cards");
        long held = 0;
        long spent = 0;
        long refunded = 0;
        for (CardBalance balance : balances()) {
            cards.addObject().put("cardHash", balance.cardHash()).put("limit", balance.limit())
                    .put("held", balance.held()).put("spent", balance.spent()).put("refunded", balance.refunded())
                    .put("available", balance.available());
            held += balance.held();
            spent += balance.spent();
            refunded += balance.refunded();
        }
        ArrayNode list = ledger.putArray("operations");
        operations.forEach((id, operation) -> list.addObject().put("operationId", id).put("type", operation.type())
                .put("status", operation.answer().path("status").asText())
                .put("amount", operation.answer().path("amount").asLong(0))
                .put("reserveOperationId", operation.body().path("reserveOperationId").asText(id))
                .put("receiptId", operation.body().path("receiptId").asText(""))
                .put("appliedAt", operation.appliedAt().toString()));
        ledger.putObject("totals").put("held", held).put("spent", spent).put("refunded", refunded)
                .put("netDebited", spent - refunded);
        return ledger;
    }

    // --- machinery -------------------------------------------------------------------------

    private interface Apply {
        ObjectNode apply();
    }

    private ObjectNode idempotent(String type, JsonNode body, int processingPolls, Apply apply) {
        expireHolds();
        String operationId = text(body, "operationId");
        Operation known = operations.get(operationId);
        if (known != null) {
            if (!known.type().equals(type) || !known.body().equals(body)) {
                throw new Conflict("operation " + operationId + " was already received with another body");
            }
            return known.answer().deepCopy();
        }
        ObjectNode answer = apply.apply();
        operations.put(operationId, new Operation(type, body.deepCopy(), answer, clock.instant(), processingPolls));
        if (!"DECLINED".equals(answer.path("status").asText())) {
            applied.merge(operationId, 1, Integer::sum);
        }
        return answer.deepCopy();
    }

    private void expireHolds() {
        Instant now = clock.instant();
        while (!byExpiry.isEmpty() && !byExpiry.peek().expiresAt.isAfter(now)) {
            Reservation reservation = byExpiry.poll();
            if (reservation.hold == Hold.HELD) {
                accounts.get(reservation.cardHash).held -= reservation.amount;
                reservation.hold = Hold.EXPIRED;
            }
        }
    }

    private ObjectNode answer(String operationId, String status) {
        ObjectNode answer = json.createObjectNode();
        answer.put("operationId", operationId);
        answer.put("status", status);
        return answer;
    }

    private ObjectNode declined(String operationId, String reason) {
        ObjectNode answer = answer(operationId, "DECLINED");
        answer.put("reason", reason);
        return answer;
    }

    private static void requireIds(JsonNode body) {
        for (String id : List.of("enterpriseId", "merchantId", "spCode", "terminalNo")) {
            text(body, id);
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw new BadRequest(field + " is required");
        }
        return node.asText();
    }

    private static long kopecks(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || !node.isIntegralNumber()) {
            throw new BadRequest(field + " must be a whole number of kopecks");
        }
        if (node.asLong() < 0) {
            throw new BadRequest(field + " must not be negative");
        }
        return node.asLong();
    }

    private static JsonNode requireObject(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || !node.isObject()) {
            throw new BadRequest(field + " must be an object");
        }
        return node;
    }

    private static JsonNode requireArray(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || !node.isArray()) {
            throw new BadRequest(field + " must be an array");
        }
        return node;
    }
}
