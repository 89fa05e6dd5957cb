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

// Search suggestions: the header search box becomes a WAI-ARIA combobox (list autocomplete) showing pages
// as the person types. Without this script it is a plain search form that submits to /search.
const SUGGEST_DELAY_MS = 150;
const input = document.getElementById('site-search');
if (input instanceof HTMLInputElement && 'fetch' in window) {
  const row = input.closest('.search-row');
  const listbox = document.createElement('ul');
  listbox.id = 'site-search-suggestions';
  listbox.className = 'suggestions';
  listbox.setAttribute('role', 'listbox');
  listbox.setAttribute('aria-label', 'Suggested pages');
  listbox.hidden = true;
  const status = document.createElement('div');
  status.className = 'visually-hidden';
  status.setAttribute('role', 'status');
  row?.append(listbox, status);

  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', listbox.id);

  let results = [];
  let active = -1;
  let timer;
  let pending;

  const options = () => [...listbox.querySelectorAll('[role="option"]')];

  const close = () => {
    listbox.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };

  const highlight = (index) => {
    const all = options();
    active = index;
    for (const [i, option] of all.entries()) option.setAttribute('aria-selected', String(i === index));
    if (index >= 0 && all[index]) {
      input.setAttribute('aria-activedescendant', all[index].id);
      all[index].scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  };

  const option = (tag, index, title, type, url) => {
    const element = document.createElement(tag);
    element.id = `site-search-option-${index}`;
    element.setAttribute('role', 'option');
    element.setAttribute('aria-selected', 'false');
    const name = document.createElement('span');
    name.className = 'suggestion-title';
    name.textContent = title;
    element.append(name);
    if (type) {
      const kind = document.createElement('span');
      kind.className = 'suggestion-type';
      kind.textContent = type;
      element.append(' ', kind);
    }
    // mousedown, not click: the input must keep focus until we navigate.
    element.addEventListener('mousedown', (event) => {
      event.preventDefault();
      window.location.assign(url);
    });
    return element;
  };

  // Words that may mean crisis bring help first (the API's `crisis`): a labelled group of choices above
  // the pages, announced before them. Only a call, a text or one of the site's own pages can be offered.
  const crisisGroup = (crisis, actions) => {
    // A list item cannot itself be a group (ARIA in HTML), so the group sits inside one that is only layout.
    const item = document.createElement('li');
    item.setAttribute('role', 'none');
    const group = document.createElement('div');
    item.append(group);
    group.className = 'suggestion-crisis';
    group.setAttribute('role', 'group');
    group.setAttribute('aria-labelledby', 'site-search-crisis-message');
    const message = document.createElement('p');
    message.id = 'site-search-crisis-message';
    message.textContent = crisis.message;
    group.append(message, ...actions.map((action, i) => option('div', i, action.label, '', action.href)));
    return item;
  };

  const helpActions = (crisis) =>
    crisis && typeof crisis.message === 'string' && Array.isArray(crisis.actions)
      ? crisis.actions.filter(
          (action) =>
            typeof action.label === 'string' &&
            typeof action.href === 'string' &&
            /^(tel:|sms:|\/(?!\/))/.test(action.href),
        )
      : [];

  const show = (items, crisis) => {
    const actions = helpActions(crisis);
    results = [...actions.map((action) => ({ url: action.href })), ...items];
    listbox.replaceChildren(
      ...(actions.length ? [crisisGroup(crisis, actions)] : []),
      ...items.map((item, i) => option('li', actions.length + i, item.title, item.type, item.url)),
    );
    active = -1;
    const help = actions.length
      ? `${crisis.message} ${actions.map((action) => action.label).join(', ')}: first in the list. `
      : '';
    if (results.length === 0) {
      close();
      status.textContent = input.value.trim().length >= 2 ? 'No suggestions. Press Enter to search.' : '';
      return;
    }
    listbox.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    const count =
      items.length === 0
        ? 'No pages suggested'
        : items.length === 1
          ? '1 suggestion'
          : `${items.length} suggestions`;
    status.textContent = `${help}${count}. Use the up and down arrow keys to choose one.`;
  };

  const suggest = () => {
    const query = input.value.trim();
    pending?.abort();
    if (query.length < 2) {
      show([]);
      return;
    }
    pending = new AbortController();
    fetch(`/api/search?q=${encodeURIComponent(query)}&limit=6`, {
      signal: pending.signal,
      headers: { accept: 'application/json' },
    })
      // Even an answer that is not a success (search still starting up) may carry help to show.
      .then((response) => response.json())
      .then((body) => {
        if (input.value.trim() === query) show(Array.isArray(body.results) ? body.results : [], body.crisis);
      })
      .catch(() => {});
  };

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(suggest, SUGGEST_DELAY_MS);
  });

  input.addEventListener('keydown', (event) => {
    const count = options().length;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      if (listbox.hidden) {
        if (results.length) {
          listbox.hidden = false;
          input.setAttribute('aria-expanded', 'true');
        } else suggest();
        return;
      }
      highlight(count ? (active + 1) % count : -1);
    } else if (event.key === 'ArrowUp') {
      if (listbox.hidden) return;
      event.preventDefault();
      highlight(count ? (active <= 0 ? count - 1 : active - 1) : -1);
    } else if (event.key === 'Enter') {
      if (!listbox.hidden && active >= 0 && results[active]) {
        event.preventDefault();
        window.location.assign(results[active].url);
      }
    } else if (event.key === 'Escape') {
      if (!listbox.hidden) {
        event.preventDefault();
        close();
      } else if (input.value) {
        input.value = '';
      }
    }
  });

  input.addEventListener('blur', close);
}

// The request form: a date of birth under 18 shows, as it is typed, the note about a parent or guardian.
const dob = document.getElementById('dob');
const minorNote = document.getElementById('minor-note');
if (dob && minorNote) {
  const update = () => {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dob.value);
    if (!match) {
      minorNote.hidden = true;
      return;
    }
    const today = new Date();
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    let age = today.getFullYear() - year;
    if (today.getMonth() + 1 < month || (today.getMonth() + 1 === month && today.getDate() < day)) age -= 1;
    minorNote.hidden = !(age >= 0 && age < 18);
  };
  dob.addEventListener('change', update);
  dob.addEventListener('input', update);
  update();
}
