/*
 * Styring: small progressive enhancements. Plain JS, no build step.
 * Every page must still work without this file (forms post normally).
 * Load with `defer`. All listeners are delegated on `document`, so content
 * swapped in later by htmx is covered without re-binding.
 */
(function () {
  "use strict";

  // htmx requests (POST/PUT/PATCH/DELETE) must carry Django's CSRF token.
  // It is read from <meta name="csrf-token" content="{{ csrf_token }}"> rather
  // than the cookie, so CSRF_COOKIE_HTTPONLY can stay on. Read on every
  // request: the token can be rotated (e.g. on login) by a swapped-in page.
  document.addEventListener("htmx:configRequest", function (event) {
    var meta = document.querySelector('meta[name="csrf-token"]');
    if (meta && meta.content) {
      event.detail.headers["X-CSRFToken"] = meta.content;
    }
  });

  // <form data-confirm="Delete this risk?">: ask before destructive actions.
  // Capture phase, so we run before htmx's own submit handler and can stop it.
  // A submit button may carry its own data-confirm, which takes precedence.
  document.addEventListener(
    "submit",
    function (event) {
      var form = event.target;
      var submitter = event.submitter;
      var message =
        (submitter && submitter.getAttribute("data-confirm")) ||
        form.getAttribute("data-confirm");
      if (message && !window.confirm(message)) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    },
    true
  );

  // <select data-autosubmit> (organisation and language switchers): submit the
  // form on change. requestSubmit() (not submit()) fires the submit event, so
  // validation, data-confirm and htmx still apply. Pages keep a visible submit
  // button inside <noscript> for users without JS.
  document.addEventListener("change", function (event) {
    var select = event.target;
    if (select.matches && select.matches("select[data-autosubmit]") && select.form) {
      select.form.requestSubmit();
    }
  });
})();
