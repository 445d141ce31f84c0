// The registration-desk scanner: sign-in (OIDC code + PKCE), desk set-up, scanning online through the
// gateway, and offline against the preload kept in IndexedDB with a queue that uploads when back online.

import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import * as store from './store.js';
import { decideScan, decideRedeem, redeemables } from './local.js';
import { accessCodeOf, looksSigned, verifyBadge } from './badges.js';
import { beep } from './sound.js';
import { Camera } from './camera.js';
import { readEvents } from './events.js';

// A desk cannot wait: a scan without an answer in 5 s is decided on the device. Bulk calls get longer.
const REQUEST_TIMEOUT_MS = 5000;
const BULK_TIMEOUT_MS = 60_000;
const PRELOAD_EVERY_MS = 60_000;
const SYNC_EVERY_MS = 15_000;
const SYNC_BATCH = 500;
const STATS_RETRY_MS = 5000;

const $ = (id) => document.getElementById(id);
const settings = {
  get conference() { return localStorage.getItem('scanner.conference') ?? ''; },
  set conference(v) { localStorage.setItem('scanner.conference', v); },
  get station() { return localStorage.getItem('scanner.station') ?? ''; },
  set station(v) { localStorage.setItem('scanner.station', v); },
  get direction() { return localStorage.getItem('scanner.direction') ?? 'entry'; },
  set direction(v) { localStorage.setItem('scanner.direction', v); },
};

let users;
let online = navigator.onLine;
let current; // the attendee on screen: { code, redeemable: [...] }
let syncing = false;
let syncNotBefore = 0; // the server asked us to wait (429 Retry-After) until then
let statsStream; // the AbortController of the open statistics stream
let camera;

/** The server could not be reached (network down, gateway or service unavailable, too slow). */
class Unreachable extends Error {}
/** The server answered with an error; `status` and `body` say which. */
class Refused extends Error {
  constructor(status, body, retryAfter) {
    super(body?.error ?? `HTTP ${status}`);
    this.status = status;
    this.body = body;
    this.retryAfter = retryAfter; // seconds, for a 429
  }
}

// ---------------------------------------------------------------------------------------------- start-up

async function loadConfig() {
  try {
    const response = await fetch('config.json', { cache: 'no-store' });
    if (!response.ok) throw new Error(`config.json: HTTP ${response.status}`);
    const config = await response.json();
    localStorage.setItem('scanner.config', JSON.stringify(config));
    return config;
  } catch (e) {
    const cached = localStorage.getItem('scanner.config');
    if (cached) return JSON.parse(cached);
    throw e;
  }
}

async function start() {
  const config = await loadConfig();
  const base = new URL('.', location.href).href; // …/scanner/
  users = new UserManager({
    authority: config.oidc_authority,
    client_id: config.client_id,
    redirect_uri: base,
    post_logout_redirect_uri: base,
    response_type: 'code',
    scope: 'openid profile',
    userStore: new WebStorageStateStore({ store: localStorage }),
    automaticSilentRenew: true,
    monitorSession: false,
  });
  const params = new URLSearchParams(location.search);
  if (params.has('code') && params.has('state')) {
    try {
      await users.signinRedirectCallback();
    } catch (e) {
      $('signin-error').textContent = `Sign-in failed: ${e.message}`;
    }
    history.replaceState(null, '', base);
  }
  const user = await users.getUser();
  if (!user) {
    show('signin-view');
    $('signin').focus();
    setConnection(online);
    return;
  }
  await enterDesk();
}

function show(view) {
  for (const id of ['signin-view', 'setup-view', 'scan-view']) $(id).hidden = id !== view;
}

async function enterDesk() {
  if (settings.conference && settings.station) {
    await openScanView();
  } else {
    await openSetup();
  }
}

async function openSetup() {
  show('setup-view');
  $('station').value = settings.station;
  const select = $('conference');
  select.replaceChildren();
  try {
    const conferences = await api('GET', '/api/conferences');
    for (const c of conferences) {
      select.append(new Option(`${c.name} (${c.slug})`, c.slug, false, c.slug === settings.conference));
    }
    $('setup-error').textContent = conferences.length ? '' : 'You have no conference to scan for.';
  } catch (e) {
    if (settings.conference) select.append(new Option(settings.conference, settings.conference, true, true));
    $('setup-error').textContent = `Could not load conferences: ${e.message}`;
  }
  select.focus();
}

