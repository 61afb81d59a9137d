/*
 * Stepwise MFA: the browser half of WebAuthn. No framework; loaded by the library's WebAuthn pages.
 *
 * A form marked data-stepwise-webauthn="create" or "get" carries the server's options (JSON, base64url
 * binary fields as in the WebAuthn Level 3 JSON form) in data-options and has a hidden input named
 * "credential". On submit the script asks the authenticator, puts the result (PublicKeyCredential JSON)
 * into that input, and submits the form. The server checks everything; this file only carries bytes.
 */
(function () {
  'use strict';

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

  function decodeCredentialList(list) {
    return (list || []).map(function (c) {
      var copy = Object.assign({}, c);
      copy.id = fromB64url(c.id);
      return copy;
    });
  }

  function creationOptions(json) {
    if (window.PublicKeyCredential && PublicKeyCredential.parseCreationOptionsFromJSON) {
      return PublicKeyCredential.parseCreationOptionsFromJSON(json);
    }
    var o = Object.assign({}, json);
    o.challenge = fromB64url(json.challenge);
    o.user = Object.assign({}, json.user, { id: fromB64url(json.user.id) });
    o.excludeCredentials = decodeCredentialList(json.excludeCredentials);
    return o;
  }

  function requestOptions(json) {
    if (window.PublicKeyCredential && PublicKeyCredential.parseRequestOptionsFromJSON) {
      return PublicKeyCredential.parseRequestOptionsFromJSON(json);
    }
    var o = Object.assign({}, json);
    o.challenge = fromB64url(json.challenge);
    o.allowCredentials = decodeCredentialList(json.allowCredentials);
    return o;
  }

  function credentialJson(cred) {
    if (typeof cred.toJSON === 'function') {
      return cred.toJSON();
    }
    var r = cred.response, response = { clientDataJSON: toB64url(r.clientDataJSON) };
    if (r.attestationObject) {
      response.attestationObject = toB64url(r.attestationObject);
      if (typeof r.getTransports === 'function') { response.transports = r.getTransports(); }
    } else {
      response.authenticatorData = toB64url(r.authenticatorData);
      response.signature = toB64url(r.signature);
      if (r.userHandle) { response.userHandle = toB64url(r.userHandle); }
    }
    return {
      id: cred.id, rawId: toB64url(cred.rawId), type: cred.type, response: response,
      clientExtensionResults: cred.getClientExtensionResults ? cred.getClientExtensionResults() : {},
      authenticatorAttachment: cred.authenticatorAttachment || null
    };
  }

  function wire(form) {
    var mode = form.getAttribute('data-stepwise-webauthn');
    var status = form.querySelector('[data-stepwise-status]');
    form.addEventListener('submit', function (event) {
      if (form.credential.value) { return; } // second pass: the result is in, let the form go
      event.preventDefault();
      if (!window.PublicKeyCredential) {
        if (status) { status.textContent = status.getAttribute('data-unsupported'); }
        return;
      }
      var json = JSON.parse(form.getAttribute('data-options'));
      var call = mode === 'create'
        ? navigator.credentials.create({ publicKey: creationOptions(json) })
        : navigator.credentials.get({ publicKey: requestOptions(json) });
      call.then(function (cred) {
        form.credential.value = JSON.stringify(credentialJson(cred));
        form.submit();
      }, function () {
        if (status) { status.textContent = status.getAttribute('data-failed'); }
      });
    });
  }

  document.querySelectorAll('form[data-stepwise-webauthn]').forEach(wire);
})();
