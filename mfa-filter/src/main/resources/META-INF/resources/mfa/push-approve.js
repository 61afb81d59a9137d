/*
 * Stepwise MFA: the push factor's approval page. No framework; loaded by push-approve.jsp.
 *
 * The notification opened this page with the approval token in the URL's fragment (never sent to any server, never
 * in a Referer). The script reads it, removes it from the address bar and the history, posts it as JSON to
 * {endpoint}/choices for the application's name and three numbers, and shows a button per number and "This wasn't
 * me". One click posts {endpoint}/decide once: the right number approves the sign-in, anything else denies it.
 * Texts come from the page's data attributes; numbers are written with textContent only.
 */
(function () {
  'use strict';

  var root = document.getElementById('stepwise-approve');
  if (!root) { return; }
  var endpoint = root.getAttribute('data-endpoint');
  var status = root.querySelector('[data-stepwise-status]');
  var list = document.getElementById('stepwise-approve-choices');
  var app = document.getElementById('stepwise-approve-app');

  function say(which) {
    status.textContent = root.getAttribute('data-' + which) || '';
  }

  var token = window.location.hash.replace(/^#/, '');
  if (window.history && window.history.replaceState) {
    window.history.replaceState(null, '', window.location.pathname);
  }
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) {
    say('no-token');
    return;
  }

  function post(path, body) {
    return fetch(endpoint + path, {
      method: 'POST',
      credentials: 'omit',
      cache: 'no-store',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body)
    });
  }

  function decide(body) {
    var buttons = list.querySelectorAll('button');
    for (var i = 0; i < buttons.length; i++) { buttons[i].disabled = true; }
    body.token = token;
    post('/decide', body).then(function (response) {
      if (response.status === 404 || response.status === 409) { say('gone'); return null; }
      if (!response.ok) { throw new Error('HTTP ' + response.status); }
      return response.json();
    }).then(function (answer) {
      if (answer) { say(answer.outcome === 'approved' ? 'approved' : 'denied'); }
      list.textContent = '';
    }).catch(function () {
      say('failed');
    });
  }

  function button(text, cls, body) {
    var b = document.createElement('button');
    b.type = 'button';
    b.textContent = text;
    if (cls) { b.className = cls; }
    b.addEventListener('click', function () { decide(body); });
    list.appendChild(b);
  }

  post('/choices', { token: token }).then(function (response) {
    if (response.status === 404) { say('gone'); return null; }
    if (!response.ok) { throw new Error('HTTP ' + response.status); }
    return response.json();
  }).then(function (answer) {
    if (!answer) { return; }
    app.textContent = String(answer.app || '');
    say('choose');
    (answer.choices || []).forEach(function (n) {
      if (typeof n === 'number' && n >= 10 && n <= 99) {
        button(String(n), 'stepwise-number', { choice: n });
      }
    });
    button(root.getAttribute('data-not-me') || '', 'secondary', { deny: true });
  }).catch(function () {
    say('failed');
  });
})();
