package dev.stepwise.sample.it;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One browser of the soak on one node (a session never moves: the nodes share no sessions): its own cookies on a
 * client shared by all browsers (so that thousands of them cost no thread each), every request timed and handed to
 * the {@link ClusterSoakRecorder} under a kind ("login", "code", "statements", …).
 *
 * <p>{@link #passed()} is what the client knows: the browser saw its session pass MFA (the challenge's 303 after a
 * code it may use, or a trusted sign-in). A browser that has not passed must never see protected content; the
 * recorder checks every answer it gets against {@link ClusterSoakRecorder#protectedContent}.
 */
final class ClusterSoakBrowser {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final ClusterSoakRecorder recorder;
    private final URL base;
    private final int node;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private boolean passed;

    ClusterSoakBrowser(HttpClient http, ClusterSoakRecorder recorder, URL base, int node) {
        this.http = http;
        this.recorder = recorder;
        this.base = base;
        this.node = node;
    }

    /** A client for every browser of a run: HTTP/1.1, no redirects followed, no cookie handler (browsers keep theirs). */
    static HttpClient sharedClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    int node() {
        return node;
    }

    boolean passed() {
        return passed;
    }

    /** The client saw this session pass MFA. */
    void markPassed() {
        passed = true;
    }

    /** Keeps a cookie from an earlier visit (a trust cookie). */
    ClusterSoakBrowser withCookie(String name, String value) {
        cookies.put(name, value);
        return this;
    }

    String cookie(String name) {
        return cookies.get(name);
    }

    HttpResponse<String> get(String kind, String path) throws IOException, InterruptedException {
        return send(kind, request(path).GET().build());
    }

    /** A form POST with the {@code nameValuePairs} as they are (add the CSRF token yourself, or use {@link #submit}). */
    HttpResponse<String> post(String kind, String path, String... nameValuePairs)
            throws IOException, InterruptedException {
        StringJoiner form = new StringJoiner("&");
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            form.add(URLEncoder.encode(nameValuePairs[i], StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(nameValuePairs[i + 1], StandardCharsets.UTF_8));
        }
        return send(kind, request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build());
    }

    /** Submits a form of {@code page} to {@code path} as a browser does: with the page's CSRF token. */
    HttpResponse<String> submit(String kind, HttpResponse<String> page, String path, String... nameValuePairs)
            throws IOException, InterruptedException, ClusterSoakSignIns.Stop {
        List<String> form = new ArrayList<>(List.of("stepwise_csrf", csrf(kind, page)));
        form.addAll(List.of(nameValuePairs));
        return post(kind, path, form.toArray(String[]::new));
    }

    /** Follows a 302/303 with a GET, recorded as {@code kind}. */
    HttpResponse<String> follow(String kind, HttpResponse<String> redirect) throws IOException, InterruptedException {
        return get(kind, local(redirect.headers().firstValue("Location").orElseThrow(
                () -> new IllegalStateException("no Location on a " + redirect.statusCode()))));
    }

    /**
     * Submits {@code code} on the challenge page for {@code factor} with every hidden field of the page's challenge
     * form and {@code more} pairs (e.g. {@code "trust", "on"}).
     */
    HttpResponse<String> answer(String kind, HttpResponse<String> challenge, String factor, String code,
                                String... more) throws IOException, InterruptedException, ClusterSoakSignIns.Stop {
        List<String> form = new ArrayList<>(List.of("stepwise_csrf", csrf(kind, challenge)));
        PageParts.hiddenFields(challenge, "stepwise-challenge").forEach((k, v) -> {
            if (!k.equals("stepwise_csrf")) {
                form.add(k);
                form.add(v);
            }
        });
        form.addAll(List.of("factor", factor, "code", code));
        form.addAll(List.of(more));
        return post(kind, "mfa/challenge", form.toArray(String[]::new));
    }

    /** The page's CSRF token; a page without one (an error page) stops the journey. */
    private static String csrf(String kind, HttpResponse<String> page) throws ClusterSoakSignIns.Stop {
        return PageParts.csrf(page).orElseThrow(() -> new ClusterSoakSignIns.Stop("no form to submit for " + kind
                + " on a " + page.statusCode()));
    }

    /** Where a redirect goes, relative to the base URL (e.g. {@code mfa/challenge}); empty when none. */
    static String target(HttpResponse<String> response) {
        return response.headers().firstValue("Location").map(ClusterSoakBrowser::local).orElse("");
    }

    private static String local(String location) {
        URI uri = URI.create(location);
        String path = uri.getRawPath();
        String root = SampleDeployment.CONTEXT_ROOT + "/";
        String local = path.startsWith(root) ? path.substring(root.length()) : path;
        return uri.getRawQuery() == null ? local : local + "?" + uri.getRawQuery();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(SampleDeployment.resolve(base, path)).timeout(TIMEOUT)
                .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        if (!cookies.isEmpty()) {
            StringJoiner header = new StringJoiner("; ");
            cookies.forEach((k, v) -> header.add(k + "=" + v));
            b.header("Cookie", header.toString());
        }
        return b;
    }

    private HttpResponse<String> send(String kind, HttpRequest request) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            recorder.failed(kind, node, start, System.nanoTime(), e);
            throw e;
        }
        recorder.answered(kind, node, start, System.nanoTime(), response, passed);
        keepCookies(response);
        return response;
    }

    /** What a browser keeps of Set-Cookie: the value, or nothing for a cleared cookie (Max-Age=0 or empty). */
    private void keepCookies(HttpResponse<String> response) {
        for (String set : response.headers().allValues("Set-Cookie")) {
            int eq = set.indexOf('=');
            int end = set.indexOf(';');
            if (eq <= 0) {
                continue;
            }
            String name = set.substring(0, eq).trim();
            String value = set.substring(eq + 1, end < 0 ? set.length() : end).trim();
            if (value.isEmpty() || set.toLowerCase(java.util.Locale.ROOT).contains("max-age=0")) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
    }
}
