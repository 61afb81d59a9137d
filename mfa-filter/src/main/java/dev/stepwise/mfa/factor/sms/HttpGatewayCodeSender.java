package dev.stepwise.mfa.factor.sms;

import dev.stepwise.mfa.factor.otp.CodeDeliveryException;
import dev.stepwise.mfa.factor.otp.CodeDeliveryException.Reason;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A {@link CodeSender} for any SMS/voice gateway with an HTTP API: one {@code POST} per code, body from a
 * template, credential in a header — all from {@link HttpGatewaySettings}. Uses {@code java.net.http}; no
 * dependency.
 *
 * <pre>{@code
 * CodeSender sender = new HttpGatewayCodeSender(HttpGatewaySettings.json(
 *         URI.create("https://sms.example.net/v1/messages"), "Bearer " + token,
 *         "{\"to\":\"{to}\",\"text\":\"{message}\"}"));
 * }</pre>
 *
 * <p>Behaviour on failure, chosen so that a user is never sent two codes by accident:
 * <ul>
 *   <li>no connection (refused, unreachable, unknown host, connect timeout): tried again, up to
 *       {@link HttpGatewaySettings#maxConnectAttempts()} times in all, at once — nothing was sent;</li>
 *   <li>connected but no answer within {@link HttpGatewaySettings#requestTimeout()}: not retried, the gateway
 *       may have sent it ({@link Reason#TIMEOUT});</li>
 *   <li>any status but 2xx, redirects included (never followed: the body would go elsewhere): not retried
 *       ({@link Reason#REJECTED} with the status).</li>
 * </ul>
 * Exceptions and log lines name the gateway host, the status and the masked number — never the code, the body,
 * the credential, the URL's query or the full number. Thread-safe.
 */
public final class HttpGatewayCodeSender implements CodeSender {

    private static final System.Logger LOG = System.getLogger(HttpGatewayCodeSender.class.getName());

    private final HttpGatewaySettings settings;
    private final HttpClient client;

    /**
     * Creates the HTTP gateway code sender from its parts.
     *
     * @param settings the settings
     */
    public HttpGatewayCodeSender(HttpGatewaySettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public boolean supports(PhoneChannel channel) {
        return settings.channels().contains(channel);
    }

    @Override
    public void send(CodeMessage message) throws CodeDeliveryException {
        Objects.requireNonNull(message, "message");
        String gateway = HttpGatewaySettings.safe(settings.url());
        if (!supports(message.channel())) {
            throw new CodeDeliveryException(Reason.OTHER, "the gateway " + gateway + " is not configured for "
                    + message.channel().id());
        }
        HttpRequest request = request(message);
        int max = settings.maxConnectAttempts();
        for (int attempt = 1; ; attempt++) {
            HttpResponse<Void> response = post(request, gateway, attempt, max);
            if (response == null) {
                continue; // no connection yet, and attempts are left
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                LOG.log(System.Logger.Level.DEBUG, "Stepwise MFA: gateway " + gateway + " accepted a code by "
                        + message.channel().id() + " for " + message.to().masked() + " (HTTP " + status + ")");
                return;
            }
            throw new CodeDeliveryException(Reason.REJECTED, "gateway " + gateway + " answered HTTP " + status,
                    attempt, OptionalInt.of(status));
        }
    }

    /** The gateway request for {@code message}: the configured body, content type and authentication header. */
    private HttpRequest request(CodeMessage message) {
        String body = GatewayBody.render(settings.bodyTemplate(), settings.contentType(), Map.of(
                "to", message.to().e164(),
                "message", message.text(),
                "code", message.code().digits(),
                "channel", message.channel().id()));
        HttpRequest.Builder builder = HttpRequest.newBuilder(settings.url())
                .timeout(settings.requestTimeout())
                .header("Content-Type", settings.contentType())
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (!settings.authHeaderName().isEmpty()) {
            builder.header(settings.authHeaderName(), settings.authHeaderValue());
        }
        return builder.build();
    }

    /**
     * One attempt to post {@code request}: the gateway's response, or {@code null} when no connection was made
     * and another attempt is due. A request that was sent is never repeated (a second code could go out).
     */
    private HttpResponse<Void> post(HttpRequest request, String gateway, int attempt, int max)
            throws CodeDeliveryException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (HttpConnectTimeoutException e) {
            if (retry(attempt, max, gateway, e)) {
                return null;
            }
            throw new CodeDeliveryException(Reason.CONNECT, "no connection to " + gateway + " after " + attempt
                    + " attempts (connect timeout)", attempt, OptionalInt.empty());
        } catch (HttpTimeoutException e) {
            // connected and sent: the gateway may have delivered it, so a retry could send a second code
            throw new CodeDeliveryException(Reason.TIMEOUT, "no answer from " + gateway + " within "
                    + settings.requestTimeout(), attempt, OptionalInt.empty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CodeDeliveryException(Reason.OTHER, "interrupted while sending to " + gateway, attempt,
                    OptionalInt.empty());
        } catch (IOException e) {
            if (!isNoConnection(e)) {
                throw new CodeDeliveryException(Reason.OTHER, "sending to " + gateway + " failed ("
                        + e.getClass().getName() + ")", attempt, OptionalInt.empty());
            }
            if (retry(attempt, max, gateway, e)) {
                return null;
            }
            throw new CodeDeliveryException(Reason.CONNECT, "no connection to " + gateway + " after "
                    + attempt + " attempts (" + e.getClass().getSimpleName() + ")", attempt, OptionalInt.empty());
        }
    }

    private static boolean retry(int attempt, int max, String gateway, Exception e) {
        if (attempt >= max) {
            return false;
        }
        LOG.log(System.Logger.Level.DEBUG, "Stepwise MFA: no connection to " + gateway + " ("
                + e.getClass().getSimpleName() + "), attempt " + attempt + " of " + max + "; trying again");
        return true;
    }

    /** Whether the request certainly never reached the gateway. */
    private static boolean isNoConnection(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "HttpGatewayCodeSender[" + settings + "]";
    }
}
