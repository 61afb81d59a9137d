package dev.stepwise.mfa.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hand-written fakes of the servlet API for unit tests of the web layer: a session as a map, a request with a
 * principal that a test can switch, headers, cookies and attributes, and a response that records what was
 * written. Only what the tested classes call is answered; anything else fails loudly.
 */
public final class FakeHttp {

    private static final AtomicInteger IDS = new AtomicInteger();

    /** A browser's session: attributes and an id that {@link Request#changeSessionId} renews. */
    public static final class Session {
        /** Synchronized, as a container's session is for concurrent requests of one browser. */
        public final Map<String, Object> attributes = Collections.synchronizedMap(new HashMap<>());
        public String id = "s" + IDS.incrementAndGet();
        /** How often the library's session attribute was read (a test counts the session reads). */
        public int reads;
        /** How often the session id was renewed. */
        public int renewals;
        public boolean invalidated;

        public HttpSession asHttpSession() {
            return (HttpSession) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(),
                    new Class<?>[]{HttpSession.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "getAttribute" -> {
                            reads++;
                            yield attributes.get((String) args[0]);
                        }
                        case "setAttribute" -> attributes.put((String) args[0], args[1]);
                        case "removeAttribute" -> attributes.remove((String) args[0]);
                        case "getId" -> id;
                        case "invalidate" -> {
                            attributes.clear();
                            invalidated = true;
                            yield null;
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }
    }

    /** One request of a browser: its principal (null: anonymous), the browser's session, and what it sends. */
    public static final class Request {
        public String principal;
        public Session session;
        public String method = "GET";
        public String contextPath = "/bank";
        public String servletPath = "/account";
        public String pathInfo;
        /** How the container mapped the request to its servlet ({@code null}: no mapping known). */
        public jakarta.servlet.http.MappingMatch mappingMatch;
        public String query;
        public String scheme = "https";
        public String host = "bank.example";
        public int port = 443;
        public String remoteAddr = "203.0.113.7";
        public String contentType;
        /** The request body, its declared length ({@code -1}: none, as a chunked body), and bytes read of it. */
        public byte[] body = new byte[0];
        public long contentLength = -1L;
        public int bodyRead;
        public DispatcherType dispatch = DispatcherType.REQUEST;
        public final Map<String, List<String>> headers = new LinkedHashMap<>();
        /** How often the library read a header or the cookies of this request. */
        public int headerReads;
        public final Map<String, String> cookies = new LinkedHashMap<>();
        public final Map<String, Object> attributes = new HashMap<>();
        public final Map<String, String[]> parameters = new LinkedHashMap<>();
        public final Set<String> roles = new HashSet<>();
        /** The JSP a page forwarded to ({@code null}: none), and how often {@code logout} was called. */
        public String forwardedTo;
        public int logouts;
        /** The locales {@code getLocales} gives instead of the {@code Accept-Language} header's, or {@code null}. */
        public List<Locale> containerLocales;
        /** Whether {@code getLocales} throws, as a container might on a header it cannot parse. */
        public boolean localesFail;
        /** What {@code authenticate} does (the application's login); {@code null}: not supported. */
        public java.util.function.BooleanSupplier onAuthenticate;

        public Request(String principal, Session session) {
            this.principal = principal;
            this.session = session;
        }

        /** Sets the body and its Content-Type; the length is declared as the body's unless set otherwise. */
        public Request body(String type, byte[] bytes) {
            contentType = type;
            body = bytes;
            contentLength = bytes.length;
            return this;
        }

        private jakarta.servlet.ServletInputStream input() {
            return new jakarta.servlet.ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return bodyRead >= body.length;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(jakarta.servlet.ReadListener listener) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public int read() {
                    return bodyRead < body.length ? body[bodyRead++] & 0xff : -1;
                }
            };
        }

        /** Sets a form field to one value. */
        public Request param(String name, String value) {
            parameters.put(name, new String[]{value});
            return this;
        }

        /** Adds a header value. */
        public Request header(String name, String value) {
            headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(value);
            return this;
        }

        /**
         * The browser's languages as a container reads {@code Accept-Language}: by weight, English when the header
         * is missing or cannot be parsed.
         */
        private List<Locale> locales() {
            if (containerLocales != null) {
                return containerLocales;
            }
            String header = firstHeader("Accept-Language");
            try {
                List<Locale> locales = header == null ? List.of() : Locale.LanguageRange.parse(header).stream()
                        .filter(r -> !r.getRange().startsWith("*"))
                        .map(r -> Locale.forLanguageTag(r.getRange())).toList();
                return locales.isEmpty() ? List.of(Locale.ENGLISH) : locales;
            } catch (IllegalArgumentException malformed) {
                return List.of(Locale.ENGLISH);
            }
        }

        private String firstHeader(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        public HttpServletRequest asHttpServletRequest() {
            return (HttpServletRequest) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(),
                    new Class<?>[]{HttpServletRequest.class}, (proxy, method, args) -> answer(method.getName(), args));
        }

        private Object answer(String name, Object[] args) {
            if (name.equals("getHeader") || name.equals("getHeaders") || name.equals("getCookies")) {
                headerReads++;
            }
            return switch (name) {
                case "getUserPrincipal" -> principal == null ? null : (Principal) () -> principal;
                case "isUserInRole" -> roles.contains((String) args[0]);
                case "getSession" -> session(args == null || (Boolean) args[0]);
                case "changeSessionId" -> {
                    session.id = "s" + IDS.incrementAndGet();
                    session.renewals++;
                    yield session.id;
                }
                case "getMethod" -> method;
                case "getContextPath" -> contextPath;
                case "getServletPath" -> servletPath;
                case "getPathInfo" -> pathInfo;
                case "getQueryString" -> query;
                case "getRequestURI" -> contextPath + servletPath + (pathInfo == null ? "" : pathInfo);
                case "getScheme" -> scheme;
                case "getServerName" -> host;
                case "getServerPort" -> port;
                case "isSecure" -> "https".equals(scheme);
                case "getRemoteAddr" -> remoteAddr;
                case "getDispatcherType" -> dispatch;
                case "getHeader" -> firstHeader((String) args[0]);
                case "getHeaders" -> Collections.enumeration(
                        headers.getOrDefault(((String) args[0]).toLowerCase(Locale.ROOT), List.of()));
                case "getCookies" -> cookies.isEmpty() ? null : cookies.entrySet().stream()
                        .map(e -> new Cookie(e.getKey(), e.getValue())).toArray(Cookie[]::new);
                case "getAttribute" -> attributes.get((String) args[0]);
                case "setAttribute" -> attributes.put((String) args[0], args[1]);
                case "removeAttribute" -> attributes.remove((String) args[0]);
                case "getContentType" -> contentType;
                case "getContentLengthLong" -> contentLength;
                case "getContentLength" -> (int) Math.min(Integer.MAX_VALUE, contentLength);
                case "getInputStream" -> input();
                case "getCharacterEncoding" -> null;
                case "getParameterMap" -> Collections.unmodifiableMap(parameters);
                case "getParameter" -> parameters.containsKey((String) args[0])
                        ? parameters.get((String) args[0])[0] : null;
                case "getLocale" -> locales().get(0);
                case "getLocales" -> {
                    if (localesFail) {
                        throw new IllegalArgumentException("Accept-Language");
                    }
                    yield Collections.enumeration(locales());
                }
                case "getRequestDispatcher" -> dispatcher((String) args[0]);
                case "logout" -> {
                    logouts++;
                    principal = null;
                    yield null;
                }
                case "getHttpServletMapping" -> mappingMatch == null ? null : mapping(mappingMatch);
                case "getServletContext" -> servletContext();
                case "authenticate" -> {
                    if (onAuthenticate == null) {
                        throw new UnsupportedOperationException(name);
                    }
                    yield onAuthenticate.getAsBoolean();
                }
                default -> throw new UnsupportedOperationException(name);
            };
        }

        /** The deployed application: its context path is this request's, as the container deployed it. */
        private jakarta.servlet.ServletContext servletContext() {
            String deployed = contextPath;
            return (jakarta.servlet.ServletContext) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(),
                    new Class<?>[]{jakarta.servlet.ServletContext.class}, (proxy, method, args) -> {
                        if (!method.getName().equals("getContextPath")) {
                            throw new UnsupportedOperationException(method.getName());
                        }
                        return deployed;
                    });
        }

