package dev.stepwise.bench.client;

import com.bastiaanjansen.otp.TOTPGenerator;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The browser of protected-paths.sh, run once per case before measuring (never under load): signs a user in
 * through the bench app's form login, is sent to the library's login challenge, answers it with the TOTP code
 * an authenticator app would show now (computed with otp-java, the library's own TOTP dependency), optionally
 * ticking "trust this device", and checks that {@code /hello} then answers {@code ok <user>}.
 *
 * <pre>
 * java -cp otp-java.jar:commons-codec.jar:. dev.stepwise.bench.client.BenchVisitor BASE USER SECRET [trust]
 * </pre>
 *
 * Prints {@code JSESSIONID <value>} (the session past MFA) and, with {@code trust}, {@code trust <name>=<value>}
 * (the trust cookie as a {@code Cookie} header names it: {@code stepwise-trust-protected} for an application at
 * {@code /protected}, the library adds the context path), one per line, for the script to hand to wrk. Exits 1
 * with the reason when any step is not what it should be. {@code BASE} is the application's URL
 * ({@code http://127.0.0.1:18080/protected}), {@code SECRET} the user's base32 TOTP secret; the password is the
 * bench app's ({@code bench}).
 */
public final class BenchVisitor {

    private static final Pattern CHALLENGE_FORM =
            Pattern.compile("<form[^>]*id=\"stepwise-challenge\"[^>]*>(.*?)</form>", Pattern.DOTALL);
    private static final Pattern HIDDEN = Pattern.compile("<input[^>]*type=\"hidden\"[^>]*>");
    private static final Pattern NAME = Pattern.compile("name=\"([^\"]*)\"");
    private static final Pattern VALUE = Pattern.compile("value=\"([^\"]*)\"");

    private final String base;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;

    private BenchVisitor(String base) {
        this.base = base;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3 || args.length > 4 || (args.length == 4 && !args[3].equals("trust"))) {
            fail("usage: BenchVisitor BASE USER SECRET [trust]");
        }
        boolean trust = args.length == 4;
        BenchVisitor browser = new BenchVisitor(args[0]);
        String user = args[1];
        browser.passLoginChallenge(user, args[2], trust);
        System.out.println("JSESSIONID " + browser.cookie("JSESSIONID"));
        if (trust) {
            System.out.println("trust " + browser.trustCookie() + "=" + browser.cookie(browser.trustCookie()));
        }
    }

    private void passLoginChallenge(String user, String secret, boolean trust)
            throws IOException, InterruptedException {
        expect(post("/login", "username", user, "password", "bench"), 303, "POST /login");
        HttpResponse<String> asked = expect(get("/hello"), 303, "GET /hello right after sign-in (login challenge)");
        String location = asked.headers().firstValue("Location").orElse("");
        if (!location.contains("/mfa/challenge")) {
            fail("GET /hello after sign-in was sent to '" + location + "', not to the login challenge");
        }
        HttpResponse<String> page = expect(get(location), 200, "GET the login challenge");
        List<String> form = challengeForm(page.body());
        form.addAll(List.of("factor", "totp", "code", codeNow(secret)));
        if (trust) {
            if (!page.body().contains("name=\"trust\"")) {
                fail("the login challenge offers no \"trust this device\" box");
            }
            form.addAll(List.of("trust", "on"));
        }
        expect(post(URI.create(location).getRawPath(), form.toArray(String[]::new)), 303, "answering the challenge");
        HttpResponse<String> hello = expect(get("/hello"), 200, "GET /hello past the challenge");
        if (!hello.body().equals("ok " + user + "\n")) {
            fail("GET /hello past the challenge answered '" + hello.body().strip() + "', not 'ok " + user + "'");
        }
        if (cookie("JSESSIONID") == null || (trust && cookie(trustCookie()) == null)) {
            fail("no session cookie, or no trust cookie after ticking \"trust this device\"");
        }
    }

    /**
     * The library's trust cookie over plain HTTP in the application at {@code base}: {@code stepwise-trust-} and
     * the context path (one segment of letters here, which the library's encoding keeps as it is).
     */
    private String trustCookie() {
        String context = URI.create(base).getPath().replaceAll("^/+|/+$", "");
        if (!context.matches("[A-Za-z0-9.-]*")) {
            fail("BASE's context path '" + context + "' needs the library's cookie-name encoding; use letters only");
        }
        return context.isEmpty() ? "stepwise-trust" : "stepwise-trust-" + context;
    }

    /** The code an authenticator app shows now: RFC 6238, SHA-1, 6 digits, 30 s, as the library's defaults. */
    private static String codeNow(String base32Secret) {
        return new TOTPGenerator.Builder(base32Secret.getBytes(StandardCharsets.US_ASCII))
                .withHOTPGenerator(b -> b.withPasswordLength(6))
                .withPeriod(Duration.ofSeconds(30))
                .build()
                .at(Instant.now());
    }

    /** The hidden fields of the challenge form (CSRF token, factor, challenge id) as name/value pairs. */
    private static List<String> challengeForm(String html) {
        Matcher form = CHALLENGE_FORM.matcher(html);
        if (!form.find()) {
            fail("the login challenge page has no form 'stepwise-challenge'");
        }
        List<String> pairs = new ArrayList<>();
        Matcher hidden = HIDDEN.matcher(form.group(1));
        while (hidden.find()) {
            Matcher name = NAME.matcher(hidden.group());
            Matcher value = VALUE.matcher(hidden.group());
            if (name.find() && !name.group(1).equals("factor")) {
                pairs.add(unescape(name.group(1)));
                pairs.add(value.find() ? unescape(value.group(1)) : "");
            }
        }
        return pairs;
    }

    private static String unescape(String html) {
        return html.replace("&#034;", "\"").replace("&#039;", "'").replace("&lt;", "<")
                .replace("&gt;", ">").replace("&amp;", "&");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Accept", "text/html").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String... nameValuePairs) throws IOException, InterruptedException {
        StringBuilder form = new StringBuilder();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            form.append(form.length() == 0 ? "" : "&")
                    .append(URLEncoder.encode(nameValuePairs[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(nameValuePairs[i + 1], StandardCharsets.UTF_8));
        }
        return http.send(HttpRequest.newBuilder(uri(path)).header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** {@code path} relative to the application ({@code /hello}) or absolute from a Location header. */
    private URI uri(String path) {
        if (path.startsWith("http://") || path.startsWith("https://")) {
            return URI.create(path);
        }
        URI b = URI.create(base);
        String root = b.getRawPath();
        return b.resolve(path.startsWith(root + "/") ? path : root + path);
    }

    private String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }

    private static HttpResponse<String> expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            fail(what + ": status " + response.statusCode() + ", expected " + status);
        }
        return response;
    }

    private static void fail(String message) {
        System.err.println("BenchVisitor: " + message);
        System.exit(1);
    }
}
