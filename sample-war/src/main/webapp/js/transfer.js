/*
 * The sample's transfer form, sent with fetch(). Moving money needs a factor from the last two minutes
 * (@StepUp on the JAX-RS resource). When the bank answers 401 (RFC 9470, an application/problem+json body whose
 * challengeApi member names the library's JSON challenge API), the script asks for the factor in a dialog on this
 * page: the code of an authenticator app, or a security key. Once the API answers 200 it sends the transfer once
 * more and shows the result, without leaving or reloading the page.
 *
 * Factors the dialog does not handle (email or SMS codes, recovery codes) are a link to the library's challenge
 * page; so is every 401 without challengeApi (a server before the API): the transfer is remembered and sent once
 * when the browser comes back here. Without JavaScript the form posts normally and the library replays it after
 * its challenge page.
 *
 * Every request carries the session's CSRF token as the header X-CSRF-Token, read from the form's hidden field
 * (the bank's API and the library's challenge API refuse a POST without it).
 */
(function () {
  'use strict';
  var form = document.getElementById('transfer');
  var result = document.getElementById('transfer-result');
  if (!form || !window.fetch) { return; }
  var KEY = 'stepwise-sample-pending-transfer';
  var el = function (id) { return document.getElementById(id); };
  var dialog = el('step-up');

  function token() {
    return form.elements.stepwise_csrf.value;
  }

  /** The response with its JSON body (an empty object when there is none or it is not JSON). */
  function withBody(response) {
    return response.text().then(function (text) {
      var body = {};
      try { body = text ? JSON.parse(text) : {}; } catch (e) { body = {}; }
      return { response: response, body: body };
    });
  }

  /** "Try again in N seconds" / "N minutes", from seconds. */
  function tryAgain(seconds) {
    if (seconds < 90) { return 'Try again in ' + plural(seconds, 'second') + '.'; }
    return 'Try again in ' + plural(Math.ceil(seconds / 60), 'minute') + '.';
  }

  /** A 429's message: how long to wait, from its retryAfter member or Retry-After header. */
  function waitText(r) {
    var seconds = Number(r.body.retryAfter || r.response.headers.get('Retry-After'));
    return 'Too many attempts. ' + (seconds > 0 ? tryAgain(seconds) : 'Try again later.');
  }

  function plural(n, unit) {
    return n + ' ' + unit + (n === 1 ? '' : 's');
  }

  /** Money as the page writes it: two decimals at least (987.5 → 987.50). */
  function money(n) {
    var s = String(n), dot = s.indexOf('.');
    if (dot < 0) { return s + '.00'; }
    return s.length - dot === 2 ? s + '0' : s;
  }

  // ---- the transfer ----------------------------------------------------------------------------------------

  function send(t, confirmed) {
    result.textContent = 'Sending...';
    return fetch(form.action, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'Accept': 'application/json',
        'X-Requested-With': 'fetch',
        'X-CSRF-Token': token(),
        'Content-Type': 'application/x-www-form-urlencoded'
      },
      body: new URLSearchParams(t)
    }).then(withBody).then(function (r) {
      if (r.response.ok) {
        shown(t, r.body);
      } else if (r.response.status === 401 && !confirmed) {
        stepUp(t, r.body);
      } else if (r.response.status === 429) {
        result.textContent = 'Not sent: ' + waitText(r);
      } else {
        result.textContent = 'Not sent: ' + (r.body.detail || r.body.error || r.response.status);
      }
    }, function () {
      result.textContent = 'Not sent: the bank could not be reached.';
    });
  }

  /** The transfer went through: the message, the new balance and the list, as a reload would show them. */
  function shown(t, body) {
    result.textContent = 'Sent ' + t.amount + ' to ' + body.to + '. New balance: ' + money(body.balance);
    el('balance').textContent = money(body.balance);
    var item = document.createElement('li');
    item.textContent = t.amount + ' to ' + body.to;
    el('transfers').appendChild(item);
  }

  /** The library's challenge page: remember the transfer, send it once when the browser comes back. */
  function toChallengePage(t, page) {
    sessionStorage.setItem(KEY, JSON.stringify(t));
    result.textContent = 'Please confirm it is you...';
    window.location.assign(page);
  }

  // ---- the step-up dialog ----------------------------------------------------------------------------------

  var HANDLED = ['totp', 'webauthn'];
  /** The step-up under way: the transfer, the API's URLs, the pending challenge's id. */
  var current = null;

  function api(method, url, body) {
    var init = {
      method: method,
      credentials: 'same-origin',
      headers: { 'Accept': 'application/json' }
    };
    if (body) {
      init.headers['Content-Type'] = 'application/json';
      init.headers['X-CSRF-Token'] = token();
      init.body = JSON.stringify(body);
    }
    return fetch(url, init).then(withBody);
  }

  function handles(factor) {
    return HANDLED.indexOf(factor) >= 0 && (factor !== 'webauthn' || !!window.PublicKeyCredential);
  }

  /** The 401 of the transfer: ask the API what may be used, then open the dialog (or go to the page). */
  function stepUp(t, problem) {
    if (!problem.challengeApi || !dialog || typeof dialog.showModal !== 'function') {
      toChallengePage(t, problem.challenge);
      return;
    }
    result.textContent = 'Please confirm it is you...';
    api('GET', problem.challengeApi + '/status').then(function (r) {
      if (!r.response.ok) {
        result.textContent = 'Not sent: ' + (r.body.detail || r.response.status);
        return;
      }
      var status = r.body, pending = status.pending;
      var factors = (pending && pending.factors) || status.factors || problem.factors || [];
      if (!factors.some(handles)) {
        toChallengePage(t, problem.challenge);
        return;
      }
      current = {
        transfer: t, page: problem.challenge, challenge: pending ? pending.id : undefined,
        status: problem.challengeApi + '/status',
        begin: status.begin || problem.challengeApi + '/begin',
        verify: status.verify || problem.challengeApi + '/verify',
        done: false
      };
      openDialog(factors, pending);
    }, function () {
      result.textContent = 'Not sent: the bank could not be reached.';
    });
  }

  function openDialog(factors, pending) {
    var usable = factors.filter(handles);
    el('step-up-reason').textContent = (pending && pending.reasonText) || 'Confirm it\'s you to send money.';
    el('step-up-totp').hidden = usable.indexOf('totp') < 0;
    el('step-up-key').hidden = usable.indexOf('webauthn') < 0;
    el('step-up-other').hidden = usable.length === factors.length;
    el('step-up-other-link').href = current.page;
    el('step-up-code').value = '';
    say('');
    busy(false);
    dialog.showModal();
    (usable[0] === 'totp' ? el('step-up-code') : el('step-up-key-button')).focus();
  }

  /** An error for the user, in the dialog's role="alert" paragraph ('' clears it). */
  function say(message) {
    el('step-up-error').textContent = message;
    el('step-up-code').setAttribute('aria-invalid', message ? 'true' : 'false');
  }

  function busy(on) {
    ['step-up-confirm', 'step-up-key-button'].forEach(function (id) { el(id).disabled = on; });
  }

  /** The API's answer to an attempt: 200 closes the dialog and sends the transfer; anything else is said. */
  function answered(r, factor) {
    if (!current) { return; } // cancelled meanwhile
    busy(false);
    var s = r.response.status, p = r.body;
    if (r.response.ok) {
      current.done = true;
      dialog.close();
      send(current.transfer, true);
      return;
    }
    if (s === 401) {
      var wrong = factor === 'totp' ? 'Wrong code' : 'That security key was not accepted';
      var left = p.attemptsLeft;
      var said = typeof left === 'number' ? wrong + ', ' + plural(left, 'attempt') + ' left.' : wrong + '.';
      say(p.retryAfter > 0 ? said + ' ' + tryAgain(p.retryAfter) : said); // a delay runs before the next
    } else if (s === 429) {
      say(waitText(r));
    } else if (s === 409) {
      say('This confirmation was replaced by a newer one. Please try again.');
      refreshChallenge();
    } else if (s === 503) {
      say('Confirmation is not available right now. Please try again in a moment.');
    } else {
      say(p.detail || 'Something went wrong (' + s + ').');
    }
    if (factor === 'totp') {
      el('step-up-code').value = '';
      el('step-up-code').focus();
    }
  }

  /** After a 409: the pending challenge's id as it is now. */
  function refreshChallenge() {
    api('GET', current.status).then(function (r) {
      if (r.response.ok && current) {
        current.challenge = r.body.pending ? r.body.pending.id : undefined;
      }
    });
  }

  /** The begin answer: the key signs the request options, the API checks the assertion. */
  function useKey(r) {
    if (!current) { return; }
    if (!r.response.ok) {
      answered(r, 'webauthn');
      return;
    }
    var asked;
    try {
      asked = navigator.credentials.get({ publicKey: Keys.requestOptions(r.body.view.options) });
    } catch (e) {
      asked = Promise.reject(e);
    }
    asked.then(function (credential) {
      if (!current) { return; }
      api('POST', current.verify, {
        factor: 'webauthn', credential: Keys.credentialJson(credential), challenge: current.challenge
      }).then(function (v) { answered(v, 'webauthn'); }, unreachable);
    }, function () {
      busy(false);
      say('The security key did not answer. Try again, or use another method.');
    });
  }

  function unreachable() {
    busy(false);
    say('The bank could not be reached. Please try again.');
  }

  /** The dialog's controls, wired once. */
  function wireDialog() {
    el('step-up-totp').addEventListener('submit', function (event) {
      event.preventDefault();
      say('');
      busy(true);
      api('POST', current.verify, { factor: 'totp', code: el('step-up-code').value, challenge: current.challenge })
        .then(function (r) { answered(r, 'totp'); }, unreachable);
    });

    el('step-up-key-button').addEventListener('click', function () {
      say('');
      busy(true);
      api('POST', current.begin, { factor: 'webauthn', challenge: current.challenge })
        .then(useKey, unreachable);
    });

    // The link to the challenge page: the transfer is sent when the browser comes back.
    el('step-up-other-link').addEventListener('click', function () {
      sessionStorage.setItem(KEY, JSON.stringify(current.transfer));
    });

    el('step-up-cancel').addEventListener('click', function () { dialog.close(); });

    // Closed by Escape (the native "cancel"), by Cancel, or after a confirmation.
    dialog.addEventListener('close', function () {
      if (current && !current.done) {
        result.textContent = 'Not sent: you cancelled the confirmation.';
      }
      current = null;
      form.querySelector('button[type=submit]').focus();
    });
  }

  // ---- WebAuthn's JSON forms (WebAuthn Level 3), by hand where the browser lacks them ----------------------

  var Keys = {
    fromB64url: function (s) {
      var b64 = s.replace(/-/g, '+').replace(/_/g, '/');
      while (b64.length % 4) { b64 += '='; }
      var bin = atob(b64), bytes = new Uint8Array(bin.length);
      for (var i = 0; i < bin.length; i++) { bytes[i] = bin.charCodeAt(i); }
      return bytes.buffer;
    },
    toB64url: function (buf) {
      var bytes = new Uint8Array(buf), bin = '';
      for (var i = 0; i < bytes.length; i++) { bin += String.fromCharCode(bytes[i]); }
      return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    },
    requestOptions: function (json) {
      if (PublicKeyCredential.parseRequestOptionsFromJSON) {
        return PublicKeyCredential.parseRequestOptionsFromJSON(json);
      }
      var o = Object.assign({}, json);
      o.challenge = Keys.fromB64url(json.challenge);
      o.allowCredentials = (json.allowCredentials || []).map(function (c) {
        return Object.assign({}, c, { id: Keys.fromB64url(c.id) });
      });
      return o;
    },
    credentialJson: function (cred) {
      if (typeof cred.toJSON === 'function') { return cred.toJSON(); }
      var r = cred.response, b = Keys.toB64url;
      var response = {
        clientDataJSON: b(r.clientDataJSON), authenticatorData: b(r.authenticatorData), signature: b(r.signature)
      };
      if (r.userHandle) { response.userHandle = b(r.userHandle); }
      return {
        id: cred.id, rawId: b(cred.rawId), type: cred.type, response: response,
        clientExtensionResults: cred.getClientExtensionResults ? cred.getClientExtensionResults() : {},
        authenticatorAttachment: cred.authenticatorAttachment || null
      };
    }
  };

  if (dialog) { wireDialog(); }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    send({ to: form.elements.to.value, amount: form.elements.amount.value }, false);
  });

  // Back from the challenge page: send the remembered transfer once (it is removed before sending).
  var pending = sessionStorage.getItem(KEY);
  if (pending) {
    sessionStorage.removeItem(KEY);
    send(JSON.parse(pending), false);
  }
})();
