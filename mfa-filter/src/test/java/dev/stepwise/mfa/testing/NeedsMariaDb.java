package dev.stepwise.mfa.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class that runs only on MariaDB: skipped as a whole, with {@link TestMariaDb}'s message, when no MariaDB is
 * named and nothing listens on the default port, so that the skip shows in the test report (an abort in a
 * {@code @BeforeAll} leaves no trace there). A named server that does not answer still fails the tests.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(NeedsMariaDb.Condition.class)
public @interface NeedsMariaDb {

    /** Disables the class when {@link TestMariaDb} would skip it. */
    final class Condition implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String skip = TestMariaDb.skipReason();
            return skip == null ? ConditionEvaluationResult.enabled("MariaDB is named or listens on the default port")
                    : ConditionEvaluationResult.disabled(skip);
        }
    }
}