async function openScanView() {
  show('scan-view');
  $('desk-conference').textContent = settings.conference;
  $('desk-station').textContent = settings.station;
  for (const radio of document.querySelectorAll('input[name=direction]')) {
    radio.checked = radio.value === settings.direction;
  }
  await refreshStatus();
  focusCode();
  refreshPreload();
  sync();
  stopStats();
  $('live-inside').textContent = '–';
  $('live-checked-in').textContent = '–';
  watchStats();
}

function focusCode() {
  const code = $('code');
  if (!$('scan-view').hidden) code.focus();
}

// ---------------------------------------------------------------------------------------------- network

async function token() {
  let user = await users.getUser();
  if (user?.expired) {
    try {
      user = await users.signinSilent();
    } catch (e) {
      // Keycloak said no (session over): sign in again. No answer at all: we are offline, keep the session.
      if (e?.error) return null;
      throw new Unreachable(e?.message ?? 'sign-in server unreachable');
    }
  }
  return user?.access_token;
}

/** Where api() puts a response's ETag (a property no JSON body can have). */
const ETAG = Symbol('etag');
/** What api() answers for 304 Not Modified (a conditional request whose data has not changed). */
const NOT_MODIFIED = Object.freeze({ notModified: true });

/**
 * One call to the gateway; Unreachable when there is no answer, Refused on an error answer. `ifNoneMatch`
 * makes it conditional (answered NOT_MODIFIED when unchanged). Responses come gzipped: the browser asks for and
 * unpacks that itself.
 */
