/**
 * One-time codes sent out of band (email, SMS, voice): generation, keyed hashing, the pending-code store SPI,
 * and the rules every such factor shares — at least 6 digits from {@link java.security.SecureRandom}, stored
 * hashed, valid at most 10 minutes, usable once, only the newest valid, resend cooldown (NIST SP 800-63B rev4
 * §3.1.3; ASVS 4.0.3 2.7.x, 5.0 6.6.x). Plain Java: no servlet, no CDI.
 *
 * <p><strong>Internal: not API; may change in any release.</strong>
 * Applications do not use these types directly; the email and SMS factors use them.
 */
package dev.stepwise.mfa.factor.otp;
