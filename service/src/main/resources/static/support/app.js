'use strict';
// The support page: plain JS over the support API (/api/**). Every request carries the Basic
// credentials typed into the form; they live in sessionStorage only, so closing the tab forgets them.

const CREDENTIALS = 'socialLedger.authorization';
const USER = 'socialLedger.user';

const state = { page: 0, size: 50, filters: new URLSearchParams(), pages: 0 };

const $ = (selector) => document.querySelector(selector);

// Requests may overtake each other (a tab click and a form submit a moment later): only the answer
// to the latest request of each kind may fill the page.
const latest = {};
async function newest(kind, path) {
  const ticket = (latest[kind] || 0) + 1;
  latest[kind] = ticket;
  const answer = await api(path);
  return ticket === latest[kind] ? answer : null;
}

// Amounts arrive as integer kopecks; they are shown with integer arithmetic only, so no rounding of a
// binary fraction can ever show a kopeck that is not there.
function roubles(kopecks) {
  if (kopecks === null || kopecks === undefined) {
    return '—';
  }
  const sign = kopecks < 0 ? '−' : '';
  const whole = Math.abs(kopecks);
  const rub = String(Math.trunc(whole / 100)).replace(/\B(?=(\d{3})+$)/g, '\u202f');
  const kop = String(whole % 100).padStart(2, '0');
  return sign + rub + '.' + kop;
}

// "12", "12.3", "12,30" → kopecks, by string arithmetic for the same reason; null when empty.
function kopecksOf(text, label) {
  const value = text.trim();
  if (value === '') {
    return null;
  }
  const match = /^(\d{1,13})(?:[.,](\d{1,2}))?$/.exec(value);
  if (!match) {
    throw new PageError(label + ' is not an amount in roubles', 'Write it as 123 or 123.45.');
  }
  return String(Number(match[1]) * 100 + Number((match[2] || '').padEnd(2, '0')));
}

// A datetime-local value is the supporter's local time; the API wants an instant.
function instantOf(localValue) {
  return localValue ? new Date(localValue).toISOString() : null;
}

function localValueOf(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return date.getFullYear() + '-' + pad(date.getMonth() + 1) + '-' + pad(date.getDate()) + 'T'
    + pad(date.getHours()) + ':' + pad(date.getMinutes()) + ':' + pad(date.getSeconds());
}

function time(instant) {
  return instant ? instant.replace('T', ' ').replace('Z', '') : '—';
}

class PageError extends Error {
  constructor(title, detail, status) {
    super(title);
    this.title = title;
    this.detail = detail;
    this.status = status;
  }
}

function authorization(user, password) {
  // btoa only takes Latin-1, so a password in Cyrillic goes through its UTF-8 bytes.
  const bytes = new TextEncoder().encode(user + ':' + password);
  return 'Basic ' + btoa(String.fromCharCode(...bytes));
}

async function api(path) {
  const response = await fetch(path, {
    headers: {
      'Accept': 'application/json',
      'Authorization': sessionStorage.getItem(CREDENTIALS) || '',
      // Tells the service not to send "WWW-Authenticate: Basic" with a 401, which would make the
      // browser pop its own login dialog over this page.
      'X-Requested-With': 'XMLHttpRequest'
    },
    credentials: 'omit',
    cache: 'no-store'
  });
  if (response.ok) {
    return response.json();
  }
  let problem = {};
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    problem = await response.json().catch(() => ({}));
  }
  if (response.status === 401) {
    throw new PageError('Not signed in', 'The name or the password is wrong, or the session ended. Sign in again.', 401);
  }
  if (response.status === 403) {
    throw new PageError('Not allowed', problem.detail || 'Your role does not allow this.', 403);
  }
  throw new PageError(problem.title || ('HTTP ' + response.status),
    problem.detail || response.statusText || 'The service did not say why.', response.status);
}

function showError(error) {
  const box = $('#error');
  box.replaceChildren();
  const title = document.createElement('strong');
  title.textContent = error.title || 'Something went wrong';
  const detail = document.createElement('span');
  detail.textContent = error.detail || error.message || String(error);
  box.append(title, detail);
  box.hidden = false;
  if (error.status === 401) {
    signOut(false);
  }
}

function clearError() {
  $('#error').hidden = true;
}

async function guarded(action) {
  clearError();
  try {
    await action();
  } catch (error) {
    showError(error);
  }
}