        private RequestDispatcher dispatcher(String path) {
            return (RequestDispatcher) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(),
                    new Class<?>[]{RequestDispatcher.class}, (proxy, method, args) -> {
                        if (!method.getName().equals("forward")) {
                            throw new UnsupportedOperationException(method.getName());
                        }
                        forwardedTo = path;
                        return null;
                    });
        }

        private HttpSession session(boolean create) {
            if (session == null && create) {
                session = new Session();
            }
            return session == null ? null : session.asHttpSession();
        }
    }

    /** What the library wrote: status, headers and body. */
    public static final class Response {
        public int status = 200;
        public final Map<String, List<String>> headers = new LinkedHashMap<>();
        public final ByteArrayOutputStream body = new ByteArrayOutputStream();
        public String contentType;
        public boolean committed;
        /** The message of {@code sendError(status, message)}, or {@code null}. */
        public String errorMessage;

        /** The first value of header {@code name}, or {@code null}. */
        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        public String bodyText() {
            return body.toString(StandardCharsets.UTF_8);
        }

        public HttpServletResponse asHttpServletResponse() {
            return (HttpServletResponse) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(),
                    new Class<?>[]{HttpServletResponse.class}, (proxy, method, args) -> answer(method.getName(), args));
        }

        private Object answer(String name, Object[] args) {
            switch (name) {
                case "setStatus" -> status = (Integer) args[0];
                case "sendError" -> {
                    status = (Integer) args[0];
                    errorMessage = args.length > 1 ? (String) args[1] : null;
                    committed = true;
                }
                case "setHeader" -> headers.put((String) args[0], new ArrayList<>(List.of((String) args[1])));
                case "addHeader" -> headers.computeIfAbsent((String) args[0], k -> new ArrayList<>()).add((String) args[1]);
                case "setContentType" -> contentType = (String) args[0];
                case "getOutputStream" -> {
                    return stream();
                }
                case "isCommitted" -> {
                    return committed;
                }
                case "flushBuffer" -> committed = true;
                case "resetBuffer", "setContentLength" -> {
                    // nothing buffered
                }
                default -> throw new UnsupportedOperationException(name);
            }
            return null;
        }

        private ServletOutputStream stream() {
            return new ServletOutputStream() {
                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public void write(int b) {
                    body.write(b);
                }
            };
        }
    }

    private FakeHttp() {
    }

    /** A servlet mapping of the kind {@code match}: the default servlet's at {@code /}, else an application's. */
    static jakarta.servlet.http.HttpServletMapping mapping(jakarta.servlet.http.MappingMatch match) {
        boolean byDefault = match == jakarta.servlet.http.MappingMatch.DEFAULT;
        return new jakarta.servlet.http.HttpServletMapping() {
            @Override
            public String getMatchValue() {
                return "";
            }

            @Override
            public String getPattern() {
                return byDefault ? "/" : "*.js";
            }

            @Override
            public String getServletName() {
                return null; // no servlet registration behind the fake: no servlet annotations either
            }

            @Override
            public jakarta.servlet.http.MappingMatch getMappingMatch() {
                return match;
            }
        };
    }
}
