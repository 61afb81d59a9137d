package dev.stepwise.sample.it;

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
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One person's browser in a narrative test: keeps cookies, never follows redirects by itself (so each 303
 * is asserted), and fills the library's challenge form.
 */
final class Visitor {

    private static final Pattern CSRF = Pattern.compile("name=\"stepwise_csrf\" value=\"([^\"]+)\"");

    private final URL base;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;
    private final java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
    private String accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    Visitor(URL base) {
        this.base = base;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Gives this browser a cookie it kept from an earlier visit. */
    Visitor withCookie(String name, String value) {
        HttpCookie cookie = new HttpCookie(name, value);
        cookie.setPath("/");
        cookie.setVersion(0);
        cookies.getCookieStore().add(uri(""), cookie);
        return this;
    }

    /** Sends this header with every request (e.g. a forged X-Forwarded-For). */
    Visitor withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Accept", accept);
        headers.forEach(b::header);
        return b;
    }

    /** Makes this visitor a script that asks for JSON. */
    Visitor asApiClient() {
        accept = "application/json";
        return this;
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
        return http.send(request(path).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String... nameValuePairs) throws IOException, InterruptedException {
        StringJoiner form = new StringJoiner("&");
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            form.add(URLEncoder.encode(nameValuePairs[i], StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(nameValuePairs[i + 1], StandardCharsets.UTF_8));
        }
        return http.send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Follows the response's Location with a GET (what a browser does after 302/303). */
    HttpResponse<String> follow(HttpResponse<String> redirect) throws IOException, InterruptedException {
        return get(local(redirect.headers().firstValue("Location").orElseThrow()));
    }

    /** Signs in through the sample's login form: opens the page, then posts it with the page's CSRF token. */
    HttpResponse<String> signIn(String user, String password) throws IOException, InterruptedException {
        return submit(get("login"), "login", "username", user, "password", password);
    }

    /** The CSRF token of a page (the library's or the sample's: one token per session). */
    static String csrf(HttpResponse<String> page) {
        Matcher m = CSRF.matcher(page.body());
        if (!m.find()) {
            throw new AssertionError("no CSRF token on the page:\n" + page.body());
        }
        return m.group(1);
    }

    /** Submits a form of {@code page} to {@code path}, with the page's CSRF token, as a browser does. */
    HttpResponse<String> submit(HttpResponse<String> page, String path, String... nameValuePairs)
            throws IOException, InterruptedException {
        String[] form = new String[nameValuePairs.length + 2];
        form[0] = "stepwise_csrf";
        form[1] = csrf(page);
        System.arraycopy(nameValuePairs, 0, form, 2, nameValuePairs.length);
        return post(path, form);
    }

    /** Submits {@code code} on the challenge page for {@code factor}. */
    HttpResponse<String> answerChallenge(HttpResponse<String> challengePage, String factor, String code)
            throws IOException, InterruptedException {
        return post("mfa/challenge", "stepwise_csrf", csrf(challengePage), "factor", factor, "code", code);
    }

    /** The current session cookie's value, or null. */
    String sessionId() {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID"))
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }

    /** Moves the library's clock forward (test deployments only). */
    void advanceClock(String isoDuration) throws IOException, InterruptedException {
        // Sent without this visitor's cookies: the clock servlet is no page of theirs.
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri("it/clock"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("advance=" + isoDuration)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 204) {
            throw new AssertionError("clock not moved: " + r.statusCode());
        }
    }
}
