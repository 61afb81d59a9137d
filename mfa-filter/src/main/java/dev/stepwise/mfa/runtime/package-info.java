/**
 * Configuration and wiring: the runtime the filter and the interceptors share, its storage, housekeeping, the
 * secret key.
 *
 * <p><strong>Internal: not API; may change in any release.</strong>
 * Applications do not use these types directly, with one exception:
 * {@link dev.stepwise.mfa.runtime.StepwiseClock}, the qualifier of a
 * {@link java.time.Clock} bean an application (or its tests) may produce.
 */
package dev.stepwise.mfa.runtime;
