// Browser scripts of the public site, as plain ES2017 strings (no build step, no external URLs).
// Each page gets COMMON_SCRIPT plus its own; texts arrive in window.SITE = { msg, text }.

/** Shared helpers: form submit with busy state, field errors, phone mask, logout. */
export const COMMON_SCRIPT = `
window.site = (function () {
  var MSG = window.SITE.msg;
  function setStatus(el, text, kind) {
    if (!el) return;
    el.textContent = text || '';
    el.className = 'form-status' + (kind ? ' is-' + kind : '');
  }
  function clearErrors(form) {
    form.querySelectorAll('.field-error').forEach(function (e) { e.textContent = ''; });
    form.querySelectorAll('[aria-invalid]').forEach(function (e) { e.removeAttribute('aria-invalid'); });
  }
  function showErrors(form, errors) {
    Object.keys(errors).forEach(function (k) {
      var box = form.querySelector('[data-error-for="' + k + '"]');
      if (box) box.textContent = errors[k];
      var input = form.querySelector('[name="' + k + '"]');
      if (input) input.setAttribute('aria-invalid', 'true');
    });
  }
  function busy(form, on) {
    form.setAttribute('aria-busy', on ? 'true' : 'false');
    form.querySelectorAll('button').forEach(function (b) { b.disabled = on; });
  }
  // Sends the form as JSON. Resolves to the envelope on success, or null after showing why not.
  async function send(form, url, payload, opts) {
    opts = opts || {};
    var status = form.querySelector('.form-status');
    clearErrors(form);
    setStatus(status, '', '');
    busy(form, true);
    var keepBusy = false;
    try {
      var res;
      try {
        res = await fetch(url, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify(payload),
        });
      } catch (e) {
        setStatus(status, MSG.networkError, 'error');
        return null;
      }
      var json = null;
      try { json = await res.json(); } catch (e) { json = null; }
      if (res.status === 401 && opts.sessionRequired) {
        keepBusy = true;
        location.assign('/login?expired=1');
        return null;
      }
      if (res.status >= 500 || !json || typeof json.success !== 'boolean') {
        setStatus(status, ((json && json.message) || MSG.serverError) + ' (' + res.status + ')', 'error');
        return null;
      }
      if (!json.success) {
        showErrors(form, json.errors || {});
        setStatus(status, json.message || MSG.formInvalid, 'error');
        return null;
      }
      keepBusy = Boolean(opts.navigate && json.data && json.data.next);
      return json;
    } finally {
      if (!keepBusy) busy(form, false);
    }
  }
  // "+7 (XXX) XXX-XX-XX" from whatever was typed, pasted or filled.
  function formatPhone(raw) {
    var v = String(raw || '');
    var d = v.replace(/\\D/g, '');
    var prefixed = v.trim().indexOf('+7') === 0;
    if (prefixed) d = d.slice(1);
    else if (d.length === 11 && (d[0] === '7' || d[0] === '8')) d = d.slice(1);
    else if (d.length === 1 && (d === '7' || d === '8')) d = '';
    d = d.slice(0, 10);
    if (!d) return '+7 ('.indexOf(v) === 0 ? v : (prefixed || v.replace(/\\D/g, '') ? '+7 (' : '');
    var out = '+7 (' + d.slice(0, 3);
    if (d.length > 3) out += ') ' + d.slice(3, 6);
    if (d.length > 6) out += '-' + d.slice(6, 8);
    if (d.length > 8) out += '-' + d.slice(8, 10);
    return out;
  }
  document.querySelectorAll('[data-action="logout"]').forEach(function (b) {
    b.addEventListener('click', async function () {
      b.disabled = true;
      try { await fetch('/api/site/logout', { method: 'POST', credentials: 'same-origin' }); } catch (e) { /* going to the login page anyway */ }
      location.assign('/login');
    });
  });
  /**
   * The captcha widget (an iframe of this site) posts its token to the page: it goes into the
   * form's hidden captchaToken, which the form sends. onToken hears each token taken.
   */
  function captchaToken(form, onToken) {
    var field = form.elements.captchaToken;
    var frame = form.querySelector('.captcha-widget iframe');
    if (field) {
      window.addEventListener('message', function (ev) {
        if (ev.origin !== location.origin || !ev.data || ev.data.type !== window.SITE.captchaMessage) return;
        if (frame && ev.source !== frame.contentWindow) return;
        field.value = String(ev.data.token || '');
        if (onToken) onToken(field.value);
      });
    }
    return { field: field, frame: frame };
  }
  /** Shows one of the cabinet's tabs and hides the others; remember puts it in the address (?tab=). */
  function showTab(tabs, tab, remember) {
    tabs.forEach(function (t) {
      var on = t === tab;
      t.setAttribute('aria-selected', on ? 'true' : 'false');
      t.tabIndex = on ? 0 : -1;
      document.getElementById(t.getAttribute('aria-controls')).hidden = !on;
    });
    if (remember) history.replaceState(null, '', '?tab=' + tab.dataset.tab);
  }
  return { send: send, setStatus: setStatus, clearErrors: clearErrors, formatPhone: formatPhone, captchaToken: captchaToken, showTab: showTab };
})();
`;

