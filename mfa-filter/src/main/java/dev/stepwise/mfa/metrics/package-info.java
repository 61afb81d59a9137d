/**
 * Optional counters and timers of the MFA lifecycle and the store's readiness check (docs/operations.md). Not API;
 * may change in any release. The metric names, their attributes and the check's name are documented in
 * docs/operations.md and are what operators rely on.
 *
 * <p>{@link dev.stepwise.mfa.metrics.MfaMetrics} observes the library's {@link dev.stepwise.mfa.event.MfaEvent}s,
 * so nothing is counted on a request that fires none. Only {@link dev.stepwise.mfa.metrics.MicroProfileMeters}
 * names MicroProfile Metrics, only {@link dev.stepwise.mfa.metrics.MicrometerMeters} names Micrometer and only
 * {@link dev.stepwise.mfa.metrics.StoreReadiness} names MicroProfile Health;
 * each is loaded only once its API has been seen, so a server without them deploys the library as before.
 */
package dev.stepwise.mfa.metrics;
