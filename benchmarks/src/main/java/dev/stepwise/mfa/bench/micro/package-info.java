/**
 * JMH benchmarks of the library's hot code: the gatekeeper's decision, the requirement lookup for a path, the
 * trust cookie, TOTP, recovery codes, WebAuthn and the configuration. Each measures the library's own classes
 * with in-memory stores, so the figures are CPU time without the database (benchmarks/README.md).
 */
package dev.stepwise.mfa.bench.micro;
