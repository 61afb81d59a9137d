package dev.stepwise.mfa.factor.questions;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@link SecurityQuestionStore} in memory: for tests and single-node demos; lost on restart.
 *
 * <pre>{@code
 * QuestionsFactor questions = new QuestionsFactor(new InMemorySecurityQuestionStore());
 * }</pre>
 */
public final class InMemorySecurityQuestionStore implements SecurityQuestionStore {

    private final ConcurrentMap<String, List<SecurityQuestion>> questions = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, List<String>> asked = new ConcurrentHashMap<>();

    @Override
    public void replaceAll(String user, List<SecurityQuestion> fresh) {
        Objects.requireNonNull(user, "user");
        List<SecurityQuestion> copy = List.copyOf(fresh);
        if (copy.stream().map(SecurityQuestion::id).distinct().count() != copy.size()) {
            throw new IllegalArgumentException("duplicate question id");
        }
        questions.compute(user, (key, old) -> {
            asked.remove(user);
            return copy.isEmpty() ? null : copy;
        });
    }

    @Override
    public List<SecurityQuestion> list(String user) {
        return questions.getOrDefault(Objects.requireNonNull(user, "user"), List.of());
    }

    @Override
    public List<String> ask(String user, List<String> proposed) {
        Objects.requireNonNull(user, "user");
        List<String> pair = List.copyOf(proposed);
        return asked.computeIfAbsent(user, key -> pair);
    }

    @Override
    public void forgetAsked(String user) {
        asked.remove(Objects.requireNonNull(user, "user"));
    }
}