function cell(text, className) {
  const td = document.createElement('td');
  td.textContent = text === null || text === undefined ? '—' : String(text);
  if (className) {
    td.className = className;
  }
  return td;
}

function showView(id) {
  document.querySelectorAll('.view').forEach((view) => { view.hidden = view.id !== id; });
  document.querySelectorAll('nav button').forEach((button) => {
    button.classList.toggle('active', button.dataset.view === id);
  });
}

function signedIn() {
  $('#login-view').hidden = true;
  $('#app').hidden = false;
  $('#who').hidden = false;
  $('#who-name').textContent = sessionStorage.getItem(USER) || '';
  showView('search-view');
}

function signOut(clearMessage) {
  sessionStorage.removeItem(CREDENTIALS);
  sessionStorage.removeItem(USER);
  $('#app').hidden = true;
  $('#who').hidden = true;
  $('#login-view').hidden = false;
  $('#login-password').value = '';
  if (clearMessage) {
    clearError();
  }
}

async function signIn(event) {
  event.preventDefault();
  const user = $('#login-user').value.trim();
  sessionStorage.setItem(CREDENTIALS, authorization(user, $('#login-password').value));
  sessionStorage.setItem(USER, user);
  await guarded(async () => {
    // The cheapest request that proves the credentials and the role: one payment at most.
    await api('/api/payments?size=1');
    signedIn();
    await search(0);
  });
}

function readFilters() {
  const form = $('#search-form');
  const params = new URLSearchParams();
  const text = (name, value) => { if (value) { params.set(name, value); } };
  text('storeId', form.storeId.value.trim());
  text('terminalId', form.terminalId.value.trim());
  text('receiptId', form.receiptId.value.trim());
  text('state', form.state.value);
  text('from', instantOf(form.from.value));
  text('to', instantOf(form.to.value));
  text('cardLast4', form.cardLast4.value.trim());
  text('amountFrom', kopecksOf(form.amountFrom.value, 'Amount from'));
  text('amountTo', kopecksOf(form.amountTo.value, 'Amount to'));
  state.size = Number(form.size.value);
  return params;
}

async function search(page) {
  const params = new URLSearchParams(state.filters);
  params.set('page', String(page));
  params.set('size', String(state.size));
  const result = await newest('search', '/api/payments?' + params);
  if (!result) {
    return;
  }
  state.page = result.page;
  state.pages = Math.max(1, Math.ceil(result.total / result.size));
  const rows = result.items.map((payment) => {
    const tr = paymentRow(payment, [
      cell(time(payment.times.requested)), cell(payment.storeId), cell(payment.terminalId), cell(payment.receiptId),
      cell(payment.maskedPan), cell(payment.state, 'state'), cell(roubles(payment.amounts.receiptTotal), 'money'),
      cell(roubles(payment.amounts.social), 'money'), cell(payment.reasons.last)]);
    return tr;
  });
  $('#payments tbody').replaceChildren(...rows);
  $('#search-summary').textContent = result.total === 1 ? '1 payment found' : result.total + ' payments found';
  $('#page-info').textContent = 'page ' + (state.page + 1) + ' of ' + state.pages;
  $('#prev-page').disabled = state.page === 0;
  $('#next-page').disabled = state.page + 1 >= state.pages;
}

function paymentRow(payment, cells) {
  const tr = document.createElement('tr');
  tr.className = 'link';
  tr.dataset.paymentId = payment.paymentId;
  tr.title = 'payment ' + payment.paymentId;
  tr.append(...cells);
  tr.addEventListener('click', () => guarded(() => openPayment(payment.paymentId)));
  return tr;
}

function cause(entry) {
  const c = entry.cause || {};
  const parts = [];
  if (c.kind) {
    parts.push(c.kind);
  }
  if (c.tillMessageId) {
    parts.push('till message ' + c.tillMessageId);
  }
  if (c.tillCorrelationId) {
    parts.push('correlation ' + c.tillCorrelationId);
  }
  if (c.detail) {
    parts.push(c.detail);
  }
  return parts.length ? parts.join(' · ') : '—';
}

