/*
 * Stepwise MFA: passkey sign-in in the browser (README "Passkey sign-in"). No framework, no inline script: works
 * under Content-Security-Policy default-src 'self'. Any page of the application may embed it:
 *
 *   <input name="username" autocomplete="username webauthn">            (passkeys offered in its autofill)
 *   <button type="button" data-stepwise-passkey="/app/mfa/passkey">Sign in with a passkey</button>
 *   <p data-stepwise-passkey-status data-failed="..." data-unsupported="..." role="status"></p>   (optional)
 *   <script src="/app/mfa/passkey.js" data-stepwise-passkey="/app/mfa/passkey"></script>
 *
 * The endpoint comes from the script element's data-stepwise-passkey, else from the first element that has one.
 * The script asks the endpoint for options (POST /options), lets the authenticator sign (conditional mediation
 * when an autofill field is there and the browser supports it; the button always works), posts the assertion
 * (POST /verify) and follows the server's redirect. The server checks everything; this file only carries bytes.
 */
(function () {
  'use strict';

  var script = document.currentScript;
  var button = document.querySelector('[data-stepwise-passkey]:not(script)');
  var endpoint = (script && script.getAttribute('data-stepwise-passkey'))
    || (button && button.getAttribute('data-stepwise-passkey'));
  var status = document.querySelector('[data-stepwise-passkey-status]');
  var conditional = null;

  if (!endpoint) { return; }

  function fromB64url(s) {
    var b64 = s.replace(/-/g, '+').replace(/_/g, '/');
    while (b64.length % 4) { b64 += '='; }
    var bin = atob(b64), bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) { bytes[i] = bin.charCodeAt(i); }
    return bytes.buffer;
  }

  function toB64url(buf) {
    var bytes = new Uint8Array(buf), bin = '';
    for (var i = 0; i < bytes.length; i++) { bin += String.fromCharCode(bytes[i]); }
    return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function requestOptions(json) {
    if (window.PublicKeyCredential && PublicKeyCredential.parseRequestOptionsFromJSON) {
      return PublicKeyCredential.parseRequestOptionsFromJSON(json);
    }
    var o = Object.assign({}, json);
    o.challenge = fromB64url(json.challenge);
    o.allowCredentials = [];
    return o;
  }

  function assertionJson(cred) {
    if (typeof cred.toJSON === 'function') { return cred.toJSON(); }
    var r = cred.response;
    var response = {
      clientDataJSON: toB64url(r.clientDataJSON), authenticatorData: toB64url(r.authenticatorData),
      signature: toB64url(r.signature)
    };
    if (r.userHandle) { response.userHandle = toB64url(r.userHandle); }
    return {
      id: cred.id, rawId: toB64url(cred.rawId), type: cred.type, response: response,
      clientExtensionResults: cred.getClientExtensionResults ? cred.getClientExtensionResults() : {},
      authenticatorAttachment: cred.authenticatorAttachment || null
    };
  }

  function say(kind) {
    if (status) { status.textContent = status.getAttribute('data-' + kind) || ''; }
  }

  function post(path, body) {
    return fetch(endpoint + path, {
      method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body)
    });
  }

  function options() {
    return post('/options', {}).then(function (r) {
      if (!r.ok) { throw new Error('options: ' + r.status); }
      return r.json();
    });
  }

  function finish(cred) {
    return post('/verify', { credential: assertionJson(cred) }).then(function (r) {
      if (r.ok) {
        window.location.assign(r.url); // the server's 303, followed: the page to go on to
        return;
      }
      say('failed');
    });
  }

  function withButton(event) {
    event.preventDefault();
    if (!window.PublicKeyCredential) { say('unsupported'); return; }
    if (conditional) { conditional.abort(); conditional = null; }
    say('none');
    options().then(function (json) {
      return navigator.credentials.get({ publicKey: requestOptions(json) });
    }).then(finish).catch(function () { say('failed'); });
  }

  function withAutofill() {
    var field = document.querySelector('input[autocomplete~="webauthn"]');
    if (!field || !window.PublicKeyCredential || !PublicKeyCredential.isConditionalMediationAvailable) { return; }
    PublicKeyCredential.isConditionalMediationAvailable().then(function (available) {
      if (!available) { return; }
      var controller = new AbortController();
      conditional = controller;
      options().then(function (json) {
        return navigator.credentials.get({
          mediation: 'conditional', publicKey: requestOptions(json), signal: controller.signal
        });
      }).then(finish).catch(function () {
        if (!controller.signal.aborted) { say('failed'); }
      });
    });
  }

  if (button) { button.addEventListener('click', withButton); }
  withAutofill();
})();
