package org.socialledger.support.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Just enough of the Chrome DevTools Protocol to drive one page of a headless Chromium from a test:
 * navigate, evaluate JavaScript, wait for text, take a screenshot. No Selenium and no driver binary
 * to match to the browser's version: the protocol is JSON over the WebSocket Chromium opens itself.
 */
final class HeadlessChromium implements AutoCloseable {

    /** Debian's package; {@code -Dledger.test.chromium=...} names another build (or none, to see the skip). */
    static final Path BINARY = Path.of(System.getProperty("ledger.test.chromium", "/usr/bin/chromium"));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final Path profile;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Connection browser;
    private final Connection page;

    private HeadlessChromium(Process process, Path profile, String browserUrl) {
        this.process = process;
        this.profile = profile;
        this.browser = new Connection(http, browserUrl);
        String targetId = browser.call("Target.createTarget", Map.of("url", "about:blank")).path("targetId").asText();
        // The browser endpoint is ws://host:port/devtools/browser/<id>; each page has its own beside it.
        this.page = new Connection(http, browserUrl.replaceFirst("/devtools/browser/.*$", "/devtools/page/" + targetId));
        page.call("Page.enable", Map.of());
        page.call("Runtime.enable", Map.of());
    }

    static HeadlessChromium start() throws IOException {
        Path profile = Files.createTempDirectory("chromium-profile-");
        Process process = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--remote-debugging-port=0", "--window-size=1400,1000",
                "--user-data-dir=" + profile, "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        CompletableFuture<String> listening = new CompletableFuture<>();
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        // Chromium names its DevTools endpoint on stderr; the reader keeps draining afterwards so a
        // chatty browser never blocks on a full pipe.
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.add(line);
                    Matcher matcher = LISTENING.matcher(line);
                    if (matcher.find()) {
                        listening.complete(matcher.group(1));
                    }
                }
                listening.completeExceptionally(new IllegalStateException("chromium exited: " + output));
            } catch (IOException e) {
                listening.completeExceptionally(e);
            }
        }, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        try {
            return new HeadlessChromium(process, profile, listening.get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        } catch (InterruptedException | ExecutionException | TimeoutException | RuntimeException e) {
            stop(process, profile);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("chromium did not start; it said: " + output, e);
        }
    }

    void navigate(String url) {
        JsonNode result = page.call("Page.navigate", Map.of("url", url));
        if (result.hasNonNull("errorText")) {
            throw new IllegalStateException("cannot open " + url + ": " + result.get("errorText").asText());
        }
    }

    /** The value of a JavaScript expression in the page; promises are awaited. */
    JsonNode evaluate(String expression) {
        JsonNode result = page.call("Runtime.evaluate",
                Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("the page threw on `" + expression + "`: " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** Waits until the expression is true in the page, re-evaluating it; fails with what the page shows. */
    void waitUntil(String description, String expression, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (evaluate("Boolean(" + expression + ")").asBoolean()) {
                    return;
                }
            } catch (IllegalStateException stillLoading) {
                // A navigation in progress destroys the context mid-evaluation: ask again.
            }
            pause();
        }
        throw new AssertionError("timed out after " + timeout + " waiting for " + description + "; the page shows:\n"
                + evaluate("document.body ? document.body.innerText : '(no body)'").asText());
    }

    /** Waits until the page's visible text contains {@code text}. */
    void waitForText(String text, Duration timeout) {
        waitUntil("text \"" + text + "\"", "document.body && document.body.innerText.includes(" + quote(text) + ")",
                timeout);
    }

    void screenshot(Path file) throws IOException {
        JsonNode shot = page.call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode(shot.path("data").asText()));
    }

    static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        try {
            page.close();
            browser.callQuietly("Browser.close");
            browser.close();
        } finally {
            stop(process, profile);
        }
    }

    private static void stop(Process process, Path profile) {
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        // Chromium's helper processes may still be letting go of files for a moment.
        for (int attempt = 0; attempt < 10 && Files.exists(profile); attempt++) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException | UncheckedIOException e) {
                // tried again below
            }
            if (Files.exists(profile)) {
                pause();
            }
        }
    }

    /** One DevTools WebSocket: calls matched to answers by id; events are not needed here and ignored. */
    private static final class Connection implements WebSocket.Listener {

        private final AtomicLong ids = new AtomicLong();
        private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
        private final StringBuilder partial = new StringBuilder();
        private final WebSocket socket;

        Connection(HttpClient http, String url) {
            this.socket = http.newWebSocketBuilder().connectTimeout(CALL_TIMEOUT)
                    .buildAsync(URI.create(url), this).join();
        }

        JsonNode call(String method, Map<String, Object> params) {
            long id = ids.incrementAndGet();
            CompletableFuture<JsonNode> answer = new CompletableFuture<>();
            pending.put(id, answer);
            ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
            message.set("params", JSON.valueToTree(params));
            try {
                socket.sendText(JSON.writeValueAsString(message), true).get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                JsonNode response = answer.get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                if (response.has("error")) {
                    throw new IllegalStateException(method + " failed: " + response.get("error"));
                }
                return response.path("result");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(method + " interrupted", e);
            } catch (ExecutionException | TimeoutException | IOException e) {
                throw new IllegalStateException(method + " got no answer", e);
            } finally {
                pending.remove(id);
            }
        }

        void callQuietly(String method) {
            try {
                call(method, Map.of());
            } catch (IllegalStateException browserGoneAlready) {
                // closing anyway
            }
        }

        void close() {
            if (!socket.isOutputClosed()) {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally(ignored -> null);
            }
            socket.abort();
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                answer(text);
            }
            webSocket.request(1);
            return null;
        }

        private void answer(String text) {
            try {
                JsonNode message = JSON.readTree(text);
                CompletableFuture<JsonNode> answer = message.has("id") ? pending.get(message.get("id").asLong()) : null;
                if (answer != null) {
                    answer.complete(message);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("DevTools sent something that is not JSON", e);
            }
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            pending.values().forEach(answer -> answer.completeExceptionally(error));
        }
    }
}
