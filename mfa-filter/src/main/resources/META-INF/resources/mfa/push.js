/*
 * Stepwise MFA: registers this browser for push codes. No framework; loaded by push-devices.jsp.
 *
 * The form marked data-stepwise-push carries the server's VAPID public key (base64url) and, in data-worker, the
 * service worker's URL. On submit the script registers the service worker, asks for permission to show
 * notifications, subscribes with the key as applicationServerKey, puts the subscription's endpoint and keys into
 * the hidden inputs and submits the form. The server checks everything; this file only carries values.
 */
(function () {
  'use strict';

  function fromB64url(s) {
    var b64 = s.replace(/-/g, '+').replace(/_/g, '/');
    while (b64.length % 4) { b64 += '='; }
    var bin = atob(b64), bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) { bytes[i] = bin.charCodeAt(i); }
    return bytes;
  }

  var form = document.querySelector('form[data-stepwise-push]');
  if (!form) { return; }
  var status = form.querySelector('[data-stepwise-status]');

  function say(which) {
    if (status) { status.textContent = status.getAttribute('data-' + which) || ''; }
  }

  if (!('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window)) {
    say('unsupported');
    form.querySelector('button[type=submit]').disabled = true;
    return;
  }

  // The registration's own worker once it is active. Not navigator.serviceWorker.ready: that waits for a worker
  // whose scope (/mfa/) covers this page, which never comes when the pages are elsewhere (stepwise.mfa.path).
  function active(registration) {
    var worker = registration.installing || registration.waiting;
    if (registration.active || !worker) { return registration; }
    return new Promise(function (resolve, reject) {
      worker.addEventListener('statechange', function () {
        if (worker.state === 'activated') { resolve(registration); }
        if (worker.state === 'redundant') { reject(new Error('redundant')); }
      });
    });
  }

  var ready = false;
  form.addEventListener('submit', function (event) {
    if (ready) { return; }
    event.preventDefault();
    var worker = form.getAttribute('data-worker');
    Notification.requestPermission().then(function (permission) {
      if (permission !== 'granted') { throw new Error('denied'); }
      return navigator.serviceWorker.register(worker);
    }).then(active).then(function (registration) {
      return registration.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: fromB64url(form.getAttribute('data-stepwise-push'))
      });
    }).then(function (subscription) {
      var json = subscription.toJSON();
      form.elements.endpoint.value = json.endpoint || '';
      form.elements.p256dh.value = (json.keys && json.keys.p256dh) || '';
      form.elements.auth.value = (json.keys && json.keys.auth) || '';
      ready = true;
      form.submit();
    }).catch(function (error) {
      // permission refused, or anything else (the worker, the push service, the subscription)
      say(error && error.message === 'denied' && Notification.permission !== 'granted' ? 'denied' : 'failed');
    });
  });
})();
