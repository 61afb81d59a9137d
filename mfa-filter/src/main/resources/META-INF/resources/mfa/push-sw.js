/*
 * Stepwise MFA: the service worker of the push factor. A browser registers it (scope /mfa/) before it subscribes
 * to push; on each push it shows the notification the server sent. The payload is JSON made by PushNotification
 * on the server, one of two types:
 *   {"type":"stepwise-code","title":"…","body":"…","code":"123456","lang":"en"}: the body carries a one-time
 *     code the user types on the sign-in page; the notification opens nothing.
 *   {"type":"stepwise-approve","title":"…","body":"…","url":"https://…/mfa/push/approve#<token>","lang":"en"}:
 *     a click opens the approval page, where the user chooses the number the sign-in page shows. The URL is
 *     opened only if it is of this worker's origin, its path is under this application's context root and ends
 *     in /push/approve, it has no query, and its fragment is a token (43 base64url characters). The payload never
 *     carries the number.
 * Nothing else is accepted and nothing is stored.
 */
'use strict';

var APPROVE_PATH = /\/push\/approve$/;
var TOKEN = /^#[A-Za-z0-9_-]{43}$/;
/* The application's context root: this file is {root}mfa/push-sw.js. */
var ROOT = self.location.pathname.replace(/mfa\/push-sw\.js$/, '');

/** The approval URL if it is one this worker may open, else null. */
function approvalUrl(raw) {
  var url;
  try {
    url = new URL(String(raw));
  } catch (e) {
    return null;
  }
  if (url.origin !== self.location.origin || url.search !== '' || url.username !== '' || url.password !== ''
      || url.pathname.indexOf(ROOT) !== 0 || !APPROVE_PATH.test(url.pathname) || !TOKEN.test(url.hash)) {
    return null;
  }
  return url.href;
}

function show(data, tag, extra) {
  return self.registration.showNotification(data.title.slice(0, 120), {
    body: data.body.slice(0, 400),
    lang: typeof data.lang === 'string' ? data.lang.slice(0, 16) : undefined,
    tag: tag,
    renotify: true,
    requireInteraction: true,
    data: extra
  });
}

self.addEventListener('push', function (event) {
  var data = null;
  try {
    data = event.data ? event.data.json() : null;
  } catch (e) {
    data = null;
  }
  if (!data || typeof data.title !== 'string' || typeof data.body !== 'string') {
    return;
  }
  if (data.type === 'stepwise-code' && /^[0-9]{6,8}$/.test(String(data.code))) {
    event.waitUntil(show(data, 'stepwise-code', null));
  } else if (data.type === 'stepwise-approve') {
    var url = approvalUrl(data.url);
    if (url) {
      event.waitUntil(show(data, 'stepwise-approve', { url: url }));
    }
  }
});

self.addEventListener('notificationclick', function (event) {
  event.notification.close();
  var data = event.notification.data;
  var url = data && typeof data.url === 'string' ? approvalUrl(data.url) : null;
  if (url) {
    event.waitUntil(self.clients.openWindow(url));
  }
});
