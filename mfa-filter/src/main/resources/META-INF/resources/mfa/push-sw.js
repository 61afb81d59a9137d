/*
 * Stepwise MFA: the service worker of the push factor. A browser registers it (scope /mfa/) before it subscribes
 * to push; on each push it shows the notification the server sent: a title and a body that carries the one-time
 * code, which the user types on the challenge page. The payload is JSON made by PushNotification on the server:
 * {"type":"stepwise-code","title":"…","body":"…","code":"123456","lang":"en"}. Nothing else is accepted, nothing
 * is stored, and the notification opens no link (a push that signs in by a click is what phishing copies).
 */
'use strict';

self.addEventListener('push', function (event) {
  var data = null;
  try {
    data = event.data ? event.data.json() : null;
  } catch (e) {
    data = null;
  }
  if (!data || data.type !== 'stepwise-code' || typeof data.title !== 'string' || typeof data.body !== 'string'
      || !/^[0-9]{6,8}$/.test(String(data.code))) {
    return;
  }
  event.waitUntil(self.registration.showNotification(data.title.slice(0, 120), {
    body: data.body.slice(0, 400),
    lang: typeof data.lang === 'string' ? data.lang.slice(0, 16) : undefined,
    tag: 'stepwise-code',
    renotify: true,
    requireInteraction: true
  }));
});

self.addEventListener('notificationclick', function (event) {
  event.notification.close();
});
