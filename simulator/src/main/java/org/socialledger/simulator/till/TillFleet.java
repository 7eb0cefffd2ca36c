package org.socialledger.simulator.till;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.Connection;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.socialledger.simulator.bank.Cards;
import org.socialledger.simulator.bank.SocialCard;

/**
 * N tills running receipts through the scenarios, each till one receipt at a time like a real
 * one. Every reply is checked against what the service's rules predict for the card used.
 */
public final class TillFleet {

    private final ObjectMapper json = new ObjectMapper();
    private final Connection connection;
    private final String queue;
    private final FleetOptions options;
    private final PrintStream out;
    private final Map<String, SocialCard> cards = new TreeMap<>();
    private final Receipts receipts = new Receipts();
    private final Latencies latencies = new Latencies();
    private final List<FleetResult.Payment> payments = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Integer> outcomes = new ConcurrentHashMap<>();
    private final List<String> mismatches = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicLong nextStartNanos = new AtomicLong();
    private final AtomicLong resends = new AtomicLong();

    public TillFleet(Connection connection, String queue, FleetOptions options, PrintStream out) {
        this.connection = connection;
        this.queue = queue;
        this.options = options;
        this.out = out;
        Cards.defaults().forEach(card -> cards.put(card.hash(), card));
    }

    public FleetResult run() throws InterruptedException {
        long begin = System.nanoTime();
        nextStartNanos.set(begin);
        ExecutorService tills = Executors.newFixedThreadPool(options.tills());
        for (int till = 0; till < options.tills(); till++) {
            int number = till;
            tills.submit(() -> runTill(number));
        }
        tills.shutdown();
        while (!tills.awaitTermination(2, TimeUnit.SECONDS)) {
            double seconds = (System.nanoTime() - begin) / 1e9;
            out.printf("  tills: %d/%d payments, %.0f/s, %d mismatches%n", completed.get(), options.payments(),
                    completed.get() / seconds, mismatches.size());
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        return new FleetResult(List.copyOf(payments), new TreeMap<>(outcomes), List.copyOf(mismatches),
                latencies.summaries(), seconds, completed.get(), resends.get());
    }

    private void runTill(int number) {
        Random random = new Random(options.seed() * 31 + number);
        int store = number % Math.max(1, options.stores());
        String terminal = FleetOptions.terminalId(store, number);
        try (TillChannel channel = new TillChannel(connection, queue)) {
            while (started.getAndIncrement() < options.payments()) {
                pace();
                Scenario scenario = draw(random);
                try {
                    play(channel, scenario, FleetOptions.storeId(store), terminal, random);
                } catch (IOException | TimeoutException | RuntimeException e) {
                    mismatches.add(scenario + ": " + e);
                }
                completed.incrementAndGet();
            }
            resends.addAndGet(channel.resends());
        } catch (IOException e) {
            mismatches.add("till " + terminal + " could not open its channel: " + e);
        }
    }

    /** Start payments no faster than the configured rate, across all tills. */
    private void pace() {
        if (options.rate() <= 0) {
            return;
        }
        long interval = (long) (1e9 / options.rate());
        long slot = nextStartNanos.getAndAdd(interval);
        long wait = slot - System.nanoTime();
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Scenario draw(Random random) {
        int total = options.mix().values().stream().mapToInt(Integer::intValue).sum();
        int pick = random.nextInt(total);
        for (Map.Entry<Scenario, Integer> entry : new TreeMap<>(options.mix()).entrySet()) {
            pick -= entry.getValue();
            if (pick < 0) {
                return entry.getKey();
            }
        }
        return Scenario.FULL_SOCIAL;
    }

    private void play(TillChannel till, Scenario scenario, String store, String terminal, Random random)
            throws IOException, TimeoutException {
        String card = switch (scenario) {
            case DECLINED_CARD -> random.nextBoolean() ? Cards.NOT_SOCIAL : Cards.UNKNOWN;
            case PARTIAL -> random.nextInt(10) == 0 ? Cards.NEARLY_EMPTY : Cards.LARGE_FAMILY;
            default -> random.nextBoolean() ? Cards.PENSIONER : Cards.LARGE_FAMILY;
        };
        int social = 1 + random.nextInt(3);
        int other = scenario == Scenario.FULL_SOCIAL ? 0 : scenario == Scenario.PARTIAL ? 1 + random.nextInt(2)
                : random.nextInt(2);
        ObjectNode receipt = receipts.receipt(store + "-" + java.util.UUID.randomUUID(), random, social, other);
        ObjectNode reserve = json.createObjectNode().put("operation", "reserve").put("storeId", store)
                .put("terminalId", terminal);
        reserve.set("receipt", receipt);
        reserve.putObject("card").put("hash", card)
                .put("maskedPan", "220012******%04d".formatted(Math.floorMod(card.hashCode(), 10_000)));

        JsonNode reserved;
        if (scenario == Scenario.DUPLICATE) {
            String messageId = java.util.UUID.randomUUID().toString();
            reserved = timed("reserve", () -> till.ask(messageId, reserve.toString(), options.replyTimeout()));
            JsonNode again = timed("reserve", () -> till.ask(messageId, reserve.toString(), options.replyTimeout()));
            if (!again.equals(reserved)) {
                mismatch(scenario, "a repeated message_id got another reply: " + again + " vs " + reserved);
            }
        } else {
            reserved = timed("reserve", () -> till.ask(reserve.toString(), options.replyTimeout()));
        }
        reserved = settle(till, reserved, "RESERVED", "DECLINED");
        String result = reserved.path("result").asText();
        String paymentId = reserved.path("paymentId").asText();

        if ("declined".equals(result)) {
            checkDecline(scenario, card, reserved);
            outcome(scenario, "declined " + reserved.path("reason").asText());
            // A reserve the bank never answered is cancelled when qrTtl passes, and the till is told
            // "declined" with reason "CANCELLED: ...": that payment ends CANCELLED, not DECLINED.
            String ends = reserved.path("reason").asText().startsWith("CANCELLED") ? "CANCELLED" : "DECLINED";
            payments.add(new FleetResult.Payment(paymentId, card, scenario, ends));
            return;
        }
        if (!"ok".equals(result)) {
            mismatch(scenario, "reserve answered " + reserved);
            return;
        }
        if (scenario == Scenario.DECLINED_CARD) {
            mismatch(scenario, "card " + card + " should have been declined: " + reserved);
        }
        checkReservation(scenario, cards.get(card), receipt, reserved);
        long social0 = reserved.path("socialAmount").asLong();

        switch (scenario) {
            case ABANDONED -> {
                payments.add(new FleetResult.Payment(paymentId, card, scenario, "CANCELLED"));
                outcome(scenario, "abandoned");
                return;
            }
            case BUYER_DECLINES -> {
                expect(scenario, cancel(till, paymentId), "ok");
                payments.add(new FleetResult.Payment(paymentId, card, scenario, "CANCELLED"));
                outcome(scenario, "cancelled");
                return;
            }
            default -> {
            }
        }
        JsonNode debited = timed("debit", () -> till.ask("""
                {"operation": "debit", "paymentId": "%s", "amount": %d}""".formatted(paymentId, social0),
                options.replyTimeout()));
        debited = settle(till, debited, "DEBITED", "CANCELLED");
        if (!"ok".equals(debited.path("result").asText()) || debited.path("debitedAmount").asLong(social0) != social0) {
            mismatch(scenario, "debit of " + social0 + " answered " + debited);
            if (debited.path("reason").asText().startsWith("CANCELLED")) {
                // refused because the reservation expired meanwhile: the payment must still end cancelled
                payments.add(new FleetResult.Payment(paymentId, card, scenario, "CANCELLED"));
            }
            return;
        }
        String expected = scenario.finalState();
        switch (scenario) {
            case VOIDED -> expect(scenario, cancel(till, paymentId), "ok");
            case REFUND -> expect(scenario, refund(till, paymentId, reserved.path("socialItems"), false), "ok");
            case PARTIAL_REFUND -> {
                JsonNode refused = refund(till, paymentId, reserved.path("socialItems"), true);
                if (!"PARTIAL_REFUND_NOT_ALLOWED".equals(refused.path("code").asText())) {
                    mismatch(scenario, "a partial refund answered " + refused);
                }
            }
            case STATUS -> {
                JsonNode status = timed("status", () -> till.ask("""
                        {"operation": "status", "paymentId": "%s"}""".formatted(paymentId), options.replyTimeout()));
                if (!"DEBITED".equals(status.path("state").asText())) {
                    mismatch(scenario, "status after debit answered " + status);
                }
            }
            default -> {
            }
        }
        payments.add(new FleetResult.Payment(paymentId, card, scenario, expected));
        outcome(scenario, expected.toLowerCase());
    }

    private JsonNode cancel(TillChannel till, String paymentId) throws IOException, TimeoutException {
        JsonNode answer = timed("cancel", () -> till.ask("""
                {"operation": "cancel", "paymentId": "%s", "reason": "BUYER_DECLINED"}""".formatted(paymentId),
                options.replyTimeout()));
        return settle(till, answer, "CANCELLED", "CANCEL_EXPIRED");
    }

    private JsonNode refund(TillChannel till, String paymentId, JsonNode socialItems, boolean partial)
            throws IOException, TimeoutException {
        ArrayNode items = json.createArrayNode();
        for (JsonNode item : socialItems) {
            long amount = item.path("amount").asLong();
            items.addObject().put("line", item.path("line").asInt()).put("amount", partial ? amount / 2 : amount);
        }
        ObjectNode request = json.createObjectNode().put("operation", "refund").put("paymentId", paymentId)
                .put("refundReceiptId", "RR-" + paymentId.substring(0, 8));
        request.set("items", items);
        JsonNode answer = timed("refund", () -> till.ask(request.toString(), options.replyTimeout()));
        return partial ? answer : settle(till, answer, "REFUNDED", "DEBITED");
    }

    /** A "pending" answer is followed with {@code status} until the payment reaches one of the states. */
    private JsonNode settle(TillChannel till, JsonNode answer, String... states) throws IOException, TimeoutException {
        if (!"pending".equals(answer.path("result").asText())) {
            return answer;
        }
        String paymentId = answer.path("paymentId").asText();
        for (int i = 0; i < 600; i++) {
            JsonNode status = till.ask("""
                    {"operation": "status", "paymentId": "%s"}""".formatted(paymentId), options.replyTimeout());
            for (String state : states) {
                if (state.equals(status.path("state").asText())) {
                    ObjectNode settled = status.deepCopy();
                    settled.put("result", "DECLINED".equals(state) ? "declined" : "ok");
                    return settled;
                }
            }
            sleep(500);
        }
        return answer;
    }

    private void checkDecline(Scenario scenario, String card, JsonNode declined) {
        String reason = declined.path("reason").asText();
        String expected = switch (card) {
            case Cards.NOT_SOCIAL -> "CARD_NOT_SOCIAL";
            case Cards.UNKNOWN -> "UNKNOWN_CARD";
            case Cards.NEARLY_EMPTY -> "INSUFFICIENT_FUNDS";
            default -> null;
        };
        if (!reason.equals(expected)) {
            mismatch(scenario, "card " + card + " declined with " + reason + ", expected " + expected);
        }
    }

    /** The service's rule: eligible lines in receipt order, each in full while funds last, part of the last. */
    private void checkReservation(Scenario scenario, SocialCard card, JsonNode receipt, JsonNode reserved) {
        long social = reserved.path("socialAmount").asLong();
        long total = receipt.path("total").asLong();
        if (reserved.path("remainder").asLong() != total - social) {
            mismatch(scenario, "remainder " + reserved.path("remainder") + " is not " + total + " - " + social);
        }
        long sum = 0;
        long eligible = 0;
        Map<Integer, Long> approved = new TreeMap<>();
        reserved.path("socialItems").forEach(item -> approved.put(item.path("line").asInt(), item.path("amount").asLong()));
        for (long amount : approved.values()) {
            sum += amount;
        }
        boolean shortSeen = false;
        for (JsonNode item : receipt.path("items")) {
            int line = item.path("line").asInt();
            boolean covered = card != null && cardCovers(card, item);
            Long paid = approved.get(line);
            if (!covered && paid != null) {
                mismatch(scenario, "line " + line + " (" + item.path("category").asText() + ") is not social for this card");
            }
            if (covered && item.path("amount").asLong() > 0) {
                eligible += item.path("amount").asLong();
                if (paid == null || paid < item.path("amount").asLong()) {
                    if (shortSeen && paid != null) {
                        mismatch(scenario, "more than one line paid in part");
                    }
                    shortSeen = true;
                }
            }
        }
        if (sum != social) {
            mismatch(scenario, "socialAmount " + social + " is not the sum of its lines " + sum);
        }
        boolean plenty = card != null && card.limit() >= 1_000_000L;
        if (plenty && social != eligible) {
            mismatch(scenario, "a card with money to spare got " + social + " of " + eligible + " eligible");
        }
        if (social > eligible) {
            mismatch(scenario, "reserved " + social + " of " + eligible + " eligible");
        }
    }

    private static boolean cardCovers(SocialCard card, JsonNode item) {
        String category = item.path("category").asText(null);
        String code = item.path("code").asText(null);
        return category != null && card.categories().contains(category)
                || code != null && card.codePrefixes().stream().anyMatch(code::startsWith);
    }

    private void expect(Scenario scenario, JsonNode answer, String result) {
        if (!result.equals(answer.path("result").asText())) {
            mismatch(scenario, "expected " + result + ", got " + answer);
        }
    }

    private void mismatch(Scenario scenario, String what) {
        mismatches.add(scenario + ": " + what);
    }

    private void outcome(Scenario scenario, String what) {
        outcomes.merge(scenario.name().toLowerCase() + " -> " + what, 1, Integer::sum);
    }

    private interface Request {
        JsonNode send() throws IOException, TimeoutException;
    }

    private JsonNode timed(String operation, Request request) throws IOException, TimeoutException {
        long start = System.nanoTime();
        JsonNode answer = request.send();
        latencies.record(operation, System.nanoTime() - start);
        return answer;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
