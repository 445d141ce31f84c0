// The organizer console: sign-in (OIDC code + PKCE), a conference picker limited to the user's conferences,
// and hash-routed sections shown and enabled by the user's roles: bulk purchases, the check-in dashboard,
// the catalog and orders. Everything goes through the gateway's /api/**.

import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import { Api } from './api.js';
import { $, h } from './dom.js';
import { can, rolesOf, sections } from './permissions.js';
import * as bulk from './bulk.js';
import * as dashboard from './dashboard.js';
import * as catalog from './catalog.js';
import * as orders from './orders.js';

const SECTIONS = { bulk, dashboard, catalog, orders };
const LABELS = { bulk: 'Bulk purchases', dashboard: 'Check-in dashboard', catalog: 'Catalog', orders: 'Orders' };

let users;
let api;
let roles = [];
let conferences = [];
let cleanup = null;

async function start() {
  const config = await (await fetch('config.json', { cache: 'no-store' })).json();
  const base = new URL('.', location.href).href; // …/console/
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
  api = new Api(token, signedOut);
  $('signin').addEventListener('click', () => users.signinRedirect({ state: location.hash }));
  $('signout').addEventListener('click', () => users.signoutRedirect().catch(() => users.removeUser().then(signedOut)));
  $('conference-select').addEventListener('change', (e) => go(`#/${e.target.value}/${firstSection(e.target.value)}`));
  const params = new URLSearchParams(location.search);
  if (params.has('code') && params.has('state')) {
    let hash = '';
    try {
      const user = await users.signinRedirectCallback();
      hash = typeof user.state === 'string' ? user.state : '';
    } catch (e) {
      $('signin-error').textContent = `Sign-in failed: ${e.message}`;
    }
    history.replaceState(null, '', base + hash);
  }
  const user = await users.getUser();
  if (!user || user.expired && !(await renew())) {
    signedOut();
    return;
  }
  await signedIn(await users.getUser());
}

async function renew() {
  try {
    return await users.signinSilent();
  } catch {
    return null;
  }
}

async function token() {
  let user = await users.getUser();
  if (user?.expired) user = await renew();
  return user?.access_token ?? null;
}

function signedOut() {
  for (const id of ['bar-tools', 'nav']) $(id).hidden = true;
  stopView();
  $('view').replaceChildren();
  $('signin-view').hidden = false;
  $('signin').focus();
}

async function signedIn(user) {
  $('signin-view').hidden = true;
  roles = rolesOf(user.access_token);
  users.events.addUserLoaded((u) => { roles = rolesOf(u.access_token); });
  $('user-name').textContent = user.profile?.name ?? user.profile?.preferred_username ?? '';
  $('bar-tools').hidden = false;
  try {
    conferences = await api.get('/api/conferences');
  } catch (e) {
    notify(`Could not load your conferences: ${e.message}`, true);
    conferences = [];
  }
  conferences = conferences.filter((c) => firstSection(c.slug));
  const select = $('conference-select');
  select.replaceChildren(...conferences.map((c) => new Option(`${c.name} (${c.slug})`, c.slug)));
  if (!conferences.length) {
    $('view').replaceChildren(h('section', { class: 'card narrow' }, h('h2', {}, 'No conference'),
      h('p', {}, 'Your account has no organizer role on any conference. Ask an administrator for one.')));
    return;
  }
  $('nav').hidden = false;
  window.addEventListener('hashchange', route);
  await route();
}

function firstSection(slug) {
  return sections(roles, slug)[0];
}

function go(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

function stopView() {
  if (typeof cleanup === 'function') cleanup();
  cleanup = null;
}

/** `#/{slug}/{section}/{rest…}` */
async function route() {
  const [slug, section, ...rest] = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  const conference = conferences.find((c) => c.slug === slug);
  if (!conference) {
    go(`#/${conferences[0].slug}/${firstSection(conferences[0].slug)}`);
    return;
  }
  const allowed = sections(roles, slug);
  if (!allowed.includes(section)) {
    go(`#/${slug}/${allowed[0]}`);
    return;
  }
  $('conference-select').value = slug;
  for (const link of document.querySelectorAll('#nav a[data-section]')) {
    const s = link.dataset.section;
    link.hidden = !allowed.includes(s);
    link.href = `#/${slug}/${s}`;
    if (s === section) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  stopView();
  // a notice given just before this navigation within the section (e.g. "Approved.", then the purchase
  // reloads) is about the page being opened: keep it; anything older or from elsewhere goes
  if (Date.now() - lastNotice.at > 3000 || lastNotice.section !== section) notify('');
  document.title = `${LABELS[section]} · ${conference.name} · Organizer console`;
  const view = $('view');
  view.replaceChildren();
  const ctx = {
    api, slug, conference, view, notify, go,
    can: (permission) => can(roles, slug, permission),
    base: `/api/conferences/${encodeURIComponent(slug)}`,
    link: (...parts) => `#/${[slug, ...parts].map(encodeURIComponent).join('/')}`,
  };
  try {
    cleanup = await SECTIONS[section].render(ctx, rest);
  } catch (e) {
    view.replaceChildren(h('p', { class: 'error', role: 'alert' }, `Could not load this page: ${e.message}`));
  }
  const heading = view.querySelector('h2');
  if (heading) {
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
  }
}

let lastNotice = { at: 0, section: null };

function notify(message, bad = false) {
  lastNotice = { at: message ? Date.now() : 0, section: location.hash.split('/')[2] ?? null };
  const el = $('notice');
  el.textContent = message;
  el.classList.toggle('bad', bad);
}

start().catch((e) => {
  $('signin-view').hidden = false;
  $('signin-error').textContent = `The console could not start: ${e.message}`;
});
