package dev.stepwise.mfa.core;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * {@link Caller}: roles from a fixed set or asked lazily.
 */
class CallerTest {

    @Test
    void isInAnyRoleWhenOneMatchesThenTrue() {
        Caller caller = Caller.of("alice", Set.of("user", "auditor"));

        assertThat(caller.isInAnyRole(Set.of("admin", "auditor"))).isTrue();
        assertThat(caller.isInAnyRole(Set.of("admin"))).isFalse();
        assertThat(caller.isInAnyRole(Set.of())).isFalse();
    }

    @Test
    void ofSetWhenSourceChangesThenRolesUnchanged() {
        Set<String> roles = new HashSet<>(Set.of("user"));
        Caller caller = Caller.of("alice", roles);

        roles.add("admin");

        assertThat(caller.isInRole("admin")).isFalse();
        assertThat(caller.isInRole("user")).isTrue();
    }

    @Test
    void isInAnyRoleWhenFirstMatchesThenStopsAsking() {
        List<String> asked = new ArrayList<>();
        Caller caller = Caller.of("alice", role -> {
            asked.add(role);
            return role.equals("admin");
        });
        Set<String> roles = new LinkedHashSet<>(List.of("admin", "auditor"));

        assertThat(caller.isInAnyRole(roles)).isTrue();
        assertThat(asked).containsExactly("admin");
    }

    @Test
    void ofWhenNameMissingThenNullPointerException() {
        assertThatNullPointerException().isThrownBy(() -> Caller.of(null, Set.of()));
    }
}
