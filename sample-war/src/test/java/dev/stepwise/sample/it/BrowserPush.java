package dev.stepwise.sample.it;

import dev.stepwise.mfa.factor.push.PushSubscription;
import org.openqa.selenium.chrome.ChromeDriver;

import java.net.URL;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Web Push in a real Chromium without a push service: the browser's side of the push tests. Before any page
 * script runs, {@code PushManager.prototype.subscribe} is replaced by one that answers with {@code subscription}
 * (an endpoint at the test's local push service and the keys the test holds) and notes the options it was called
 * with; everything else is the browser's own: the notifications permission (granted or denied through DevTools),
 * the service worker's registration, and the push events that DevTools delivers to that worker.
 */
final class BrowserPush {

    /** A notification as {@code registration.getNotifications()} shows it. */
    record Shown(String title, String body, String tag, String lang) {
    }

    /** The key of {@code sessionStorage} where the replaced subscribe notes its options. */
    static final String NOTED = "stepwise-it-subscribe";

    private static final String PUSH_EVENTS = "pushMessaging";
    private static final Duration WITHIN = Duration.ofSeconds(20);

    private final ChromeDriver chromium;
    private final DevToolsLink devtools;
    private final String page;
    private final String origin;

    private BrowserPush(ChromeDriver chromium, DevToolsLink devtools, String page, String origin) {
        this.chromium = chromium;
        this.devtools = devtools;
        this.page = page;
        this.origin = origin;
    }

    /**
     * Prepares {@code chromium} for the site at {@code base}: notifications {@code granted} or denied, and a
     * subscribe that answers with {@code subscription}. Call before the first page of the site is opened.
     */
    static BrowserPush prepare(ChromeDriver chromium, DevToolsLink devtools, URL base, boolean granted,
            PushSubscription subscription) throws Exception {
        String origin = base.getProtocol() + "://" + base.getHost() + ":" + base.getPort();
        devtools.browser("Browser.setPermission", Map.of("origin", origin, "permission",
                Map.of("name", "notifications"), "setting", granted ? "granted" : "denied"));
        String page = devtools.attachToPage();
        devtools.send(page, "Page.enable", Map.of());
        devtools.send(page, "Page.addScriptToEvaluateOnNewDocument", Map.of("source", subscribeStub(subscription)));
        devtools.send(page, "BackgroundService.setRecording", Map.of("shouldRecord", true, "service", PUSH_EVENTS));
        devtools.send(page, "BackgroundService.startObserving", Map.of("service", PUSH_EVENTS));
        return new BrowserPush(chromium, devtools, page, origin);
    }

    /** From the next page on, {@code subscribe} fails as a push service that cannot be reached does. */
    void failSubscribe() throws Exception {
        devtools.send(page, "Page.addScriptToEvaluateOnNewDocument", Map.of("source", "if (window.PushManager) {"
                + " PushManager.prototype.subscribe = function () {"
                + " return Promise.reject(new DOMException('Registration failed - push service error',"
                + " 'AbortError')); }; }"));
    }

    /** The replacement of {@code PushManager.prototype.subscribe}: shaped like a real PushSubscription. */
    private static String subscribeStub(PushSubscription s) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String keys = "{p256dh: '" + b64.encodeToString(s.p256dh()) + "', auth: '" + b64.encodeToString(s.auth())
                + "'}";
        return "(function () {\n"
                + "  if (!window.PushManager) { return; }\n"
                + "  var endpoint = '" + s.endpoint() + "', keys = " + keys + ";\n"
                + "  function b64url(bytes) { var s = '';\n"
                + "    for (var i = 0; i < bytes.length; i++) { s += String.fromCharCode(bytes[i]); }\n"
                + "    return btoa(s).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, ''); }\n"
                + "  PushManager.prototype.subscribe = function (options) {\n"
                + "    var key = options && options.applicationServerKey;\n"
                + "    sessionStorage.setItem('" + NOTED + "', JSON.stringify({\n"
                + "      userVisibleOnly: !!(options && options.userVisibleOnly),\n"
                + "      applicationServerKey: key ? b64url(new Uint8Array(key.buffer || key)) : null }));\n"
                + "    var json = {endpoint: endpoint, expirationTime: null, keys: keys};\n"
                + "    return Promise.resolve({endpoint: endpoint, expirationTime: null, options: options,\n"
                + "      toJSON: function () { return JSON.parse(JSON.stringify(json)); },\n"
                + "      unsubscribe: function () { return Promise.resolve(true); } });\n"
                + "  };\n"
                + "})();";
    }

    /** {@return what the replaced subscribe noted (JSON), or null if push.js never called it} */
    String subscribeOptions() {
        return (String) chromium.executeScript("return sessionStorage.getItem('" + NOTED + "')");
    }

    /** {@return the service worker registration of the open page: scope and active script, or null} */
    Map<String, Object> registration() {
        return registration(chromium.getCurrentUrl());
    }

    /** {@return the service worker registration whose scope covers {@code url}: scope and active script, or null} */
    @SuppressWarnings("unchecked")
    Map<String, Object> registration(String url) {
        return (Map<String, Object>) chromium.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "navigator.serviceWorker.getRegistration(arguments[0]).then(function (r) {"
                + " done(r ? {scope: r.scope, active: r.active ? r.active.scriptURL : null} : null); },"
                + " function (e) { done(null); });", url);
    }

    /** {@return the DevTools id of the active registration whose scope ends with {@code scopeEnd}} */
    String registrationId(String scopeEnd) throws Exception {
        devtools.send(page, "ServiceWorker.enable", Map.of());
        Map<String, Object> update = devtools.await("ServiceWorker.workerRegistrationUpdated",
                p -> registrationIn(p, scopeEnd) != null, 0, WITHIN);
        return String.valueOf(registrationIn(update, scopeEnd).get("registrationId"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> registrationIn(Map<String, Object> update, String scopeEnd) {
        return ((List<Map<String, Object>>) update.get("registrations")).stream()
                .filter(r -> String.valueOf(r.get("scopeURL")).endsWith(scopeEnd)
                        && !Boolean.TRUE.equals(r.get("isDeleted")))
                .findFirst().orElse(null);
    }

    /**
     * Delivers {@code payload} (the plaintext a push service would have carried) to the worker of
     * {@code registrationId}, and waits until the worker has finished its push event.
     */
    void deliver(String registrationId, String payload) throws Exception {
        int before = devtools.count("BackgroundService.backgroundServiceEventReceived", BrowserPush::completed);
        devtools.send(page, "ServiceWorker.deliverPushMessage", Map.of("origin", origin, "registrationId",
                registrationId, "data", payload));
        devtools.await("BackgroundService.backgroundServiceEventReceived", BrowserPush::completed, before, WITHIN);
    }

    @SuppressWarnings("unchecked")
    private static boolean completed(Map<String, Object> params) {
        Map<String, Object> event = (Map<String, Object>) params.get("backgroundServiceEvent");
        return event != null && String.valueOf(event.get("eventName")).toLowerCase().contains("completed");
    }

    /** {@return the notifications of the open page's service worker registration, oldest first} */
    @SuppressWarnings("unchecked")
    List<Shown> notifications() {
        List<Map<String, Object>> shown = (List<Map<String, Object>>) chromium.executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                + "navigator.serviceWorker.getRegistration().then(function (r) { return r.getNotifications(); })"
                + ".then(function (ns) { done(ns.map(function (n) {"
                + " return {title: n.title, body: n.body, tag: n.tag, lang: n.lang}; })); },"
                + " function (e) { done([{title: 'error', body: String(e), tag: '', lang: ''}]); });");
        return shown.stream().map(n -> new Shown((String) n.get("title"), (String) n.get("body"),
                (String) n.get("tag"), (String) n.get("lang"))).toList();
    }
}
