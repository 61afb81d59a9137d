package dev.stepwise.mfa.web;

import dev.stepwise.mfa.core.Caller;
import dev.stepwise.mfa.core.KeyRules;
import dev.stepwise.mfa.core.SiteOfOrigin;
import dev.stepwise.mfa.event.MfaEvent;
import dev.stepwise.mfa.factor.KeyManagement;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * {@code /settings}, one key at a time (the offered factor with the {@link KeyManagement} capability): renaming
 * one ({@code action=rename-key}) and removing one ({@code action=remove-key}), each naming the key by its id in
 * {@code key}. The order of the checks: the request comes from the page's own origin
 * ({@link SiteOfOrigin#sameOriginOnly}, besides the CSRF token every settings form carries), the key is one of the
 * user's, the input passes the core's rules ({@link KeyRules}), then the step-up every change needs
 * ({@link SettingsAccess#mayChange}), then the change in one atomic store step; one event per change
 * (docs/security-model.md).
 */
final class KeySettings extends SettingsHandler {

    /** The form field naming the key (kept in a form saved for after a step-up: not a secret). */
    static final String KEY = dev.stepwise.mfa.http.SecretFields.KEY_ID_FIELD;
    /** The form field of a new name. */
    static final String NAME = "name";
    /** What the page says of a name the rules refuse. */
    static final String ERROR_NAME = "stepwise.mfa.keys.error.name";
    /** What the page says when the last key may not go. */
    static final String ERROR_LAST = "stepwise.mfa.keys.error.last";

    private final Optional<PageCall.Capable<KeyManagement>> keys;

    /** The settings page shown again with why a change was refused ({@code FactorListSettings.show}). */
    @FunctionalInterface
    interface SettingsView {
        void show(String errorKey) throws ServletException, IOException;
    }

    KeySettings(PageCall call, SettingsAccess access) {
        super(call, access);
        this.keys = call.capable(KeyManagement.class);
    }

    /** The user's keys as the settings page lists them; empty when no offered factor manages keys. */
    List<SettingsPage.KeyRow> rows() {
        return keys.map(k -> k.capability().keys(call.user()).stream().map(SettingsPage.KeyRow::of).toList())
                .orElse(List.of());
    }

    /** Gives one key another name. */
    void rename(SettingsView page) throws ServletException, IOException {
        Optional<KeyManagement.ManagedKey> key = ownKey();
        if (key.isEmpty()) {
            return;
        }
        Optional<String> name = KeyRules.name(call.param(NAME));
        if (name.isEmpty()) {
            call.response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            page.show(ERROR_NAME);
            return;
        }
        if (!access.mayChange()) {
            return;
        }
        String factorId = keys.orElseThrow().factorId();
        if (!keys.get().capability().renameKey(call.user(), key.get().id(), name.get())) {
            call.error(HttpServletResponse.SC_BAD_REQUEST); // removed meanwhile
            return;
        }
        call.audit(header -> new MfaEvent.KeyRenamed(header, factorId, name.get()));
        call.seeOtherPage(SettingsServlet.SETTINGS + "?done=key-renamed");
    }

    /** Removes one key: never the last one below the login policy, after a step-up, once. */
    void remove(SettingsView page) throws ServletException, IOException {
        Optional<KeyManagement.ManagedKey> key = ownKey();
        if (key.isEmpty()) {
            return;
        }
        String factorId = keys.orElseThrow().factorId();
        Caller caller = Caller.of(call.user(), call.request::isUserInRole);
        boolean mayRemoveFactor = access.rules().mayRemove(caller, factorId, access.raw());
        if (!KeyRules.mayRemoveKey(keys.get().capability().keys(call.user()).size(), mayRemoveFactor)) {
            lastKey(page);
            return;
        }
        if (!access.mayChange()) {
            return;
        }
        switch (keys.get().capability().removeKey(call.user(), key.get().id(), mayRemoveFactor)) {
            case REMOVED -> removed(factorId, key.get());
            case LAST_KEY -> lastKey(page);
            default -> call.error(HttpServletResponse.SC_BAD_REQUEST); // removed by a concurrent request
        }
    }

    private void removed(String factorId, KeyManagement.ManagedKey key) {
        call.audit(header -> new MfaEvent.KeyRemoved(header, factorId, key.name(), "by the user"));
        if (keys.orElseThrow().capability().keys(call.user()).isEmpty()) {
            call.audit(header -> new MfaEvent.FactorRemoved(header, factorId, "by the user"));
        }
        call.seeOtherPage(SettingsServlet.SETTINGS + "?done=key-removed");
    }

    private void lastKey(SettingsView page) throws ServletException, IOException {
        call.response.setStatus(HttpServletResponse.SC_CONFLICT);
        page.show(ERROR_LAST);
    }

    /**
     * The key the form names, when the request is the page's own and the key is the user's; else the refusal is
     * sent (403 from another origin, 404 without key management, 400 for a key that is not the user's).
     */
    private Optional<KeyManagement.ManagedKey> ownKey() throws IOException {
        HttpServletRequest request = call.request;
        SiteOfOrigin.Verdict verdict = SiteOfOrigin.sameOriginOnly(call.enforcement.origin(request),
                request.getHeader("Sec-Fetch-Site"), request.getHeader("Origin"), request.getHeader("Referer"));
        if (verdict.crossSite()) {
            call.audit(header -> new MfaEvent.CrossSiteRefused(header, request.getMethod(),
                    request.getServletPath(), verdict.seen()));
            call.error(HttpServletResponse.SC_FORBIDDEN);
            return Optional.empty();
        }
        if (keys.isEmpty()) {
            call.error(HttpServletResponse.SC_NOT_FOUND);
            return Optional.empty();
        }
        String id = call.param(KEY);
        Optional<KeyManagement.ManagedKey> key = keys.get().capability().keys(call.user()).stream()
                .filter(k -> k.id().equals(id)).findFirst();
        if (key.isEmpty()) {
            call.error(HttpServletResponse.SC_BAD_REQUEST); // another user's key, a removed one, or none
        }
        return key;
    }
}
