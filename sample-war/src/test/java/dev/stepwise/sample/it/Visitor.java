package dev.stepwise.sample.it;

import dev.stepwise.mfa.factor.totp.TotpSecret;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;

/**
 * One person's browser in a narrative test: keeps cookies, never follows redirects by itself (so each 303
 * is asserted), and fills the library's forms the way a browser does (hidden fields included).
 */
final class Visitor {

    /**
     * The library's "trust this device" cookie over plain HTTP: its name carries the application's context path
     * ({@code /bank}), so that another application on the same host has its own.
     */
    static final String TRUST_COOKIE = "stepwise-trust-" + SampleDeployment.CONTEXT_ROOT.substring(1);

    /** Adaptive MFA's device id cookie, named for the application like {@link #TRUST_COOKIE}. */
    static final String DEVICE_COOKIE = "stepwise-device-" + SampleDeployment.CONTEXT_ROOT.substring(1);

    private final URL base;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    Visitor(URL base) {
        this.base = base;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Gives this browser a cookie it kept from an earlier visit. */
    Visitor withCookie(String name, String value) {
        return withCookie(name, value, "/");
    }

    /** Gives this browser a session id chosen by someone else (session fixation). */
    Visitor withSessionId(String id) {
        return withCookie("JSESSIONID", id, SampleDeployment.CONTEXT_ROOT);
    }

    private Visitor withCookie(String name, String value, String path) {
        // Stored as if the server had set it, so that the server's own Set-Cookie replaces it later.
        try {
            cookies.put(uri(""), Map.of("Set-Cookie", List.of(name + "=" + value + "; Path=" + path)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** Sends this header with every request (e.g. a forged X-Forwarded-For). */
    Visitor withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** Makes this visitor a script that sends {@code fetch()}'s default {@code Accept: *}{@code /*}. */
    Visitor asFetch() {
        accept = "*/*";
        return this;
    }

    /** Makes this visitor a script that asks for JSON. */
    Visitor asApiClient() {
        accept = "application/json";
        return this;
    }

    /** The origin this visitor's requests go to, as a browser writes it in {@code Origin}. */
    String origin() {
        return base.getProtocol() + "://" + base.getHost() + ":" + base.getPort();
    }

    URI uri(String path) {
        return SampleDeployment.resolve(base, path.startsWith("/") ? path.substring(1) : path);
    }

    /** A path such as {@code /bank/mfa/challenge} (from a Location header) made relative to the base URL. */
    String local(String location) {
        URI uri = URI.create(location);
        String p = uri.getRawPath();
        String root = SampleDeployment.CONTEXT_ROOT + "/";
        String local = p.startsWith(root) ? p.substring(root.length()) : p;
        return uri.getRawQuery() == null ? local : local + "?" + uri.getRawQuery();
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return getWith(Map.of(), path);
    }

    /** A GET with extra headers for this request only (they replace this visitor's own, Accept included). */
    HttpResponse<String> getWith(Map<String, String> extra, String path) throws IOException, InterruptedException {
        return http.send(request(path, extra).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String... nameValuePairs) throws IOException, InterruptedException {
        return postWith(Map.of(), path, nameValuePairs);
    }

    /** A form POST with extra headers for this request only, e.g. what a page on another site sends. */
    HttpResponse<String> postWith(Map<String, String> extra, String path, String... nameValuePairs)
            throws IOException, InterruptedException {
        return http.send(formPost(extra, path, nameValuePairs), HttpResponse.BodyHandlers.ofString());
    }

    /** Starts a GET and returns at once: for requests that must race each other. */
    CompletableFuture<HttpResponse<String>> getAsync(String path) {
        return http.sendAsync(request(path, Map.of()).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@link #submit} without waiting for the answer: for form posts that must race each other. */
    CompletableFuture<HttpResponse<String>> submitAsync(HttpResponse<String> page, String path,
                                                        String... nameValuePairs) {
        List<String> form = new ArrayList<>(List.of("stepwise_csrf", csrf(page)));
        form.addAll(List.of(nameValuePairs));
        return http.sendAsync(formPost(Map.of(), path, form.toArray(String[]::new)),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Submits {@code code} on the challenge page without waiting for the answer (see {@link #answerChallenge}). */
    CompletableFuture<HttpResponse<String>> answerChallengeAsync(HttpResponse<String> challengePage, String factor,
                                                                 String code) {
        return http.sendAsync(formPost(Map.of(), "mfa/challenge", challengeForm(challengePage, factor, code)),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, Map<String, String> extra) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Accept", accept);
        headers.forEach(b::header);
        extra.forEach(b::setHeader);
        return b;
    }

    private HttpRequest formPost(Map<String, String> extra, String path, String... nameValuePairs) {
        StringJoiner form = new StringJoiner("&");
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            form.add(URLEncoder.encode(nameValuePairs[i], StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(nameValuePairs[i + 1], StandardCharsets.UTF_8));
        }
        return request(path, extra).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build();
    }

    /** Follows the response's Location with a GET (what a browser does after 302/303). */
    HttpResponse<String> follow(HttpResponse<String> redirect) throws IOException, InterruptedException {
        return get(local(redirect.headers().firstValue("Location").orElseThrow()));
    }

    /** Follows redirects (at most five) until a page answers. */
    HttpResponse<String> followAll(HttpResponse<String> response) throws IOException, InterruptedException {
        HttpResponse<String> r = response;
        for (int hops = 0; hops < 5 && r.statusCode() / 100 == 3; hops++) {
            r = follow(r);
        }
        return r;
    }

    /** Signs in through the sample's login form: opens the page, then posts it with the page's CSRF token. */
    HttpResponse<String> signIn(String user, String password) throws IOException, InterruptedException {
        return submit(get("login"), "login", "username", user, "password", password);
    }

    /** Submits a form of {@code page} to {@code path} as a browser does: with the page's CSRF token. */
    HttpResponse<String> submit(HttpResponse<String> page, String path, String... nameValuePairs)
            throws IOException, InterruptedException {
        List<String> form = new ArrayList<>(List.of("stepwise_csrf", csrf(page)));
        form.addAll(List.of(nameValuePairs));
        return post(path, form.toArray(String[]::new));
    }

    /** Opens the sample's account page and submits one of its forms (transfer, email, …) to {@code path}. */
    HttpResponse<String> submitFromAccount(String path, String... nameValuePairs)
            throws IOException, InterruptedException {
        return submit(get("account"), path, nameValuePairs);
    }

    /** The session's CSRF token, from the library's settings page (signed in, past any login challenge). */
    String sessionToken() throws IOException, InterruptedException {
        return csrf(get("mfa/settings"));
    }

    /** Signs in as a {@link TestUsers} user (password only): the sample's answer, a redirect. */
    HttpResponse<String> signIn(String user) throws IOException, InterruptedException {
        return signIn(user, TestUsers.password(user));
    }

    /** Signs in as a {@link TestUsers} user and, when the login policy asks, passes {@link TestCodeFactor}. */
    Visitor signInWithTestCode(String user) throws IOException, InterruptedException {
        return signInWithTestCode(user, TestUsers.password(user));
    }

    /** Signs in and, when the login policy asks, passes {@link TestCodeFactor}: a factor proven just now. */
    Visitor signInWithTestCode(String user, String password) throws IOException, InterruptedException {
        signIn(user, password);
        HttpResponse<String> asked = get("account");
        if (asked.statusCode() == 303) {
            HttpResponse<String> passed = answerChallenge(follow(asked), TestCodeFactor.ID, TestCodeFactor.CODE);
            if (passed.statusCode() != 303) {
                throw new AssertionError(user + " did not pass the login challenge: " + passed.statusCode());
            }
        }
        return this;
    }

    /** Signs in as a {@link TestUsers} user who has a factor: the login challenge the library sends them to. */
    HttpResponse<String> signInToChallenge(String user) throws IOException, InterruptedException {
        signIn(user, TestUsers.password(user));
        HttpResponse<String> asked = get("account");
        if (asked.statusCode() != 303) {
            throw new AssertionError(user + " was not asked for a factor: " + asked.statusCode());
        }
        return follow(asked);
    }

    /**
     * Signs in as a {@link TestUsers} user who has {@link TestCodeFactor}, ticking "trust this device" on the
     * login challenge: the trust cookie this browser got. Checked on the way: the challenge offers the box, the
     * code passes, and the cookie lets a new browser in without a code (so that a later refusal is the test's
     * doing, not a bad cookie).
     */
    String signInTrustingThisDevice(String user) throws IOException, InterruptedException {
        HttpResponse<String> challenge = signInToChallenge(user);
        if (!challenge.body().contains("Trust this device")) {
            throw new AssertionError("the login challenge offers no \"Trust this device\":\n" + challenge.body());
        }
        HttpResponse<String> passed = answerChallenge(challenge, TestCodeFactor.ID, TestCodeFactor.CODE,
                "trust", "on");
        if (passed.statusCode() != 303) {
            throw new AssertionError(user + " did not pass the login challenge: " + passed.statusCode());
        }
        String trust = cookie(TRUST_COOKIE);
        if (trust == null) {
            throw new AssertionError("no trust cookie after ticking \"Trust this device\"");
        }
        Visitor again = new Visitor(base).withCookie(TRUST_COOKIE, trust);
        again.signIn(user);
        int asked = again.get("account").statusCode();
        if (asked != 200) {
            throw new AssertionError("the trusted browser was asked again: " + asked);
        }
        return trust;
    }

    /** Moves this session to another user in place (log out, log in, same session), through the test servlet. */
    HttpResponse<String> switchUser(String user) throws IOException, InterruptedException {
        return post("it/switch-user", "username", user, "password", TestUsers.password(user));
    }

    /** The CSRF token of a page (the library's or the sample's: one token per session); fails if it has none. */
    static String csrf(HttpResponse<String> page) {
        return PageParts.csrf(page).orElseThrow(() -> new AssertionError("no CSRF token on the page:\n"
                + page.body()));
    }

    /**
     * Submits {@code code} on the challenge page for {@code factor}, with every hidden field of the page's
     * challenge form (as a browser would) and {@code more} name/value pairs, e.g. {@code "trust", "on"}.
     */
    HttpResponse<String> answerChallenge(HttpResponse<String> challengePage, String factor, String code,
                                         String... more) throws IOException, InterruptedException {
        List<String> form = new ArrayList<>(List.of(challengeForm(challengePage, factor, code)));
        form.addAll(List.of(more));
        return post("mfa/challenge", form.toArray(String[]::new));
    }

    private static String[] challengeForm(HttpResponse<String> page, String factor, String code) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("stepwise_csrf", csrf(page));
        fields.putAll(PageParts.hiddenFields(page, "stepwise-challenge"));
        fields.put("factor", factor);
        fields.put("code", code);
        List<String> pairs = new ArrayList<>();
        fields.forEach((k, v) -> {
            pairs.add(k);
            pairs.add(v);
        });
        return pairs.toArray(String[]::new);
    }

    /**
     * Sets up an authenticator app on the library's settings page as a user does: "Set up" (a POST with the
     * token), then the code the app shows.
     *
     * @return the secret the page showed
     */
    TotpSecret enrolTotp() throws IOException, InterruptedException {
        return setUpAuthenticatorApp().secret();
    }

    /** What setting up an authenticator app left the user with (see {@link #setUpAuthenticatorApp}). */
    record AuthenticatorApp(TotpSecret secret, String confirmationCode, List<String> recoveryCodes) {
    }

    /**
     * {@link #enrolTotp()}, keeping what a test of the app needs afterwards: the code that confirmed the set-up
     * (already used) and the recovery codes shown this once (empty when none were offered).
     */
    AuthenticatorApp setUpAuthenticatorApp() throws IOException, InterruptedException {
        HttpResponse<String> begun = post("mfa/settings/totp", "stepwise_csrf", csrf(get("mfa/settings/totp")),
                "action", "begin");
        TotpSecret secret = PageParts.totpSecret(begun).orElseThrow(() -> new AssertionError(
                "no secret after \"Set up\" (" + begun.statusCode() + "):\n" + begun.body()));
        String code = TotpCodes.at(secret, backstage().serverTime());
        // the recovery codes to write down (when offered and none yet), else the settings page
        HttpResponse<String> confirmed = followAll(post("mfa/settings/totp", "stepwise_csrf", csrf(begun),
                "code", code));
        if (!confirmed.body().contains("Your authenticator app is set up.")) {
            throw new AssertionError("the authenticator app was not set up:\n" + confirmed.body());
        }
        return new AuthenticatorApp(secret, code, PageParts.recoveryCodes(confirmed));
    }

    /** The current session cookie's value, or null. */
    String sessionId() {
        return cookie("JSESSIONID");
    }

    /** The value of the cookie this browser holds under {@code name}, or null. */
    String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }

    /** Moves the library's clock forward (test deployments only). */
    void advanceClock(String isoDuration) throws IOException, InterruptedException {
        backstage().advanceClock(isoDuration);
    }

    /** The deployment's test hooks, called without this visitor's cookies. */
    Backstage backstage() {
        return new Backstage(base);
    }
}
