package dev.stepwise.mfa.factor.push;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A push service played by the JDK's HTTP server on 127.0.0.1, and the browser that subscribed to it: it holds
 * the user agent's key pair and auth secret, so it can open what it receives (as the browser would after the push
 * service forwarded it). Records every request; answers {@link #status}; with {@link #hold} a request waits for
 * the latch (at most 10 s) before it is answered — longer than any client timeout in these tests. Public for the
 * in-container tests of the push factor.
 */
public final class FakePushService implements AutoCloseable {

    /** One request as received, with the payload the user agent decrypted (or the failure to). */
    public record Received(String method, String path, Headers headers, byte[] body, byte[] payload, String failure) {
    }

    public final List<Received> requests = new CopyOnWriteArrayList<>();
    public volatile int status = 201;
    volatile boolean hold;
    final CountDownLatch release = new CountDownLatch(1);

    private final KeyPair userAgent = P256.generate(new SecureRandom());
    private final byte[] auth = new byte[16];
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();

    /**
     * Starts the service on a free port of 127.0.0.1.
     *
     * @throws IOException if no port can be had
     */
    public FakePushService() throws IOException {
        new SecureRandom().nextBytes(auth);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/push/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            requests.add(open(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders(), body));
            if (hold) {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            try {
                exchange.getResponseHeaders().add("Location", "/message/1");
                exchange.sendResponseHeaders(status, -1);
            } catch (IOException e) {
                // the client gave up first
            }
            exchange.close();
        });
        server.start();
    }

    private Received open(String method, String path, Headers headers, byte[] body) {
        try {
            byte[] payload = WebPushEncryption.decrypt(userAgent.getPrivate(), publicKey(), auth, body);
            return new Received(method, path, headers, body, payload, null);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return new Received(method, path, headers, body, null, e.toString());
        }
    }

    private byte[] publicKey() {
        return P256.encode((ECPublicKey) userAgent.getPublic());
    }

    /** {@return the origin, {@code http://127.0.0.1:port}} */
    public String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** {@return this browser's subscription, as its PushSubscription.toJSON() would give it} */
    public PushSubscription subscription() {
        return new PushSubscription(URI.create(origin() + "/push/subscription-7f3a"), publicKey(), auth);
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
