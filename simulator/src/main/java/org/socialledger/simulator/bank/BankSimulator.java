package org.socialledger.simulator.bank;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * bank-api.md over HTTP on the JDK's server, plus an admin API: {@code GET /admin/ledger} (the
 * reconciliation export), {@code POST /admin/cards} (add or change a card), {@code POST
 * /admin/faults/{call}} and {@code DELETE /admin/faults} (fault injection per call type).
 */
public final class BankSimulator implements AutoCloseable {

    public static final List<String> CALLS = List.of("reserve", "debit", "cancel", "refund", "status");

    private final ObjectMapper json = new ObjectMapper();
    /** Calls answered at once; with 200 ms of injected latency, that many in flight. */
    private static final int WORKERS = 512;

    private final BankLedger ledger;
    private final HttpServer server;
    private final ExecutorService workers;
    private final Map<String, Faults> faults = new ConcurrentHashMap<>();
    private final Random random;
    /** Faults that fired (not latency): what a drill reports as injected. */
    private final AtomicLong injected = new AtomicLong();

    private BankSimulator(BankLedger ledger, int port, long seed) throws IOException {
        // Without it the JDK's server leaves Nagle's algorithm on and each small answer waits ~40 ms
        // for the client's delayed ACK. Read once, when the first server starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        this.ledger = ledger;
        this.random = new Random(seed);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        workers = Executors.newFixedThreadPool(WORKERS, runnable -> {
            Thread thread = new Thread(runnable, "bank-simulator");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(workers);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts on {@code port} (0: any free port) with the given cards and the system clock. */
    public static BankSimulator start(int port, List<SocialCard> cards) throws IOException {
        return new BankSimulator(new BankLedger(Clock.systemUTC(), cards), port, 42);
    }

    public static BankSimulator start(int port, BankLedger ledger, long seed) throws IOException {
        return new BankSimulator(ledger, port, seed);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public BankLedger ledger() {
        return ledger;
    }

    public void faults(String call, Faults injected) {
        faults.put(call, injected);
    }

    public void clearFaults() {
        faults.clear();
    }

    /** How many calls got an injected fault (reset, 5xx, hang, lost answer, PROCESSING) so far. */
    public long injectedFaults() {
        return injected.get();
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            String requestId = exchange.getRequestHeaders().getFirst("X-Request-Id");
            if (requestId != null) {
                exchange.getResponseHeaders().add("X-Request-Id", requestId);
            }
            if (path.startsWith("/admin/")) {
                admin(exchange, method, path);
                return;
            }
            String call = path.startsWith("/operations/") ? "status" : path.substring(1);
            if (!CALLS.contains(call)) {
                send(exchange, 404, error("NOT_FOUND", "no such call " + path));
                return;
            }
            Faults fault = faults.getOrDefault(call, Faults.NONE);
            delay(fault);
            if (roll(fault.resetRate())) {
                return; // closing the exchange without headers drops the connection: no answer
            }
            if (roll(fault.errorRate())) {
                send(exchange, random.nextBoolean() ? 500 : 503, error("UNAVAILABLE", "injected failure"));
                return;
            }
            if ("status".equals(call)) {
                String operationId = path.substring("/operations/".length());
                ledger.operation(operationId).ifPresentOrElse(
                        answer -> send(exchange, 200, answer),
                        () -> send(exchange, 404, error("UNKNOWN_OPERATION", "operation " + operationId)));
                return;
            }
            JsonNode body = readBody(exchange);
            ObjectNode answer = switch (call) {
                case "reserve" -> ledger.reserve(body);
                case "debit" -> ledger.debit(body);
                case "cancel" -> ledger.cancel(body);
                default -> ledger.refund(body);
            };
            if (roll(fault.hangRate())) {
                sleep(fault.hangSeconds() * 1_000);
            }
            if (roll(fault.loseAnswerRate())) {
                send(exchange, 500, error("LOST", "applied, answer lost"));
                return;
            }
            if (roll(fault.processingRate())) {
                ledger.processingFor(body.path("operationId").asText(), fault.processingPolls());
                ObjectNode processing = json.createObjectNode();
                processing.put("operationId", body.path("operationId").asText());
                processing.put("status", "PROCESSING");
                send(exchange, 200, processing);
                return;
            }
            send(exchange, 200, answer);
        } catch (BankLedger.BadRequest e) {
            send(exchange, 400, error("BAD_REQUEST", e.getMessage()));
        } catch (BankLedger.Conflict e) {
            send(exchange, 409, error("CONFLICT", e.getMessage()));
        } catch (IOException e) {
            send(exchange, 400, error("BAD_REQUEST", "body is not JSON"));
        }
    }

    private void admin(HttpExchange exchange, String method, String path) throws IOException {
        if ("GET".equals(method) && "/admin/ledger".equals(path)) {
            send(exchange, 200, ledger.export());
        } else if ("POST".equals(method) && "/admin/cards".equals(path)) {
            ledger.putCard(json.treeToValue(readBody(exchange), SocialCard.class));
            send(exchange, 200, json.createObjectNode().put("result", "ok"));
        } else if ("POST".equals(method) && path.startsWith("/admin/faults/")) {
            String call = path.substring("/admin/faults/".length());
            faults(call, json.treeToValue(readBody(exchange), Faults.class));
            send(exchange, 200, json.createObjectNode().put("result", "ok"));
        } else if ("DELETE".equals(method) && "/admin/faults".equals(path)) {
            clearFaults();
            send(exchange, 200, json.createObjectNode().put("result", "ok"));
        } else {
            send(exchange, 404, error("NOT_FOUND", method + " " + path));
        }
    }

    private JsonNode readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            JsonNode body = json.readTree(in);
            if (body == null || !body.isObject()) {
                throw new IOException("not an object");
            }
            return body;
        }
    }

    private boolean roll(double rate) {
        if (rate <= 0) {
            return false;
        }
        boolean fires;
        synchronized (random) {
            fires = random.nextDouble() < rate;
        }
        if (fires) {
            injected.incrementAndGet();
        }
        return fires;
    }

    private void delay(Faults fault) {
        long jitter;
        synchronized (random) {
            jitter = fault.jitterMs() > 0 ? (long) (random.nextDouble() * fault.jitterMs()) : 0;
        }
        sleep(fault.latencyMs() + jitter);
    }

    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ObjectNode error(String code, String message) {
        return json.createObjectNode().put("error", code).put("message", message);
    }

    private void send(HttpExchange exchange, int status, JsonNode body) {
        try {
            byte[] bytes = json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (IOException e) {
            // the caller went away; nothing to tell
        }
    }
}
