package dev.stepwise.mfa.http;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;

import java.security.Principal;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * The library's marks on one request (request attributes, never session ones): the only class that reads or
 * writes them.
 *
 * <ul>
 *   <li>confirmed: set on the replay of a request whose zero-{@code maxAge} step-up challenge showed exactly it;
 *       that replay, and nothing else, is granted, once;</li>
 *   <li>captured form body: a form body JAX-RS read before the interceptor refused the call, kept (up to the
 *       replay limit) so the request can be saved and replayed after the challenge.</li>
 *   <li>gathered: the {@link RequestFacts} the filter read for the dispatch it let run, for the CDI interceptor
 *       of the same dispatch ({@link #gathered(ServletRequest, RequestFacts)}). The value's type is private to
 *       this class and is also held by the running thread, so an object the application puts there (forged,
 *       copied from another request) or finds on another thread or dispatch is never used.</li>
 *   <li>withheld: the fields of one of the library's own forms whose values are never kept for a replay
 *       (security answers): {@link RequestCapture#save} keeps them empty.</li>
 * </ul>
 */
public final class RequestMarks {

    private static final String CONFIRMED = "dev.stepwise.mfa.confirmed-request";
    private static final String CAPTURED_FORM_BODY = "dev.stepwise.mfa.captured-form-body";
    private static final String GATHERED = "dev.stepwise.mfa.gathered";
    private static final String WITHHELD = "dev.stepwise.mfa.withheld-fields";
    /** The gathering of the dispatch whose chain runs on this thread now ({@code null}: none). */
    private static final ThreadLocal<Gathered> RUNNING = new ThreadLocal<>();

    /** What the filter gathered for one dispatch; only this class makes one or looks inside. */
    private static final class Gathered {
        private final RequestFacts facts;
        private final HttpServletRequest request;

        private Gathered(RequestFacts facts, HttpServletRequest request) {
            this.facts = facts;
            this.request = request;
        }

        @Override
        public String toString() {
            return "Stepwise MFA request facts"; // never the cookies (an application may log its attributes)
        }
    }

    /** The outer dispatch's gathering, restored when a filter's dispatch ends ({@link #enterDispatch}). */
    public static final class Dispatch {
        private final ServletRequest request;
        private final Gathered outer;
        private final Object outerAttribute;

        private Dispatch(ServletRequest request, Gathered outer, Object outerAttribute) {
            this.request = request;
            this.outer = outer;
            this.outerAttribute = outerAttribute;
        }

        /** Ends the dispatch: the thread and the request hold what they held before it. */
        public void leave() {
            if (RUNNING.get() == outer) {
                return; // nothing was gathered for this dispatch, and it hid nothing
            }
            if (outer == null) {
                RUNNING.remove();
                request.removeAttribute(GATHERED);
                return;
            }
            RUNNING.set(outer);
            if (outerAttribute == null) {
                request.removeAttribute(GATHERED); // the outer request no longer holds it: nor reused there
            } else if (request.getAttribute(GATHERED) != outerAttribute) {
                request.setAttribute(GATHERED, outerAttribute);
            }
        }
    }

    private RequestMarks() {
    }

    /**
     * Marks {@code request} as the replay its challenge confirmed.
     *
     * @param request the HTTP request
     */
    public static void markConfirmed(ServletRequest request) {
        request.setAttribute(CONFIRMED, Boolean.TRUE);
    }

    /**
     * Whether {@code request} was marked confirmed; takes the mark (a forward needs its own confirmation).
     *
     * @param request the HTTP request
     * @return whether {@code request} was marked confirmed; takes the mark (a forward needs its own confirmation)
     */
    public static boolean takeConfirmed(ServletRequest request) {
        if (!Boolean.TRUE.equals(request.getAttribute(CONFIRMED))) {
            return false;
        }
        request.removeAttribute(CONFIRMED);
        return true;
    }

    /**
     * Keeps a copy of a form body through {@code setProperty} (JAX-RS request properties are request attributes).
     *
     * @param setProperty the set property
     * @param head the head
     */
    public static void keepFormBody(BiConsumer<String, Object> setProperty, byte[] head) {
        setProperty.accept(CAPTURED_FORM_BODY, head);
    }

    /**
     * Starts the filter's work on one dispatch of {@code request}: until {@link Dispatch#leave()}, nothing the
     * filter gathered for an outer dispatch (the request that forwarded or included this one) is used.
     *
     * @param request the HTTP request
     * @return the dispatch
     */
    public static Dispatch enterDispatch(ServletRequest request) {
        Gathered outer = RUNNING.get();
        Dispatch dispatch = new Dispatch(request, outer, outer == null ? null : request.getAttribute(GATHERED));
        if (outer != null) {
            RUNNING.remove();
        }
        return dispatch;
    }

    /**
     * Leaves {@code facts}, read from {@code request} for the dispatch the filter lets run now, to the CDI
     * interceptor of that dispatch (until {@link Dispatch#leave()}). Not for a request another filter or the
     * library wrapped: what it shows may differ from the container's request that CDI's interceptor sees.
     *
     * @param request the HTTP request
     * @param facts what the library read from the request
     */
    public static void gathered(ServletRequest request, RequestFacts facts) {
        if (request instanceof ServletRequestWrapper || !(request instanceof HttpServletRequest http)) {
            return;
        }
        Gathered gathered = new Gathered(facts, http);
        request.setAttribute(GATHERED, gathered);
        RUNNING.set(gathered);
    }

    /**
     * The facts the filter gathered for this very dispatch of {@code request}, or {@code null} (then read them
     * afresh): only on the thread running the dispatch's chain, only when the request holds the object the
     * filter left for it, and only while its dispatcher type, method, path, query and principal are still those
     * the facts were read with.
     *
     * @param request the HTTP request
     * @return the facts the filter gathered for this very dispatch of {@code request}, or {@code null} (then read them afresh): only on the thread running the dispatch's chain, only when the request holds the object the filter left for it, and only while its dispatcher type, method, path, query and principal are still those the facts were read with
     */
    public static RequestFacts gatheredFor(HttpServletRequest request) {
        Gathered running = RUNNING.get();
        if (running == null || request.getAttribute(GATHERED) != running) {
            return null;
        }
        RequestFacts facts = running.facts;
        Principal principal = request.getUserPrincipal();
        boolean same = principal != null && Objects.equals(principal.getName(), facts.principal())
                && request.getDispatcherType() == facts.dispatch() && facts.method().equals(request.getMethod())
                && Objects.equals(facts.query(), request.getQueryString())
                && RequestFacts.isPathOf(request, facts.path());
        return same ? facts : null;
    }

    /**
     * The container's request the filter gathered facts from for the dispatch running on this thread, when
     * {@code request} (CDI's proxy of the current request, say) holds the filter's mark for that very dispatch;
     * else {@code request} itself. Lets the interceptor read the request directly instead of through a proxy that
     * resolves every call; which request it reads does not change, only the way to it. It always reads
     * {@code request} once, so a proxy without an active request fails here.
     *
     * @param request the current request as the caller has it (a proxy, say)
     * @return the same request, read directly where the filter's mark proves it
     */
    public static HttpServletRequest direct(HttpServletRequest request) {
        Object mark = request.getAttribute(GATHERED); // always touches the request, as callers rely on
        Gathered running = RUNNING.get();
        return running != null && mark == running ? running.request : request;
    }

    /**
     * The form body JAX-RS kept for this request, or {@code null}.
     *
     * @param request the HTTP request
     * @return the form body JAX-RS kept for this request, or {@code null}
     */
    public static byte[] capturedFormBody(ServletRequest request) {
        return request.getAttribute(CAPTURED_FORM_BODY) instanceof byte[] body ? body : null;
    }

    /**
     * Marks fields of this request whose values must never be kept to be replayed after a challenge (the library's
     * own forms that carry secrets, such as new security answers): {@link RequestCapture#save} keeps them empty, so
     * the user types them again after the challenge.
     *
     * @param request the HTTP request
     * @param names   the field names
     */
    public static void withhold(ServletRequest request, java.util.Set<String> names) {
        request.setAttribute(WITHHELD, new Withheld(java.util.Set.copyOf(names)));
    }

    /**
     * The fields marked by {@link #withhold}, or none.
     *
     * @param request the HTTP request
     * @return the field names whose values are not kept
     */
    public static java.util.Set<String> withheld(ServletRequest request) {
        return request.getAttribute(WITHHELD) instanceof Withheld w ? w.names() : java.util.Set.of();
    }

    /** The withheld fields; a private type, so that only {@link #withhold} sets them. */
    private record Withheld(java.util.Set<String> names) {
    }
}
