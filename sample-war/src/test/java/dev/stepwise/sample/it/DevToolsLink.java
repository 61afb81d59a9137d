package dev.stepwise.sample.it;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.json.Json;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A second Chrome DevTools Protocol connection to the Chromium that ChromeDriver started, for what ChromeDriver's
 * {@code executeCdpCommand} cannot do: commands to the browser target (permissions), commands to a page session
 * whose domain stays enabled, and the events they send. No Selenium DevTools module is needed (none would match
 * every Chromium): this speaks the protocol's JSON over the JDK's WebSocket. Every wait has a deadline.
 */
final class DevToolsLink implements AutoCloseable {

    /** One event: its method, its params and the session it came from (null for the browser target). */
    record Event(String method, Map<String, Object> params, String session) {
    }

    private static final Json JSON = new Json();
    private static final Duration ANSWER = Duration.ofSeconds(20);

    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<Map<String, Object>>> pending = new ConcurrentHashMap<>();
    private final List<Event> events = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    private DevToolsLink() {
    }

    /** Connects to the browser target of {@code chromium} through its debugger address. */
    static DevToolsLink to(ChromeDriver chromium) throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> options = (Map<String, Object>) chromium.getCapabilities()
                .getCapability("goog:chromeOptions");
        String address = String.valueOf(options.get("debuggerAddress")).replace("localhost", "127.0.0.1");
        HttpClient http = HttpClient.newBuilder().connectTimeout(ANSWER).build();
        HttpResponse<String> version = http.send(HttpRequest.newBuilder(URI.create("http://" + address
                + "/json/version")).timeout(ANSWER).build(), HttpResponse.BodyHandlers.ofString());
        Map<String, Object> info = JSON.toType(version.body(), Json.MAP_TYPE);
        DevToolsLink link = new DevToolsLink();
        link.socket = http.newWebSocketBuilder().connectTimeout(ANSWER)
                .buildAsync(URI.create(String.valueOf(info.get("webSocketDebuggerUrl"))), link.listener())
                .get(ANSWER.toSeconds(), TimeUnit.SECONDS);
        return link;
    }

    /** Sends {@code method} to the browser target and returns its result. */
    Map<String, Object> browser(String method, Map<String, Object> params) throws Exception {
        return send(null, method, params);
    }

    /**
     * Sends {@code method} with {@code params} in {@code session} (null: the browser target) and returns its
     * result; an error answer fails with the protocol's message.
     */
    Map<String, Object> send(String session, String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        Map<String, Object> message = new HashMap<>(Map.of("id", id, "method", method, "params", params));
        if (session != null) {
            message.put("sessionId", session);
        }
        CompletableFuture<Map<String, Object>> answer = new CompletableFuture<>();
        pending.put(id, answer);
        synchronized (this) {
            socket.sendText(JSON.toJson(message), true).get(ANSWER.toSeconds(), TimeUnit.SECONDS);
        }
        Map<String, Object> reply = answer.get(ANSWER.toSeconds(), TimeUnit.SECONDS);
        if (reply.containsKey("error")) {
            throw new IllegalStateException(method + ": " + reply.get("error"));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) reply.getOrDefault("result", Map.of());
        return result;
    }

    /** Attaches to the first page (tab) and returns the session id for {@link #send}. */
    String attachToPage() throws Exception {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> targets = (List<Map<String, Object>>) browser("Target.getTargets", Map.of())
                .get("targetInfos");
        Object page = targets.stream().filter(t -> "page".equals(t.get("type"))).findFirst()
                .orElseThrow(() -> new IllegalStateException("no page target in " + targets)).get("targetId");
        return String.valueOf(browser("Target.attachToTarget", Map.of("targetId", page, "flatten", true))
                .get("sessionId"));
    }

    /** {@return how many events named {@code method} that pass {@code test} have come so far} */
    synchronized int count(String method, Predicate<Map<String, Object>> test) {
        return (int) events.stream().filter(e -> e.method().equals(method) && test.test(e.params())).count();
    }

    /**
     * Waits (at most {@code within}) until more than {@code seen} events named {@code method} pass {@code test},
     * and returns the newest of them.
     */
    synchronized Map<String, Object> await(String method, Predicate<Map<String, Object>> test, int seen,
            Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (count(method, test) <= seen) {
            long left = Duration.between(Instant.now(), deadline).toMillis();
            if (left <= 0) {
                throw new IllegalStateException("no " + method + " within " + within + "; events: " + events);
            }
            wait(left);
        }
        List<Event> matching = events.stream().filter(e -> e.method().equals(method) && test.test(e.params()))
                .toList();
        return matching.get(matching.size() - 1).params();
    }

    private synchronized void received(String text) {
        Map<String, Object> message = JSON.toType(text, Json.MAP_TYPE);
        Object id = message.get("id");
        if (id != null) {
            CompletableFuture<Map<String, Object>> answer = pending.remove(((Number) id).intValue());
            if (answer != null) {
                answer.complete(message);
            }
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> params = (Map<String, Object>) message.getOrDefault("params", Map.of());
        events.add(new Event(String.valueOf(message.get("method")), params, (String) message.get("sessionId")));
        notifyAll();
    }

    private WebSocket.Listener listener() {
        return new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    String text = partial.toString();
                    partial.setLength(0);
                    received(text);
                }
                webSocket.request(1);
                return null;
            }
        };
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.abort();
        }
    }
}
