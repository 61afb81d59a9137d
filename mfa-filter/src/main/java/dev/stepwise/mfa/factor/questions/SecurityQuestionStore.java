package dev.stepwise.mfa.factor.questions;

import java.util.List;

/**
 * Where users' security questions and answer hashes live, and which two questions a user is being asked.
 * Implementations must be thread-safe; in a cluster all nodes share one (the JDBC store).
 *
 * <pre>{@code
 * SecurityQuestionStore store = new InMemorySecurityQuestionStore();   // tests and single-node demos
 * }</pre>
 */
public interface SecurityQuestionStore {

    /**
     * Replaces every question of {@code user} with {@code questions}, atomically, and forgets the pair being asked.
     * An empty list removes them all.
     *
     * @param user      the user name (the container's caller principal name)
     * @param questions the questions with their answer hashes
     */
    void replaceAll(String user, List<SecurityQuestion> questions);

    /**
     * The questions of {@code user} in the order written, possibly empty.
     *
     * @param user the user name (the container's caller principal name)
     * @return the questions
     */
    List<SecurityQuestion> list(String user);

    /**
     * The pair of question ids {@code user} is being asked: the one kept, else {@code proposed}, kept from now on.
     * Atomic: of concurrent calls with different proposals, all get the same pair. The pair stays until
     * {@link #forgetAsked} or {@link #replaceAll}, so reloading the page, a new session or another node never
     * shows more questions.
     *
     * @param user     the user name (the container's caller principal name)
     * @param proposed two question ids to keep when none is kept
     * @return the pair kept, in the order asked
     */
    List<String> ask(String user, List<String> proposed);

    /**
     * Forgets the pair being asked (after a right answer), so the next challenge picks anew.
     *
     * @param user the user name (the container's caller principal name)
     */
    void forgetAsked(String user);
}
