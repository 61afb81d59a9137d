/**
 * The request path the filter and the interceptors share: the session's MFA records, the saved request, the
 * cookies, the answers (challenge redirect, 401 JSON, 403).
 *
 * <p><strong>Internal: not API; may change in any release.</strong>
 * Applications do not use these types directly.
 *
 * @serial exclude
 */
package dev.stepwise.mfa.http;
