package dev.stepwise.mfa.web;

import dev.stepwise.mfa.http.MfaSession;
import dev.stepwise.mfa.http.RequestFacts;
import dev.stepwise.mfa.http.RequestMarks;
import dev.stepwise.mfa.http.SavedRequest;
import dev.stepwise.mfa.http.SessionSlots;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The browser's GET after a passed challenge, presented to the application as the original request: same
 * method, and the saved form parameters both as parameters and as an {@code x-www-form-urlencoded} body
 * (so servlets and JAX-RS resources read them as they did the first time).
 */
final class ResumedRequest extends HttpServletRequestWrapper {

    private static final String FORM = "application/x-www-form-urlencoded;charset=UTF-8";

    private final SavedRequest saved;
    private final byte[] body;
    private ServletInputStream stream;
    private final Map<String, String[]> params;

    /**
     * The request to run: the saved original when the browser comes back after a passed challenge (a GET to its
     * target), taken once (of two concurrent requests for it, one gets it), for the principal that saved it,
     * before it expires; otherwise {@code request} itself. A replay the challenge confirmed is marked so
     * ({@link RequestMarks#markConfirmed}).
     */
    static HttpServletRequest resume(HttpServletRequest request, RequestFacts facts, Instant now) {
        if (!facts.method().equals("GET")) {
            return request;
        }
        SessionSlots.Resume resume = MfaSession.of(request).takeResume(facts.rawPath(), facts.query(), now);
        if (resume == null) {
            return request;
        }
        HttpServletRequest replay = resume.request().hasBody() ? new ResumedRequest(request, resume.request())
                : request;
        if (resume.confirmed()) {
            RequestMarks.markConfirmed(replay);
        }
        return replay;
    }

    ResumedRequest(HttpServletRequest request, SavedRequest saved) {
        super(request);
        this.saved = saved;
        this.body = saved.body();
        // The saved map is what the application saw the first time: query and body parameters together.
        Map<String, String[]> copy = new LinkedHashMap<>();
        saved.params().forEach((k, v) -> copy.put(k, v.toArray(String[]::new)));
        this.params = Collections.unmodifiableMap(copy);
    }

    @Override
    public String getMethod() {
        return saved.method();
    }

    @Override
    public String getParameter(String name) {
        String[] v = params.get(name);
        return v == null || v.length == 0 ? null : v[0];
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        return params;
    }

    @Override
    public Enumeration<String> getParameterNames() {
        return Collections.enumeration(params.keySet());
    }

    @Override
    public String[] getParameterValues(String name) {
        String[] v = params.get(name);
        return v == null ? null : v.clone();
    }

    @Override
    public String getContentType() {
        return saved.hasBody() ? FORM : super.getContentType();
    }

    @Override
    public int getContentLength() {
        return saved.hasBody() ? body.length : super.getContentLength();
    }

    @Override
    public long getContentLengthLong() {
        return getContentLength();
    }

    @Override
    public String getCharacterEncoding() {
        return saved.hasBody() ? "UTF-8" : super.getCharacterEncoding();
    }

    @Override
    public String getHeader(String name) {
        String override = override(name);
        return override != null ? override : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        String override = override(name);
        return override != null ? Collections.enumeration(List.of(override)) : super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        Set<String> names = new LinkedHashSet<>(Collections.list(super.getHeaderNames()));
        if (saved.hasBody()) {
            names.add("Content-Type");
            names.add("Content-Length");
        }
        return Collections.enumeration(names);
    }

    private String override(String name) {
        if (!saved.hasBody()) {
            return null;
        }
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "content-type" -> FORM;
            case "content-length" -> Integer.toString(body.length);
            default -> null;
        };
    }

    /**
     * The saved body, as one stream for the whole request (a second call continues where the first stopped, as a
     * container's does). {@code available()} tells what is left: frameworks that peek at it to see whether there
     * is a body at all (Jersey on Payara Micro 7) otherwise see none.
     */
    @Override
    public synchronized ServletInputStream getInputStream() {
        if (stream == null) {
            stream = new SavedBody(new ByteArrayInputStream(body));
        }
        return stream;
    }

    /** The saved body as a {@link ServletInputStream}, read synchronously. */
    private static final class SavedBody extends ServletInputStream {
        private final ByteArrayInputStream in;

        SavedBody(ByteArrayInputStream in) {
            this.in = in;
        }

        @Override
        public boolean isFinished() {
            return in.available() == 0;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new IllegalStateException("a resumed request is read synchronously");
        }

        @Override
        public int available() {
            return in.available();
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return in.read(b, off, len);
        }
    }

    @Override
    public BufferedReader getReader() {
        return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }
}