async function api(method, path, body, timeoutMs = REQUEST_TIMEOUT_MS, ifNoneMatch = undefined) {
  const bearer = await token();
  if (!bearer) {
    await users.removeUser();
    show('signin-view');
    throw new Refused(401, { error: 'Please sign in again' });
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let response;
  try {
    response = await fetch(path, {
      method,
      headers: { Authorization: `Bearer ${bearer}`, ...(body ? { 'Content-Type': 'application/json' } : {}),
        ...(ifNoneMatch ? { 'If-None-Match': ifNoneMatch } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      signal: controller.signal,
      // our own revalidation (If-None-Match) rather than the HTTP cache's: no 50 MB copy kept twice
      ...(ifNoneMatch !== undefined ? { cache: 'no-store' } : {}),
    });
  } catch (e) {
    setConnection(false);
    throw new Unreachable(e.message);
  } finally {
    clearTimeout(timer);
  }
  if (response.status === 502 || response.status === 503 || response.status === 504) {
    setConnection(false);
    throw new Unreachable(`HTTP ${response.status}`);
  }
  setConnection(true);
  if (response.status === 401) {
    // the session is over (revoked, or expired beyond refresh): sign in again; the queue stays on the device
    await users.removeUser();
    show('signin-view');
    $('signin-error').textContent = 'Your session has ended: please sign in again. Queued scans are kept.';
  }
  if (response.status === 304) return NOT_MODIFIED;
  const payload = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Refused(response.status, payload, Number(response.headers.get('Retry-After')) || payload?.retry_after);
  }
  const etag = response.headers.get('ETag');
  if (etag && payload && typeof payload === 'object') payload[ETAG] = etag;
  return payload;
}

function setConnection(up) {
  const changed = up !== online;
  online = up;
  const pill = $('connection');
  pill.textContent = up ? 'Online' : 'Offline';
  pill.className = `pill ${up ? 'online' : 'offline'}`;
  if (changed && up) sync();
}

const checkinPath = (suffix) => `/api/conferences/${encodeURIComponent(settings.conference)}/checkin/${suffix}`;

// ---------------------------------------------------------------------------------------------- scanning

async function scan(rawCode) {
  const scanned = rawCode.trim();
  if (!scanned) return;
  // a signed badge names its attendee's access code: the device's records and the screen use that code
  const code = accessCodeOf(scanned);
  const type = settings.direction;
  const box = $('result');
  box.className = 'result idle';
  box.dataset.status = 'pending';
  box.dataset.code = code;
  box.replaceChildren(el('p', 'headline', 'Checking…'));
  $('products').hidden = true;
  // One nonce per scan: if the answer is lost, the queued copy carries it and the server counts the scan once.
  const nonce = crypto.randomUUID();
  if (!online) {
    // known to be offline: answer at once; the background checks notice when the server is back
    await scanOffline(scanned, type, nonce);
    return;
  }
  try {
    const answer = await api('POST', checkinPath('scan'),
      { access_code: scanned, station: settings.station, type, nonce });
    const status = answer.status === 'checked_out' ? 'checked_out' : (answer.reentry ? 'reentry' : 'checked_in');
    let redeemable = [];
    try {
      redeemable = (await api('GET', checkinPath(`lookup/${encodeURIComponent(code)}`))).redeemable ?? [];
    } catch { /* the scan stands; products are shown from the preload below */ }
    const record = await store.getAttendee(settings.conference, code);
    if (record && type !== 'exit') {
      await store.putAttendee(settings.conference, { ...record, checked_in: true,
        checked_in_at: record.checked_in_at ?? answer.checked_in_at });
    }
    if (!redeemable.length && record) redeemable = redeemables(record);
    showResult({ status, code, name: answer.attendee?.name, ticketType: answer.badge?.ticket_type,
      firstTime: answer.attendee?.checked_in_at, redeemable, nonce });
  } catch (e) {
    if (e instanceof Unreachable) {
      await scanOffline(scanned, type, nonce);
    } else if (e.status === 422 || (e.status === 400 && looksSigned(scanned))) {
      showResult({ status: 'invalid_badge', code, message: e.message });
    } else if (e.status === 404) {
      showResult({ status: 'not_found', code });
    } else if (e.status === 409) {
      showResult({ status: 'not_paid', code, name: e.body?.name, orderStatus: e.body?.order_status,
        message: e.message });
    } else {
      showResult({ status: 'error', code, message: e.message });
    }
  }
}

async function scanOffline(scanned, type, nonce) {
  let code = scanned;
  let record;
  if (looksSigned(scanned)) {
    // a signed badge admits on its signature even when this device never downloaded the attendee
    const slug = settings.conference;
    const verdict = await verifyBadge(scanned, { slug, keys: await store.getMeta(`${slug}:signing-keys`),
      revoked: new Set(await store.getMeta(`${slug}:revoked`) ?? []) });
    if (!verdict.ok) {
      showResult({ status: 'invalid_badge', code: verdict.badge?.accessCode ?? scanned, reason: verdict.reason,
        message: BADGE_REASONS[verdict.reason], offline: true });
      return;
    }
    code = verdict.badge.accessCode;
    record = await store.getAttendee(slug, code) ?? { access_code: code, name: '', email: '',
      ticket_type: verdict.badge.ticketType, order_status: 'paid', products: [], checked_in: false,
      checked_in_at: null, from_badge: true };
  } else {
    const reissued = await store.getMeta(`${settings.conference}:reissued`) ?? [];
    if (reissued.includes(code.trim().toUpperCase())) {
      showResult({ status: 'invalid_badge', code, reason: 'reissued', message: BADGE_REASONS.reissued,
        offline: true });
      return;
    }
    record = await store.getAttendee(settings.conference, code);
  }
  const decision = decideScan(record, type);
  if (decision.queue) {
    await store.enqueue(queueItem(type === 'exit' ? 'exit' : 'scan', record.access_code, undefined, nonce));
    if (record.from_badge) {
      await store.putAttendee(settings.conference, { ...record, checked_in: type !== 'exit',
        checked_in_at: type !== 'exit' ? new Date().toISOString() : null });
    } else if (type !== 'exit' && !record.checked_in) {
      await store.putAttendee(settings.conference, { ...record, checked_in: true,
        checked_in_at: new Date().toISOString() });
    }
    await refreshStatus();
  }
  showResult({ status: decision.status, code, name: record?.name, ticketType: record?.ticket_type,
    firstTime: record?.checked_in_at, orderStatus: decision.orderStatus, offline: true,
    redeemable: decision.queue ? redeemables(record) : [] });
}

function queueItem(type, code, lineItemId, nonce = crypto.randomUUID()) {
  return {
    nonce,
    seq: Date.now() + Math.random(),
    conference: settings.conference,
    type,
    access_code: code,
    station: settings.station,
    ...(lineItemId !== undefined ? { line_item_id: lineItemId } : {}),
    client_time: isoWithOffset(new Date()),
  };
}

function isoWithOffset(date) {
  const offset = -date.getTimezoneOffset();
  const pad = (n) => String(Math.floor(Math.abs(n))).padStart(2, '0');
  const local = new Date(date.getTime() + offset * 60_000).toISOString().slice(0, 23);
  return `${local}${offset >= 0 ? '+' : '-'}${pad(offset / 60)}:${pad(offset % 60)}`;
}

async function redeem(item) {
  const code = current?.code;
  if (!code) return;
  const nonce = crypto.randomUUID();
  try {
    if (!online) throw new Unreachable('offline');
    const answer = await api('POST', checkinPath('redeem'),
      { access_code: code, line_item_id: item.line_item_id, nonce });
    updateProduct(item.line_item_id, answer.remaining, answer.redeemed_count);
    await storeProduct(code, item.line_item_id, answer.remaining, answer.redeemed_count);
    announce('redeemed', `${answer.description ?? item.description} handed out, ${answer.remaining} left`);
  } catch (e) {
    if (e instanceof Unreachable) {
      const record = await store.getAttendee(settings.conference, code);
      const decision = decideRedeem(record, item.line_item_id);
      if (decision.queue) {
        await store.enqueue(queueItem('redeem', record.access_code, item.line_item_id, nonce));
        await storeProduct(code, item.line_item_id, decision.product.remaining, decision.product.redeemed_count);
        updateProduct(item.line_item_id, decision.product.remaining, decision.product.redeemed_count);
        announce('redeemed', `${item.description} handed out (offline, queued), ${decision.product.remaining} left`);
        await refreshStatus();
      } else {
        announce('fully_redeemed', decision.status === 'fully_redeemed'
          ? `${item.description}: nothing left to hand out` : `${item.description}: cannot hand out (${decision.status})`);
      }
    } else if (e.status === 409) {
      announce('fully_redeemed', `${item.description}: ${e.message}`);
      if (/fully redeemed/i.test(e.message)) updateProduct(item.line_item_id, 0);
    } else {
      announce('error', `${item.description}: ${e.message}`);
    }
  }
  focusCode();
}

async function storeProduct(code, lineItemId, remaining, redeemedCount) {
  const record = await store.getAttendee(settings.conference, code);
  if (!record) return;
  record.products = (record.products ?? []).map((p) => (p.id === lineItemId
    ? { ...p, remaining, redeemed_count: redeemedCount ?? p.redeemed_count } : p));
  await store.putAttendee(settings.conference, record);
}

// ---------------------------------------------------------------------------------------------- showing

const HEADLINES = {
  checked_in: 'Checked in',
  reentry: 'Re-entry',
  checked_out: 'Checked out',
  not_found: 'Not found',
  not_paid: 'Not paid',
  invalid_badge: 'Badge not valid',
  error: 'Error',
};

const BADGE_REASONS = {
  invalid: 'Not a badge this system signed',
  wrong_conference: 'Badge is for another conference',
  unknown_key: 'Badge signed by an unknown key (refresh the list when online)',
  bad_signature: 'Badge signature does not verify',
  badge_expired: 'Badge is not valid now',
  revoked: 'Badge revoked: the order was refunded or cancelled, or the badge was reissued',
  reissued: 'Badge reissued under a new code: this one no longer admits',
  unsupported: 'This browser cannot verify signed badges offline',
};

function showResult(r) {
  const box = $('result');
  box.className = `result ${r.status}`;
  box.dataset.status = r.status;
  box.dataset.code = r.code;
  const lines = [el('p', 'headline', HEADLINES[r.status] ?? r.status)];
  if (r.name) lines.push(el('p', 'name', r.name));
  if (r.ticketType) lines.push(el('p', 'ticket', `Ticket: ${r.ticketType}`));
  if (r.status === 'reentry' && r.firstTime) {
    lines.push(el('p', 'first', `First checked in ${formatTime(r.firstTime)}`));
  }
  if (r.status === 'not_found') lines.push(el('p', 'detail', `No attendee with code ${r.code}`));
  if (r.status === 'not_paid') lines.push(el('p', 'detail', `Order status: ${r.orderStatus ?? 'unknown'}`));
  if (r.status === 'error' || r.status === 'invalid_badge') lines.push(el('p', 'detail', r.message));
  if (r.reason) box.dataset.reason = r.reason; else delete box.dataset.reason;
  if (r.offline) lines.push(el('p', 'note', ['not_found', 'not_paid', 'invalid_badge'].includes(r.status)
    ? 'Offline: checked against this device\'s list' : 'Offline: accepted locally, queued for upload'));
  if (r.nonce && !r.offline && ['checked_in', 'reentry', 'checked_out'].includes(r.status)) {
    // a scan of the wrong badge (or the wrong direction) is undone at once, named by this device's nonce
    const button = el('button', 'undo', 'Undo this scan');
    button.type = 'button';
    button.addEventListener('click', () => undo(r, button));
    lines.push(button);
  }
  box.replaceChildren(...lines);
  beep(r.status);
  current = ['checked_in', 'reentry', 'checked_out'].includes(r.status) ? { code: r.code, redeemable: r.redeemable ?? [] } : null;
  renderProducts();
}

/** Annuls the scan on screen (the server allows it for 15 minutes, to the device that made it or a desk lead). */
async function undo(r, button) {
  button.disabled = true;
  try {
    const answer = await api('POST', checkinPath('annul'),
      { nonce: r.nonce, reason: 'Undone at the desk: scanned by mistake' });
    const record = await store.getAttendee(settings.conference, r.code);
    if (record && answer.attendee) {
      await store.putAttendee(settings.conference, { ...record, checked_in: answer.attendee.checked_in,
        checked_in_at: answer.attendee.checked_in_at });
    }
    button.remove();
    $('result').dataset.status = 'annulled';
    current = null;
    renderProducts();
    announce('annulled', 'Undone: this scan no longer counts');
  } catch (e) {
    button.disabled = false;
    announce('failed', e instanceof Unreachable ? 'Offline: cannot undo now' : e.message);
  }
}

function announce(status, message) {
  const box = $('result');
  box.querySelector('.action')?.remove();
  box.append(el('p', `action ${status}`, message));
  beep(status === 'redeemed' ? 'checked_in' : 'not_found');
}

function renderProducts() {
  const list = $('product-list');
  list.replaceChildren();
  const items = current?.redeemable ?? [];
  $('products').hidden = items.length === 0;
  for (const item of items) {
    const li = document.createElement('li');
    li.dataset.lineItemId = item.line_item_id;
    const text = el('span', 'product', `${item.description}`);
    const button = el('button', 'redeem', `Hand out (${item.remaining} left)`);
    button.type = 'button';
    button.disabled = item.remaining <= 0;
    button.setAttribute('aria-label', `Hand out ${item.description}, ${item.remaining} of ${item.quantity} left`);
    button.addEventListener('click', () => redeem(item));
    li.append(text, button);
    list.append(li);
  }
}

function updateProduct(lineItemId, remaining, redeemedCount) {
  const item = current?.redeemable.find((i) => i.line_item_id === lineItemId);
  if (!item) return;
  item.remaining = remaining;
  if (redeemedCount !== undefined) item.redeemed_count = redeemedCount;
  renderProducts();
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  node.className = className;
  node.textContent = text;
  return node;
}

function formatTime(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

async function refreshStatus() {
  if (!settings.conference) return;
  $('queue-count').textContent = String((await store.queued(settings.conference)).length);
  const last = await store.getMeta(`${settings.conference}:last-sync`);
  $('last-sync').textContent = last ? formatTime(last) : 'never';
  $('preload-count').textContent = String(await store.countAttendees(settings.conference));
}

// ---------------------------------------------------------------------------------------------- offline data

async function refreshPreload() {
  const slug = settings.conference;
  if (!slug || $('scan-view').hidden) return;
  const cursor = await store.getMeta(`${slug}:cursor`);
  const path = checkinPath(cursor ? `preload?since=${encodeURIComponent(cursor)}` : 'preload');
  // the tag of the last answer to this very URL: an unchanged preload is then a bodiless 304
  const last = await store.getMeta(`${slug}:preload-etag`);
  try {
    const preload = await api('GET', path, undefined, BULK_TIMEOUT_MS, last?.path === path ? last.etag : null);
    if (preload === NOT_MODIFIED) {
      await store.setMeta(`${slug}:preloaded-at`, new Date().toISOString());
      await refreshStatus();
      return;
    }
    const attendees = preload.attendees ?? [];
    await store.mergeAttendees(slug, attendees);
    // every preload carries all the keys; revocations are all of them in a full one, the new ones since a cursor
    if (preload.signing_keys) await store.setMeta(`${slug}:signing-keys`, preload.signing_keys);
    const revoked = (preload.revoked ?? []).map((r) => r.access_code);
    await store.setMeta(`${slug}:revoked`, cursor
      ? [...new Set([...(await store.getMeta(`${slug}:revoked`) ?? []), ...revoked])] : revoked);
    // a reissued badge's old code admits nobody: the attendee lives on under the new code
    const reissued = (preload.revoked ?? []).filter((r) => r.reason === 'reissued').map((r) => r.access_code);
    await store.setMeta(`${slug}:reissued`, cursor
      ? [...new Set([...(await store.getMeta(`${slug}:reissued`) ?? []), ...reissued])] : reissued);
    await store.forgetAttendees(slug, reissued);
    // Nothing changed since the cursor: keep it, so the next refresh asks the same URL and gets a 304.
    const keepCursor = cursor && attendees.length === 0;
    if (preload.cursor && !keepCursor) await store.setMeta(`${slug}:cursor`, preload.cursor);
    await store.setMeta(`${slug}:preload-etag`, keepCursor && preload[ETAG] ? { path, etag: preload[ETAG] } : null);
    await store.setMeta(`${slug}:preloaded-at`, preload.generated_at ?? new Date().toISOString());
    await refreshStatus();
  } catch (e) {
    if (e instanceof Refused && e.status === 400 && cursor) {
      await store.setMeta(`${slug}:cursor`, null); // a cursor the server no longer knows: start afresh
    }
  }
}

/**
 * Uploads the queue, oldest first, for every conference this device has queued for; an item leaves the queue
 * only once the server has answered for it (whatever the answer), so an answer lost on the way means a replay,
 * which the server recognises by the nonce.
 */
async function sync() {
  if (syncing || $('scan-view').hidden || Date.now() < syncNotBefore) return;
  syncing = true;
  try {
    const refused = [];
    let uploaded = 0;
    for (const slug of await store.queuedConferences()) {
      let pending = await store.queued(slug);
      while (pending.length) {
        const batch = pending.slice(0, SYNC_BATCH);
        const items = batch.map(({ nonce, type, access_code, station, line_item_id, client_time }) => ({
          nonce, type, access_code, station, client_time, ...(line_item_id !== undefined ? { line_item_id } : {}),
        }));
        const path = `/api/conferences/${encodeURIComponent(slug)}/checkin/sync`;
        const answer = await api('POST', path, { items }, BULK_TIMEOUT_MS);
        const results = answer.results ?? [];
        const answered = results.map((r) => r.nonce).filter((nonce) => batch.some((item) => item.nonce === nonce));
        refused.push(...results.filter((r) => r.status === 'error')
          .map((r) => ({ ...r, access_code: batch.find((item) => item.nonce === r.nonce)?.access_code })));
        await store.removeQueued(answered);
        uploaded += answered.length;
        await store.setMeta(`${slug}:last-sync`, answer.server_time ?? new Date().toISOString());
        if (!answered.length) break;
        pending = await store.queued(slug);
      }
    }
    if (uploaded && !refused.length) $('sync-message').textContent = '';
    if (refused.length) {
      $('sync-message').textContent = `${refused.length} uploaded item(s) refused by the server: `
        + refused.map((r) => `${r.access_code ?? '?'} (${r.reason ?? r.error})`).join(', ');
    }
  } catch (e) {
    // stays queued; the next attempt comes with the connection or the timer — or, when the server sheds load
    // (everyone reconnecting at once), after the wait it asked for, spread a little so devices do not return together
    if (e instanceof Refused && e.status === 429) {
      const wait = (e.retryAfter || 1) * 1000 * (1 + Math.random() * 0.5);
      syncNotBefore = Date.now() + wait;
      $('sync-message').textContent = `The server is busy: uploading again in ${Math.ceil(wait / 1000)} s.`;
      setTimeout(sync, wait);
    }
  } finally {
    syncing = false;
    await refreshStatus();
  }
}

/**
 * The footer's live numbers (inside now, checked in of paid) from the statistics' event stream; reopened after a
 * pause when it breaks, closed when the desk changes. Nothing here is needed to scan: offline it simply waits.
 */
async function watchStats() {
  if (statsStream || $('scan-view').hidden || !settings.conference) return;
  const controller = new AbortController();
  statsStream = controller;
  try {
    const bearer = await token();
    if (!bearer) return;
    const response = await fetch(`/api/conferences/${encodeURIComponent(settings.conference)}/checkin/stats/stream`, {
      headers: { Authorization: `Bearer ${bearer}`, Accept: 'text/event-stream' }, signal: controller.signal,
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    await readEvents(response.body, (name, data) => {
      if (name !== 'stats') return;
      const stats = JSON.parse(data);
      $('live-inside').textContent = String(stats.inside);
      $('live-checked-in').textContent = `${stats.checked_in} / ${stats.total}`;
    });
  } catch {
    // offline, or the stream broke: try again below
  } finally {
    if (statsStream === controller) {
      statsStream = null;
      if (!controller.signal.aborted) setTimeout(watchStats, STATS_RETRY_MS);
    }
  }
}

function stopStats() {
  statsStream?.abort();
  statsStream = null;
}

// ---------------------------------------------------------------------------------------------- wiring

$('signin').addEventListener('click', async () => {
  try {
    await users.signinRedirect();
  } catch (e) {
    $('signin-error').textContent = `Cannot reach the sign-in server: ${e.message}`;
  }
});

$('setup-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const conference = $('conference').value;
  const station = $('station').value.trim();
  if (!conference || !station) return;
  if (conference !== settings.conference) current = null;
  settings.conference = conference;
  settings.station = station;
  await openScanView();
});

$('change-desk').addEventListener('click', () => { camera?.stop(); stopStats(); openSetup(); });

$('scan-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const input = $('code');
  const code = input.value;
  input.value = '';
  await scan(code);
  focusCode();
});

for (const radio of document.querySelectorAll('input[name=direction]')) {
  radio.addEventListener('change', () => { settings.direction = radio.value; focusCode(); });
}

$('sync-now').addEventListener('click', async () => { await sync(); await refreshPreload(); focusCode(); });

$('signout').addEventListener('click', async () => {
  camera?.stop();
  const queuedCount = (await store.queued(settings.conference)).length;
  if (queuedCount && !confirm(`${queuedCount} scan(s) are not uploaded yet. Sign out anyway? They stay on this device.`)) return;
  try {
    await users.signoutRedirect();
  } catch {
    await users.removeUser();
    show('signin-view');
  }
});

$('camera-toggle').addEventListener('click', async () => {
  const button = $('camera-toggle');
  camera ??= new Camera($('camera-video'), async (code) => { await scan(code); });
  if (camera.running) {
    camera.stop();
  } else {
    try {
      await camera.start();
    } catch (e) {
      showResult({ status: 'error', code: '', message: `Camera: ${e.message}` });
    }
  }
  button.textContent = camera.running ? 'Stop camera' : 'Start camera';
  button.setAttribute('aria-pressed', String(camera.running));
  focusCode();
});

// A keyboard-wedge scanner types wherever the focus is: send stray keystrokes to the code field.
document.addEventListener('keydown', (event) => {
  const target = event.target;
  if ($('scan-view').hidden || event.ctrlKey || event.metaKey || event.altKey || event.key.length !== 1) return;
  if (target instanceof HTMLInputElement || target instanceof HTMLSelectElement
    || target instanceof HTMLTextAreaElement || target instanceof HTMLButtonElement) return;
  focusCode();
});

window.addEventListener('online', () => { sync(); refreshPreload(); });
window.addEventListener('offline', () => setConnection(false));
// While offline, a small incremental preload doubles as the check that the server is back.
setInterval(() => { if (!navigator.onLine) return; if (online) sync(); else refreshPreload(); }, SYNC_EVERY_MS);
setInterval(() => { if (navigator.onLine) refreshPreload(); }, PRELOAD_EVERY_MS);

if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('sw.js').catch(() => { /* no offline start, everything else works */ });
}

start().catch((e) => {
  show('signin-view');
  $('signin-error').textContent = `Cannot start: ${e.message}`;
});
