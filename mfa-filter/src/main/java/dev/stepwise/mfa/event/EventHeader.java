package dev.stepwise.mfa.event;

import java.time.Instant;
import java.util.Objects;

/**
 * What every {@link MfaEvent} says about itself: who, when, from which address and which browser. Validated here
 * once for all events.
 *
 * @param user          the user the event is about; required (may be empty when nobody is signed in)
 * @param at            when it happened (the library's clock); required
 * @param clientAddress the client's address as the library determined it; empty when unknown, never {@code null}
 * @param userAgent     a short description of the client's browser ("Firefox on Linux", see
 *                      {@link UserAgentSummary}); empty when unknown, never {@code null}
 */
public record EventHeader(String user, Instant at, String clientAddress, String userAgent) {

    /**
     * Checks the components.
     * @param user the user the event is about; required (may be empty when nobody is signed in)
     * @param at when it happened (the library's clock); required
     * @param clientAddress the client's address as the library determined it; empty when unknown, never {@code null}
     * @param userAgent a short description of the client's browser ("Firefox on Linux", see {@link UserAgentSummary}); empty when unknown, never {@code null}
     */
    public EventHeader {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(at, "at");
        clientAddress = orEmpty(clientAddress);
        userAgent = orEmpty(userAgent);
    }

    /**
     * For an event not caused by a browser's request (the application's own call): no address, no browser.
     *
     * @param user the user the event is about; required (may be empty when nobody is signed in)
     * @param at when it happened (the library's clock); required
     * @return the event header
     */
    public static EventHeader withoutClient(String user, Instant at) {
        return new EventHeader(user, at, "", "");
    }

    /** Unknown text is empty, never {@code null}: for the events' own text fields too. */
    static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
