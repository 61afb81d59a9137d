package dev.stepwise.mfa.factor.sms;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * An SMS gateway played by the JDK's HTTP server on 127.0.0.1, a free port. Records every request; answers with
 * {@link #status}; if {@link #hold} is set, a request waits for the latch (at most 10 s) before it is answered —
 * longer than any client timeout in these tests, so the client gives up first.
 */
final class FakeGateway implements AutoCloseable {

    record Received(String method, String path, Headers headers, String body) {
    }

    final List<Received> requests = new CopyOnWriteArrayList<>();
    /** Requests that reached {@code /elsewhere} (the target of a redirect). */
    final List<Received> elsewhere = new CopyOnWriteArrayList<>();
    volatile int status = 202;
    volatile String location;
    final CountDownLatch release = new CountDownLatch(1);
    volatile boolean hold;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();

    FakeGateway() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/send", exchange -> {
            requests.add(read(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders(), exchange.getRequestBody()));
            if (hold) {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (location != null) {
                exchange.getResponseHeaders().add("Location", location);
            }
            byte[] answer = "{\"id\":\"m-1\"}".getBytes(StandardCharsets.UTF_8);
            try {
                exchange.sendResponseHeaders(status, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            } catch (IOException clientGone) {
                // the client timed out and closed the connection
            } finally {
                exchange.close();
            }
        });
        server.createContext("/elsewhere", exchange -> {
            elsewhere.add(read(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders(), exchange.getRequestBody()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    private static Received read(String method, String path, Headers headers, InputStream body) throws IOException {
        Headers copy = new Headers();
        copy.putAll(headers);
        return new Received(method, path, copy, new String(body.readAllBytes(), StandardCharsets.UTF_8));
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    URI send() {
        return uri("/send");
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
