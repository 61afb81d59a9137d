/**
 * Location rules: which networks and countries a role or a path may be used from, and what happens to a request
 * from elsewhere (a step-up or a refusal). Pure: the web layer gathers the facts ({@link
 * dev.stepwise.mfa.core.location.LocationFacts}) and renders the {@link
 * dev.stepwise.mfa.core.location.LocationVerdict}.
 *
 * <p>Not API: configured through {@code stepwise.mfa.location.rules}; the types may change in any release.
 */
package dev.stepwise.mfa.core.location;
