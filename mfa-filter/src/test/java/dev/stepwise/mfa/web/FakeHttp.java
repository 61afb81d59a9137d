package dev.stepwise.mfa.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import java.lang.reflect.Proxy;
import java.security.Principal;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hand-written fakes of the servlet API for unit tests of the web layer: a session as a map, a request with a
 * principal that a test can switch. Only what the tested classes call is answered; anything else fails loudly.
 */
final class FakeHttp {

    private static final AtomicInteger IDS = new AtomicInteger();

    /** A browser's session: attributes and an id that {@link Request#changeSessionId} renews. */
    static final class Session {
        final Map<String, Object> attributes = new HashMap<>();
        String id = "s" + IDS.incrementAndGet();

        HttpSession asHttpSession() {
            return (HttpSession) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(),
                    new Class<?>[]{HttpSession.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "getAttribute" -> attributes.get((String) args[0]);
                        case "setAttribute" -> attributes.put((String) args[0], args[1]);
                        case "removeAttribute" -> attributes.remove((String) args[0]);
                        case "getId" -> id;
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }
    }

    /** One request of a browser: its principal (null: anonymous) and the browser's session, if it has one. */
    static final class Request {
        String principal;
        Session session;

        Request(String principal, Session session) {
            this.principal = principal;
            this.session = session;
        }

        HttpServletRequest asHttpServletRequest() {
            return (HttpServletRequest) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(),
                    new Class<?>[]{HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "getUserPrincipal" -> principal == null ? null : (Principal) () -> principal;
                        case "getSession" -> {
                            boolean create = args == null || (Boolean) args[0];
                            if (session == null && create) {
                                session = new Session();
                            }
                            yield session == null ? null : session.asHttpSession();
                        }
                        case "changeSessionId" -> {
                            session.id = "s" + IDS.incrementAndGet();
                            yield session.id;
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }
    }

    private FakeHttp() {
    }
}
