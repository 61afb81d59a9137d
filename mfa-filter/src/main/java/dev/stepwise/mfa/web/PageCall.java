package dev.stepwise.mfa.web;

import dev.stepwise.mfa.runtime.MfaStorage;
import dev.stepwise.mfa.http.MfaSession;
import dev.stepwise.mfa.http.PageLocale;
import dev.stepwise.mfa.event.EventHeader;
import dev.stepwise.mfa.event.MfaEvent;
import dev.stepwise.mfa.factor.ChallengeContext;
import dev.stepwise.mfa.factor.Factor;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One request to a library page, with what the page controllers need: the signed-in user, the form, the links,
 * the factors, rendering a page model and answering with a redirect or an error.
 */
final class PageCall {

    /** Where the library's JSPs live, in the jar's {@code META-INF/resources}. */
    static final String PAGES = "/mfa/";

    final HttpServletRequest request;
    final HttpServletResponse response;
    final MfaEnforcement enforcement;
    final MfaStorage storage;

    PageCall(HttpServletRequest request, HttpServletResponse response, MfaEnforcement enforcement,
             MfaStorage storage) {
        this.request = request;
        this.response = response;
        this.enforcement = enforcement;
        this.storage = storage;
    }

    /** The signed-in user ({@link LibraryPage} refuses requests without one). */
    String user() {
        return request.getUserPrincipal().getName();
    }

    String param(String name) {
        return request.getParameter(name);
    }

    /** Whether the form's {@code action} is {@code action}. */
    boolean action(String action) {
        return action.equals(param("action"));
    }

    Instant now() {
        return enforcement.clock().instant();
    }

    /** An offered factor by id. */
    Optional<Factor> factor(String id) {
        return id == null ? Optional.empty() : enforcement.factor(id);
    }

    /** The first offered factor that has {@code capability}, with it. */
    <T> Optional<Capable<T>> capable(Class<T> capability) {
        for (String id : enforcement.offered()) {
            Optional<T> found = enforcement.factor(id).flatMap(f -> f.capability(capability));
            if (found.isPresent()) {
                return Optional.of(new Capable<>(id, found.get()));
            }
        }
        return Optional.empty();
    }

    /** A factor's capability, with the factor's id. */
    record Capable<T>(String factorId, T capability) {
    }

    /** The library's pages' base URL: context path plus {@code stepwise.mfa.path}. */
    String base() {
        return request.getContextPath() + enforcement.config().pages().path();
    }

    PageLinks links() {
        return PageLinks.under(base(), CsrfToken.of(request));
    }

    /** The page texts in the browser's language ({@link PageLocale}), the application's reasons first. */
    PageTexts texts() {
        return PageTexts.of(PageLocale.of(request), enforcement.config().pages().reasonBundle());
    }

    /** What a factor may know of this request: time, locale, client, session store and origin. */
    ChallengeContext context() {
        return new ChallengeContext(now(), request.getLocale(), enforcement.clientAddress(request),
                request.getHeader("User-Agent"), MfaSession.of(request).factorStore(),
                enforcement.origin(request));
    }

    /** The form's fields for a factor (the CSRF token left out), the first value of each. */
    Map<String, String> input() {
        Map<String, String> input = new HashMap<>();
        request.getParameterMap().forEach((k, v) -> {
            if (!k.equals(CsrfToken.PARAMETER) && v.length > 0) {
                input.put(k, v[0]);
            }
        });
        return input;
    }

    /** Renders {@code jsp} (under {@value #PAGES} unless absolute) with {@code model}, never cached or framed. */
    void render(String jsp, Object model) throws ServletException, IOException {
        request.setAttribute(LibraryPage.MODEL, model);
        PageLocale.forPage(request, PageLocale.of(request));
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Frame-Options", "DENY");
        request.getRequestDispatcher(jsp.startsWith("/") ? jsp : PAGES + jsp).forward(request, response);
    }

    /** 303 to {@code location}, a path with the context path. */
    void seeOther(String location) {
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", location);
    }

    /** 303 to one of the library's pages, e.g. {@code /settings?done=removed}. */
    void seeOtherPage(String page) {
        seeOther(base() + page);
    }

    void error(int status) throws IOException {
        response.sendError(status);
    }

    void error(int status, String message) throws IOException {
        response.sendError(status, message);
    }

    /** An error whose message, shown by the container's error page, is the bundle's text in the page's language. */
    void localizedError(int status, String messageKey) throws IOException {
        response.sendError(status, PageLocale.texts(PageLocale.of(request)).getString(messageKey));
    }

    /** An audit event about the signed-in user, given its header. */
    interface AuditedEvent {
        MfaEvent of(EventHeader header);
    }

    /** Fires an audit event about the signed-in user, now, with this request's address and browser. */
    void audit(AuditedEvent event) {
        enforcement.fire(event.of(new EventHeader(user(), now(), enforcement.clientAddress(request),
                MfaEnforcement.userAgent(request))));
    }
}
