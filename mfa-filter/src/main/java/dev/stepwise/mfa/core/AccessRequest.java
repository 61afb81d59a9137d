package dev.stepwise.mfa.core;

import java.util.Objects;

/**
 * One request as the {@link Gatekeeper} sees it.
 *
 * @param caller          the authenticated caller (a request without one is the adapter's {@code NO_CALLER})
 * @param state           what the caller's session has proven; must be the caller's own
 * @param judgeLogin      whether the login policy is decided too: a REQUEST or ASYNC dispatch (forwards and
 *                        includes are judged by their target only)
 * @param endpoint        everything the endpoint asks, all of which must hold; {@link Requirements#NONE} when it is
 *                        not protected
 * @param confirmedReplay the replay of the exact request a zero-{@code maxAge} step-up challenge showed: it grants
 *                        the first zero-{@code maxAge} requirement of this request once (the adapter takes the mark
 *                        from the request when it builds this value, so a forward needs its own confirmation)
 */
public record AccessRequest(Caller caller, MfaState state, boolean judgeLogin, Requirements endpoint,
                            boolean confirmedReplay) {

    /**
     * Checks the components.
     * @param caller the authenticated caller (a request without one is the adapter's {@code NO_CALLER})
     * @param state what the caller's session has proven; must be the caller's own
     * @param judgeLogin whether the login policy is decided too: a REQUEST or ASYNC dispatch (forwards and includes are judged by their target only)
     * @param endpoint everything the endpoint asks, all of which must hold; {@link Requirements#NONE} when it is not protected
     * @param confirmedReplay the replay of the exact request a zero-{@code maxAge} step-up challenge showed: it grants the first zero-{@code maxAge} requirement of this request once (the adapter takes the mark from the request when it builds this value, so a forward needs its own confirmation)
     */
    public AccessRequest {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(state, "state");
        endpoint = endpoint == null ? Requirements.NONE : endpoint;
    }
}
