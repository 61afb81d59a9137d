package dev.stepwise.mfa.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The token an application gets from the library is the session's, and only it passes. */
class StepwiseCsrfTest {

    /** A session's attributes, shared by the requests of one browser. */
    private final Map<String, Object> sessionAttributes = new HashMap<>();
    /** Who is signed in to the session now ({@code null}: nobody yet). */
    private String principal = "alice";

    private HttpServletRequest request(boolean hasSession, Map<String, String> headers, Map<String, String> params) {
        HttpSession session = (HttpSession) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpSession.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getAttribute" -> sessionAttributes.get((String) args[0]);
                    case "setAttribute" -> sessionAttributes.put((String) args[0], args[1]);
                    case "getId" -> "session-1";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getSession" -> hasSession || (args != null && (Boolean) args[0]) ? session : null;
                    case "getHeader" -> headers.get((String) args[0]);
                    case "getParameter" -> params.get((String) args[0]);
                    case "getUserPrincipal" -> principal == null ? null : (java.security.Principal) () -> principal;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void tokenIsOnePerSessionAndRandom() {
        String token = StepwiseCsrf.token(request(false, Map.of(), Map.of()));

        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        assertThat(StepwiseCsrf.token(request(true, Map.of(), Map.of()))).isEqualTo(token);
        sessionAttributes.clear(); // another session
        assertThat(StepwiseCsrf.token(request(false, Map.of(), Map.of()))).isNotEqualTo(token);
    }

    @Test
    void matchesTheFormFieldOrTheHeader() {
        String token = StepwiseCsrf.token(request(false, Map.of(), Map.of()));

        assertThat(StepwiseCsrf.matches(request(true, Map.of(), Map.of(StepwiseCsrf.PARAMETER, token)))).isTrue();
        assertThat(StepwiseCsrf.matches(request(true, Map.of(StepwiseCsrf.HEADER, token), Map.of()))).isTrue();
        assertThat(StepwiseCsrf.matches(request(true, Map.of(), Map.of()), token)).isTrue();
    }

    @Test
    void anotherUserSignedInToTheSessionGetsAnotherToken() {
        principal = null;
        String beforeSignIn = StepwiseCsrf.token(request(false, Map.of(), Map.of()));
        principal = "alice";
        String alices = StepwiseCsrf.token(request(true, Map.of(), Map.of()));
        principal = "mallory";

        assertThat(alices).isNotEqualTo(beforeSignIn);
        assertThat(StepwiseCsrf.matches(request(true, Map.of(), Map.of(StepwiseCsrf.PARAMETER, alices)))).isFalse();
        assertThat(StepwiseCsrf.token(request(true, Map.of(), Map.of()))).isNotEqualTo(alices);
    }

    @Test
    void refusesAMissingForgedOrForeignToken() {
        String token = StepwiseCsrf.token(request(false, Map.of(), Map.of()));

        assertThat(StepwiseCsrf.matches(request(true, Map.of(), Map.of()))).isFalse();
        assertThat(StepwiseCsrf.matches(request(true, Map.of(), Map.of(StepwiseCsrf.PARAMETER, "forged")))).isFalse();
        assertThat(StepwiseCsrf.matches(request(true, Map.of(), Map.of(StepwiseCsrf.PARAMETER, token + "x"))))
                .isFalse();
        assertThat(StepwiseCsrf.matches(request(true, Map.of(), Map.of()), null)).isFalse();
        // a wrong header is not rescued by a right form field: the header is what a script sent
        assertThat(StepwiseCsrf.matches(request(true, Map.of(StepwiseCsrf.HEADER, "forged"),
                Map.of(StepwiseCsrf.PARAMETER, token)))).isFalse();
        // no session: nothing to match, and none is created
        assertThat(StepwiseCsrf.matches(request(false, Map.of(), Map.of(StepwiseCsrf.PARAMETER, token)))).isFalse();
    }
}
