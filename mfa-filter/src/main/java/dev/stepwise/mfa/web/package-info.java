/**
 * The servlet side: the enforcement filter, the challenge, enrolment and settings pages, the exception mappers.
 *
 * <p><strong>Internal: not API; may change in any release.</strong>
 * Applications do not use these types directly, with one exception: {@link dev.stepwise.mfa.web.StepwiseCsrf},
 * the CSRF token for the application's own forms.
 */
package dev.stepwise.mfa.web;