export const REGISTER_SCRIPT = `
(function () {
  var form = document.getElementById('register-form');
  var phone = form.elements.phone;
  phone.addEventListener('input', function () { phone.value = site.formatPhone(phone.value); });
  var captcha = site.captchaToken(form, function (token) {
    if (token) { var err = document.getElementById('captchaToken-error'); if (err) err.textContent = ''; }
  });
  var tokenField = captcha.field;
  var frame = captcha.frame;
  form.addEventListener('submit', async function (ev) {
    ev.preventDefault();
    var f = form.elements;
    var payload = {
      municipality: f.municipality.value,
      lastName: f.lastName.value,
      firstName: f.firstName.value,
      patronymic: f.patronymic.value,
      phone: f.phone.value,
      email: f.email.value,
      password: f.password.value,
      consent: f.consent.checked,
    };
    if (f.captcha) payload.captcha = f.captcha.checked;
    if (tokenField) payload.captchaToken = tokenField.value;
    var json = await site.send(form, '/api/site/register', payload, { navigate: true });
    if (!json) {
      // A refused token is spent or stale: the widget starts over (the error stays shown).
      var err = document.getElementById('captchaToken-error');
      if (tokenField && frame && err && err.textContent) { tokenField.value = ''; frame.src = frame.src; }
      return;
    }
    site.setStatus(form.querySelector('.form-status'), json.message, 'ok');
    if (json.data && json.data.next) location.assign(json.data.next);
  });
})();
`;

export const LOGIN_SCRIPT = `
(function () {
  var form = document.getElementById('login-form');
  // captchaLogin: the widget's token goes with the login, as with the registration.
  var tokenField = site.captchaToken(form).field;
  form.addEventListener('submit', async function (ev) {
    ev.preventDefault();
    var payload = { email: form.elements.email.value, password: form.elements.password.value };
    if (tokenField) payload.captchaToken = tokenField.value;
    var json = await site.send(form, '/api/site/login', payload, { navigate: true });
    if (!json) return;
    var next = new URLSearchParams(location.search).get('next');
    if (!next || next.charAt(0) !== '/' || next.charAt(1) === '/') next = json.data.next;
    location.assign(next);
  });
})();
`;

export const CABINET_SCRIPT = `
(function () {
  var MSG = window.SITE.msg, T = window.SITE.text;
  var tabs = Array.prototype.slice.call(document.querySelectorAll('[role="tab"]'));
  var list = document.getElementById('children-list');
  var status = document.getElementById('children-status');
  var form = document.getElementById('child-form');
  var loading = 0;
  function ruDate(iso) { var p = String(iso).split('-'); return p.length === 3 ? p[2] + '.' + p[1] + '.' + p[0] : iso; }
  function cell(row, tag, text) { var c = document.createElement(tag); c.textContent = text; row.appendChild(c); }
  function render(children) {
    list.textContent = '';
    var table = document.createElement('table');
    table.className = 'list';
    table.setAttribute('aria-label', T.childrenTab);
    var head = table.createTHead().insertRow();
    [T.childLastName, T.childFirstName, T.childPatronymic, T.childBirthDate, T.childSex].forEach(function (h) { cell(head, 'th', h); });
    var body = table.createTBody();
    children.forEach(function (c) {
      var row = body.insertRow();
      row.dataset.id = String(c.id);
      cell(row, 'td', c.lastName);
      cell(row, 'td', c.firstName);
      cell(row, 'td', c.patronymic);
      cell(row, 'td', ruDate(c.birthDate));
      cell(row, 'td', c.sex === 'female' ? T.female : T.male);
    });
    list.appendChild(table);
    if (!children.length) { var p = document.createElement('p'); p.className = 'muted'; p.textContent = MSG.noChildren; list.appendChild(p); }
  }
  async function loadChildren() {
    var mine = ++loading;
    list.setAttribute('aria-busy', 'true');
    list.textContent = MSG.loading;
    var res, json = null;
    try {
      res = await fetch('/api/site/children', { credentials: 'same-origin', headers: { accept: 'application/json' } });
      try { json = await res.json(); } catch (e) { json = null; }
    } catch (e) { res = null; }
    if (mine !== loading) return;
    if (res && res.status === 401) { location.assign('/login?expired=1'); return; }
    if (!res || !res.ok || !json || !json.success) {
      list.textContent = (json && json.message) || (res ? MSG.serverError : MSG.networkError);
    } else {
      render(json.data);
    }
    list.setAttribute('aria-busy', 'false');
  }
  function select(tab, remember) {
    site.showTab(tabs, tab, remember);
    if (tab.dataset.tab === 'children') loadChildren();
  }
  tabs.forEach(function (t, i) {
    t.addEventListener('click', function () { select(t, true); });
    t.addEventListener('keydown', function (ev) {
      var d = ev.key === 'ArrowRight' ? 1 : ev.key === 'ArrowLeft' ? -1 : 0;
      if (!d) return;
      var next = tabs[(i + d + tabs.length) % tabs.length];
      next.focus();
      select(next, true);
    });
  });
  var wanted = new URLSearchParams(location.search).get('tab') || location.hash.slice(1);
  select(tabs.filter(function (t) { return t.dataset.tab === wanted; })[0] || tabs[0], false);

  document.getElementById('add-child').addEventListener('click', function () {
    site.setStatus(status, '', '');
    site.clearErrors(form);
    form.hidden = false;
    form.elements.lastName.focus();
  });
  form.addEventListener('reset', function () {
    site.clearErrors(form);
    site.setStatus(form.querySelector('.form-status'), '', '');
    form.hidden = true;
  });
  form.addEventListener('submit', async function (ev) {
    ev.preventDefault();
    var f = form.elements;
    var payload = { lastName: f.lastName.value, firstName: f.firstName.value, patronymic: f.patronymic.value, birthDate: f.birthDate.value, sex: f.sex.value };
    var json = await site.send(form, '/api/site/children', payload, { sessionRequired: true });
    if (!json) return;
    form.reset();
    site.setStatus(status, json.message || T.childSaved, 'ok');
    await loadChildren();
  });
})();
`;
