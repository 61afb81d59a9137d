/**
 * The {@code stepwise.mfa.*} parameters (web.xml context parameters or MicroProfile Config), each parsed once into
 * an immutable setting; {@link dev.stepwise.mfa.runtime.config.Parameters} is the table the README's configuration
 * reference is checked against.
 *
 * <p><strong>Internal: not API; may change in any release.</strong>
 * Applications do not use these types directly: they configure the library through the parameters.
 */
package dev.stepwise.mfa.runtime.config;
