package dev.stepwise.mfa.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link LoginPolicy#parse}: the {@code stepwise.mfa.login} parameter.
 */
class LoginPolicyTest {

    @Test
    void parseWhenOffThenOff() {
        assertThat(LoginPolicy.parse("off")).isEqualTo(new LoginPolicy.Off());
    }

    @Test
    void parseWhenEnrolledThenEnrolled() {
        assertThat(LoginPolicy.parse("enrolled")).isEqualTo(new LoginPolicy.Enrolled());
    }

    @Test
    void parseWhenAllThenAll() {
        assertThat(LoginPolicy.parse("all")).isEqualTo(new LoginPolicy.All());
    }

    @Test
    void parseWhenSurroundedByWhitespaceThenTrimmed() {
        assertThat(LoginPolicy.parse("  off\t")).isEqualTo(new LoginPolicy.Off());
        assertThat(LoginPolicy.parse("\n enrolled ")).isEqualTo(new LoginPolicy.Enrolled());
        assertThat(LoginPolicy.parse(" all ")).isEqualTo(new LoginPolicy.All());
        assertThat(LoginPolicy.parse("  roles:admin  ")).isEqualTo(new LoginPolicy.Roles(Set.of("admin")));
    }

    @Test
    void parseWhenSingleRoleThenRoles() {
        assertThat(LoginPolicy.parse("roles:admin")).isEqualTo(new LoginPolicy.Roles(Set.of("admin")));
    }

    @Test
    void parseWhenRolesWithSpacesThenEachRoleTrimmed() {
        assertThat(LoginPolicy.parse("roles: a, b")).isEqualTo(new LoginPolicy.Roles(Set.of("a", "b")));
        assertThat(LoginPolicy.parse("roles:admin , auditor ")).isEqualTo(new LoginPolicy.Roles(Set.of("admin", "auditor")));
    }

    @Test
    void parseWhenRolesHaveEmptyEntriesThenTheyAreSkipped() {
        assertThat(LoginPolicy.parse("roles:a,,b,")).isEqualTo(new LoginPolicy.Roles(Set.of("a", "b")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sometimes", "roles:", "roles:,", "roles: , ", "roles", "", "   ", "off,all", "enrolled:admin"})
    void parseWhenInvalidThenIllegalArgumentExceptionNamingAcceptedFormat(String value) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LoginPolicy.parse(value))
                .withMessageContaining("'" + value + "'")
                .withMessageContaining("off | enrolled | roles:<role>[,<role>...] | all");
    }

    @Test
    void parseWhenNullThenNullPointerException() {
        assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> LoginPolicy.parse(null));
    }

    @Test
    void rolesWhenEmptyThenIllegalArgumentException() {
        assertThatIllegalArgumentException().isThrownBy(() -> new LoginPolicy.Roles(Set.of()));
    }

    @Test
    void rolesWhenSourceSetChangesThenRolesUnchanged() {
        Set<String> source = new HashSet<>(Set.of("admin"));
        LoginPolicy.Roles roles = new LoginPolicy.Roles(source);

        source.add("user");

        assertThat(roles.roles()).containsExactly("admin");
        assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> roles.roles().add("user"));
    }
}