async function openPayment(paymentId) {
  const story = await newest('payment', '/api/payments/' + encodeURIComponent(paymentId));
  if (!story) {
    return;
  }
  const p = story.payment;
  $('#payment-id').textContent = p.paymentId;
  const summary = [
    ['state', p.state], ['store', p.storeId], ['terminal', p.terminalId], ['receipt', p.receiptId],
    ['card', p.maskedPan], ['programme', p.spCode], ['receipt total, ₽', roubles(p.amounts.receiptTotal)],
    ['social, ₽', roubles(p.amounts.social)], ['remainder, ₽', roubles(p.amounts.remainder)],
    ['debited, ₽', roubles(p.amounts.debited)], ['refunded, ₽', roubles(p.amounts.refunded)],
    ['reservation id', p.operations.reservationId], ['last reason', p.reasons.last],
    ['requested', time(p.times.requested)], ['expires', time(p.times.expires)],
    ['last change', time(p.times.lastUpdated)], ['late answer seen', p.hadLateOutcome ? 'yes' : 'no']
  ];
  $('#payment-summary').replaceChildren(...summary.flatMap(([term, value]) => {
    const dt = document.createElement('dt');
    dt.textContent = term;
    const dd = document.createElement('dd');
    dd.textContent = value === null || value === undefined ? '—' : String(value);
    return [dt, dd];
  }));
  $('#timeline tbody').replaceChildren(...story.history.map((entry) => {
    const tr = document.createElement('tr');
    tr.className = 'event';
    const data = document.createElement('td');
    const pre = document.createElement('pre');
    pre.textContent = JSON.stringify(entry.data, null, 2);
    data.append(pre);
    tr.append(cell(entry.sequence), cell(time(entry.time)), cell(entry.type, 'state'), cell(cause(entry)), data);
    return tr;
  }));
  showView('payment-view');
}

async function stuck() {
  const minutes = Math.max(0, Math.trunc(Number($('#stuck-minutes').value) || 0));
  const rows = await newest('stuck', '/api/reports/stuck?olderThan=PT' + minutes + 'M&limit=1000');
  if (!rows) {
    return;
  }
  $('#stuck tbody').replaceChildren(...rows.map((payment) => paymentRow(payment, [
    cell(time(payment.times.lastUpdated)), cell(payment.storeId), cell(payment.terminalId), cell(payment.receiptId),
    cell(payment.maskedPan), cell(payment.state, 'state'), cell(roubles(payment.amounts.social), 'money'),
    cell(payment.reasons.last)])));
  $('#stuck-summary').textContent = rows.length === 1 ? '1 payment' : rows.length + ' payments';
}

async function declines() {
  const from = instantOf($('#declines-from').value);
  const to = instantOf($('#declines-to').value);
  const rows = await newest('declines',
    '/api/reports/declines?from=' + encodeURIComponent(from) + '&to=' + encodeURIComponent(to));
  if (!rows) {
    return;
  }
  $('#declines tbody').replaceChildren(...rows.map((decline) => {
    const tr = document.createElement('tr');
    tr.append(cell(decline.kind), cell(decline.reason), cell(decline.count, 'money'));
    return tr;
  }));
}

document.addEventListener('DOMContentLoaded', () => {
  const now = new Date();
  $('#declines-from').value = localValueOf(new Date(now.getTime() - 24 * 3600 * 1000));
  $('#declines-to').value = localValueOf(new Date(now.getTime() + 3600 * 1000));

  $('#login-form').addEventListener('submit', signIn);
  $('#logout').addEventListener('click', () => signOut(true));
  $('#search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    guarded(async () => {
      state.filters = readFilters();
      await search(0);
    });
  });
  $('#prev-page').addEventListener('click', () => guarded(() => search(state.page - 1)));
  $('#next-page').addEventListener('click', () => guarded(() => search(state.page + 1)));
  $('#back').addEventListener('click', () => showView('search-view'));
  $('#stuck-form').addEventListener('submit', (event) => {
    event.preventDefault();
    guarded(stuck);
  });
  $('#declines-form').addEventListener('submit', (event) => {
    event.preventDefault();
    guarded(declines);
  });
  document.querySelectorAll('nav button').forEach((button) => {
    button.addEventListener('click', () => {
      clearError();
      showView(button.dataset.view);
      if (button.dataset.view === 'stuck-view') {
        guarded(stuck);
      } else if (button.dataset.view === 'declines-view') {
        guarded(declines);
      }
    });
  });

  if (sessionStorage.getItem(CREDENTIALS)) {
    signedIn();
    guarded(() => search(0));
  }
  // For tests and scripts: the handlers are in place.
  document.body.dataset.ready = 'true';
});
