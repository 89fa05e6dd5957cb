// Haven's client script. Every page works without it; it only smooths rough edges.

// A second press of a submit button while the first request is on its way would send the form twice.
// The server already treats a repeat as one request; this spares the person a confusing second wait.
document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || form.method.toLowerCase() !== 'post') return;
  if (form.dataset.submitting === 'true') {
    event.preventDefault();
    return;
  }
  form.dataset.submitting = 'true';
  for (const button of form.querySelectorAll('button[type="submit"], button:not([type])')) {
    button.setAttribute('aria-disabled', 'true');
  }
  // If the page is restored from the back/forward cache, let the person submit again.
  window.addEventListener(
    'pageshow',
    () => {
      delete form.dataset.submitting;
      for (const button of form.querySelectorAll('[aria-disabled="true"]'))
        button.removeAttribute('aria-disabled');
    },
    { once: true },
  );
});
