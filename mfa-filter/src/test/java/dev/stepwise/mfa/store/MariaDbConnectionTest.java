package dev.stepwise.mfa.store;

import dev.stepwise.mfa.MutableClock;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the store needs of a MariaDB data source beyond the schema, checked at startup on the tests' MariaDB
 * ({@link dev.stepwise.mfa.testing.TestMariaDb}).
 */
class MariaDbConnectionTest {

    static final byte[] BOX_KEY = "0123456789abcdef0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    /**
     * With {@code useAffectedRows=true} an update that matches a row without changing it counts 0, so a trusted
     * device used twice within a millisecond, or a sign count that stays 0, would be refused: refused at startup.
     */
    @Test
    void aDataSourceThatCountsChangedRowsIsRefusedAtStartupSayingWhichProperty() {
        try (TestDatabase db = TestDatabase.mariadb("useAffectedRows=true")) {
            assertThatThrownBy(() -> JdbcStore.open(db.dataSource(), new SecretBox(BOX_KEY), true, CLOCK))
                    .isInstanceOf(StoreSchemaException.class)
                    .hasMessageContaining("useAffectedRows=true").hasMessageContaining("useAffectedRows=false");
        }
    }

    @Test
    void theDefaultConnectionIsAccepted() {
        try (TestDatabase db = TestDatabase.mariadb("useAffectedRows=false")) {
            assertThat(JdbcStore.open(db.dataSource(), new SecretBox(BOX_KEY), true, CLOCK).dialect())
                    .isEqualTo(Dialect.MARIADB);
        }
    }
}
