/**
 * Network values the decisions read: client addresses behind trusted proxies, CIDR ranges, the forwarded scheme,
 * cookie names.
 *
 * <p><strong>Internal: not API; may change in any release.</strong>
 * Applications do not use these types directly; they are configured with the {@code stepwise.mfa.*} parameters.
 */
package dev.stepwise.mfa.core.net;
