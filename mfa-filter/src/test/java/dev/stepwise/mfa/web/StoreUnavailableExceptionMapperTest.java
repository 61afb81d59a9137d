package dev.stepwise.mfa.web;

import dev.stepwise.mfa.store.StoreUnavailableException;
import dev.stepwise.mfa.http.MfaAnswer;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JAX-RS resource that calls the library itself ({@code MfaAccounts}, {@code MfaAdministration}) while the store
 * is away gets the library's 503, as a servlet does through the filter, not the JAX-RS runtime's 500 (which the
 * filter never sees: the runtime wraps what no mapper takes).
 */
class StoreUnavailableExceptionMapperTest {

    @Test
    void theStoreDownInAResourcesCallIntoTheLibraryIsThe503OfTheLibraryWithoutTheCause() {
        StoreUnavailableException down = new StoreUnavailableException(
                "the MFA store could not write (SQLState 57P01, error 0)",
                new SQLException("terminating connection due to administrator command for user alice", "57P01"));

        MfaAnswer answer = StoreUnavailableExceptionMapper.answer(down, null);   // null: as for an API client

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.contentType()).startsWith("application/json");
        assertThat(answer.body()).doesNotContain("alice").doesNotContain("57P01");
    }
}
