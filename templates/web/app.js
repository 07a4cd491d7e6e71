// Thi đua: small progressive enhancements; every form works without this file.
// A form is sent once: its submit button is disabled while the page changes, so a
// double click does not send it twice (steps are also refused on a stale version).
document.addEventListener('submit', function (event) {
  var form = event.target;
  if (form.dataset.sent) {
    event.preventDefault();
    return;
  }
  form.dataset.sent = 'true';
  form.setAttribute('aria-busy', 'true');
  // After the browser has read the form: a disabled button pressed would not be sent
  // (the report's "Lưu nháp" and "Gửi báo cáo" say which one was meant).
  setTimeout(function () {
    Array.prototype.forEach.call(
      form.querySelectorAll('button[type=submit], button:not([type])'),
      function (b) {
        b.disabled = true;
      },
    );
  }, 0);
});

// A form sent in place (htmx) stays on the page: once answered, it can be sent again.
document.addEventListener('htmx:afterRequest', function (event) {
  var form = event.detail && event.detail.elt;
  if (!form || form.tagName !== 'FORM') return;
  delete form.dataset.sent;
  form.removeAttribute('aria-busy');
  Array.prototype.forEach.call(form.querySelectorAll('button'), function (b) {
    b.disabled = false;
  });
});

// On a phone the menu starts folded under "Trình đơn"; without this file it stays open.
if (window.matchMedia('(max-width: 699px)').matches) {
  var menu = document.querySelector('details.menu');
  if (menu) menu.removeAttribute('open');
}
