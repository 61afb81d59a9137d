/**
 * Security questions the user writes ({@code questions}), the weakest factor: answers normalised and hashed with
 * salted PBKDF2, two asked at random per challenge, never counting alone (see
 * {@link dev.stepwise.mfa.core.QuestionRules}).
 */
package dev.stepwise.mfa.factor.questions;
