package dev.stepwise.mfa.factor;

import java.util.Map;

/**
 * What a factor hands to its challenge page (e.g. the masked address a code was sent to).
 *
 * @param model request attributes for the page; values are rendered escaped
 */
public record ChallengeView(Map<String, Object> model) {

    /** No model. */
    public static final ChallengeView EMPTY = new ChallengeView(Map.of());

    /**
     * Copies the mutable components.
     *
     * @param model request attributes for the page; values are rendered escaped
     */
    public ChallengeView {
        model = Map.copyOf(model);
    }
}
