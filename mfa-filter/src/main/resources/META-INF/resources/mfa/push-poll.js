/*
 * Stepwise MFA: the status poll of the push number prompt's sign-in page. No framework; loaded by push-number.jsp.
 *
 * The element marked data-stepwise-poll names the status URL ({path}/push/status). Every two seconds the script
 * asks it for the state of the approval this session asked for: "approved" submits the page's "Continue" form
 * (the server decides again there), "denied" and "expired" show the page's text and stop, anything else ("none",
 * an error) stops or waits. The answer holds only the state. Without this script the Continue button does the same.
 */
(function () {
  'use strict';

  var status = document.querySelector('[data-stepwise-poll]');
  var form = document.getElementById('stepwise-challenge');
  if (!status || !form || !window.fetch) { return; }
  var url = status.getAttribute('data-stepwise-poll');
  var every = 2000;
  var left = 300; // ten minutes at most: the longest an approval lives

  function stop(which) {
    status.textContent = status.getAttribute('data-' + which) || '';
    status.setAttribute('role', 'alert');
    status.className = 'error';
    form.hidden = true;
    var number = document.getElementById('stepwise-approval-number');
    if (number) { number.hidden = true; }
  }

  function next() {
    left -= 1;
    if (left > 0) { window.setTimeout(ask, every); }
  }

  function ask() {
    fetch(url, { method: 'GET', credentials: 'same-origin', cache: 'no-store',
                 headers: { 'Accept': 'application/json' } }).then(function (response) {
      if (response.status === 403 || response.status === 404) { return null; }
      if (!response.ok) { next(); return null; }
      return response.json();
    }).then(function (answer) {
      if (!answer) { return; }
      if (answer.state === 'approved') { form.submit(); return; }
      if (answer.state === 'denied' || answer.state === 'expired') { stop(answer.state); return; }
      if (answer.state === 'pending') { next(); }
    }).catch(next);
  }

  window.setTimeout(ask, every);
})();
