/**
 * Push delivery: the first part of the push factor. A {@link dev.stepwise.mfa.factor.push.PushSender} delivers a
 * small payload to a browser's {@link dev.stepwise.mfa.factor.push.PushSubscription}; the built-in
 * {@link dev.stepwise.mfa.factor.push.WebPushSender} speaks Web Push (RFC 8030 delivery, RFC 8291 message
 * encryption, RFC 8292 VAPID) with JDK crypto only, and checks each endpoint with a
 * {@link dev.stepwise.mfa.factor.push.PushEndpointPolicy} before contacting it.
 *
 * <p>API: {@link dev.stepwise.mfa.factor.push.PushSender} and the types its method takes and returns,
 * {@link dev.stepwise.mfa.factor.push.WebPushSender}, {@link dev.stepwise.mfa.factor.push.VapidKeys},
 * {@link dev.stepwise.mfa.factor.push.PushEndpointPolicy}. The factor (registering subscriptions, the challenge
 * page) is not built yet.
 */
package dev.stepwise.mfa.factor.push;
