/*
 * The sample's transfer form, sent with fetch(). Moving money needs a factor from the last two minutes
 * (@StepUp on the JAX-RS resource). When the server answers 401 insufficient_user_authentication, the form
 * remembers the transfer, opens the challenge page, and sends the transfer once when the browser is brought
 * back here. Without JavaScript the form posts normally and the library replays it after the challenge.
 * Either way the request carries the session's CSRF token: the form as a field, the script as the header
 * X-CSRF-Token (read from the form's hidden field; the API refuses a transfer without it).
 */
(function () {
  'use strict';
  var form = document.getElementById('transfer');
  var result = document.getElementById('transfer-result');
  if (!form || !window.fetch) { return; }
  var KEY = 'stepwise-sample-pending-transfer';

  function send(to, amount) {
    result.textContent = 'Sending...';
    return fetch(form.action, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'Accept': 'application/json',
        'X-Requested-With': 'fetch',
        'X-CSRF-Token': form.elements.stepwise_csrf.value,
        'Content-Type': 'application/x-www-form-urlencoded'
      },
      body: new URLSearchParams({ to: to, amount: amount })
    }).then(function (response) {
      if (response.status === 401) {
        return response.json().then(function (problem) {
          // Keep the transfer for when the browser comes back, then go and prove a factor.
          sessionStorage.setItem(KEY, JSON.stringify({ to: to, amount: amount }));
          result.textContent = 'Please confirm it is you...';
          window.location.assign(problem.challenge);
        });
      }
      return response.json().then(function (body) {
        if (response.ok) {
          result.textContent = 'Sent ' + body.amount + ' to ' + body.to + '. New balance: ' + body.balance;
          window.setTimeout(function () { window.location.reload(); }, 800);
        } else {
          result.textContent = 'Not sent: ' + (body.error || response.status);
        }
      });
    }, function () {
      result.textContent = 'Not sent: the bank could not be reached.';
    });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    send(form.to.value, form.amount.value);
  });

  // Back from the challenge: send the remembered transfer once (it is removed before sending).
  var pending = sessionStorage.getItem(KEY);
  if (pending) {
    sessionStorage.removeItem(KEY);
    var t = JSON.parse(pending);
    send(t.to, t.amount);
  }
})();
