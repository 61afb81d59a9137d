/**
 * Durable, shared state of Stepwise MFA on a {@link javax.sql.DataSource}: plain JDBC, tables prefixed
 * {@code stepwise_}, versioned migration scripts per dialect in the jar under
 * {@code dev/stepwise/mfa/store/migration/{h2,postgresql,mariadb}/} (Flyway's names, {@code V1__first_schema.sql} …), one row
 * per applied version in {@code stepwise_schema_version} (docs/schema-migrations.md).
 *
 * <pre>{@code
 * JdbcStore store = JdbcStore.open(dataSource, new SecretBox(key), SchemaMode.MIGRATE, clock);
 * new TotpFactor(store.totpCredentials(), clock, TotpSettings.defaults());
 * new RecoveryFactor(store.recoveryCodes(), used -> …);
 * new OneTimeCodes("email", settings, store.oneTimeCodes(), hasher, clock);
 * new AccountThrottle(store.attempts(), AttemptPolicy.defaults(), clock);
 * new TrustedDevices(store.trustedDevices(), store.trustKeys(), clock, trustDuration, keyRotation, random);
 * RiskAssessor.withBuiltIns(store.riskHistory(), adaptiveSettings, List.of());
 * LoginFacts.NONE.withExemption(store.exemptions().find(user).orElse(null))
 *         .withAlwaysAsk(store.preferences().of(user).alwaysAskAtLogin());
 * }</pre>
 *
 * <p>Every check-and-consume is one atomic statement (see each store's javadoc), so application nodes sharing
 * the database never both accept one code. Faults surface as {@link dev.stepwise.mfa.store.StoreUnavailableException};
 * callers fail closed.
 *
 * <p><strong>Internal: not API; may change in any release.</strong>
 * Applications do not use these types directly,
 * with one exception: {@link dev.stepwise.mfa.store.StoreUnavailableException}, which
 * {@link dev.stepwise.mfa.cdi.MfaAccounts} and {@link dev.stepwise.mfa.cdi.MfaAdministration} throw when the
 * database cannot be reached.
 */
package dev.stepwise.mfa.store;
