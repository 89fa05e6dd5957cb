// The staff area's session timeout warning. Without JavaScript the page still says how long a quiet
// session lasts; with it, a warning appears two minutes before the end and "Stay signed in" renews it.
const note = document.getElementById('session-note');
if (note) {
  const warning = document.getElementById('session-warning');
  const stay = document.getElementById('stay-signed-in');
  let endsAt = Date.parse(note.dataset.endsAt);
  const WARN_MS = 2 * 60 * 1000;
  const tick = () => {
    const left = endsAt - Date.now();
    if (left <= 0) {
      window.location.assign('/staff/sign-in');
      return;
    }
    warning.hidden = left > WARN_MS;
  };
  stay.addEventListener('click', async () => {
    const response = await fetch('/api/staff/keep-alive', {
      method: 'POST',
      headers: { 'x-csrf-token': note.dataset.csrf },
      credentials: 'same-origin',
    });
    if (response.ok) {
      endsAt = Date.parse((await response.json()).endsAt);
      tick();
    } else {
      window.location.assign('/staff/sign-in');
    }
  });
  setInterval(tick, 5000);
  tick();
}

// The inbox filters fold away on a phone; where there is room (a tablet in landscape, a desktop), they start
// open. Without JavaScript they stay folded, one tap away.
if (window.matchMedia('(min-width: 64rem)').matches) {
  for (const panel of document.querySelectorAll('details[data-open-wide]')) panel.open = true;
}
