// Sponsor bulk purchases: the list (status filter, paging), a new request (the API's validation messages at
// their fields), and one purchase with its lifecycle actions, vouchers (searchable, paged) and CSV export.

import { busy, clearErrors, dateTime, field, h, money, pager, showErrors, statusBadge, table } from './dom.js';

export const STATUSES = ['pending', 'approved', 'processing', 'paid', 'failed', 'cancelled', 'refunded'];
const VOUCHERS_PER_PAGE = 25;
// what the last cancel/refund answered, shown again once the purchase is reloaded in its new state
let lastClose = null;

export async function render(ctx, [id]) {
  if (id === 'new') return create(ctx);
  if (id) return detail(ctx, id);
  return list(ctx);
}

// ------------------------------------------------------------------------------------------------ list

async function list(ctx) {
  const state = { status: sessionStorage.getItem('console.bulk.status') ?? '', page: 1 };
  const statusSelect = h('select', { id: 'bulk-status-filter' },
    h('option', { value: '' }, 'All'), STATUSES.map((s) => h('option', { value: s }, s)));
  statusSelect.value = state.status;
  const results = h('div', { id: 'bulk-list', 'aria-live': 'polite' });
  ctx.view.append(
    h('h2', {}, 'Bulk purchases'),
    h('div', { class: 'toolbar' },
      h('div', {}, h('label', { for: 'bulk-status-filter' }, 'Status'), statusSelect),
      h('span', { class: 'spacer' }),
      ctx.can('change_bulk_purchases')
        ? h('a', { class: 'button primary', href: ctx.link('bulk', 'new'), id: 'bulk-new' }, 'New bulk purchase') : null),
    results);

  async function load() {
    results.setAttribute('aria-busy', 'true');
    const query = new URLSearchParams({ page: state.page, page_size: 50 });
    if (state.status) query.set('status', state.status);
    try {
      const answer = await ctx.api.get(`${ctx.base}/bulk-purchases?${query}`);
      results.replaceChildren(
        table(['#', 'Sponsor', 'Product', { label: 'Quantity', class: 'num' }, { label: 'Unit price', class: 'num' },
          { label: 'Total', class: 'num' }, 'Status', 'Requested', 'By'],
        answer.items.map((p) => {
          const open = () => ctx.go(ctx.link('bulk', String(p.id)));
          return h('tr', { class: 'clickable', dataset: { purchase: p.id }, onclick: open },
            h('td', {}, h('a', { href: ctx.link('bulk', String(p.id)) }, `#${p.id}`)),
            h('td', {}, p.sponsor?.name ?? '—'),
            h('td', {}, product(p)),
            h('td', { class: 'num' }, p.quantity.toLocaleString()),
            h('td', { class: 'num' }, money(p.unit_price)),
            h('td', { class: 'num' }, money(p.total)),
            h('td', {}, statusBadge(p.status)),
            h('td', {}, dateTime(p.created_at)),
            h('td', {}, p.requested_by?.name ?? ''));
        }), { empty: state.status ? `No ${state.status} bulk purchases.` : 'No bulk purchases yet.', caption: 'Bulk purchases' }),
        pager(answer.page, answer.pages, answer.total, (page) => { state.page = page; load(); }, 'purchases'));
    } catch (e) {
      results.replaceChildren(h('p', { class: 'error', role: 'alert' }, e.message));
    } finally {
      results.removeAttribute('aria-busy');
    }
  }
  statusSelect.addEventListener('change', () => {
    state.status = statusSelect.value;
    state.page = 1;
    sessionStorage.setItem('console.bulk.status', state.status);
    load();
  });
  await load();
}

function product(p) {
  return [p.ticket_type?.name, p.addon?.name].filter(Boolean).join(' + ') || 'any product';
}

// ------------------------------------------------------------------------------------------------ create

async function create(ctx) {
  if (!ctx.can('change_bulk_purchases')) {
    ctx.view.append(h('h2', {}, 'New bulk purchase'), h('p', { class: 'error' }, 'You may not request bulk purchases.'));
    return;
  }
  const [sponsors, ticketTypes, addons] = await Promise.all([
    ctx.api.get(`${ctx.base}/sponsors`), ctx.api.get(`${ctx.base}/ticket-types`), ctx.api.get(`${ctx.base}/addons`)]);
  const options = (items, none) => [h('option', { value: '' }, none),
    ...items.map((x) => h('option', { value: x.slug }, `${x.name}${x.price ? ` (${money(x.price)})` : ''}${x.bulk_enabled === false ? ' — not bulk-enabled' : ''}`))];
  const bulkOnly = (items) => items.filter((x) => x.active !== false);
  const input = (attrs) => h('input', { autocomplete: 'off', ...attrs });
  const general = h('p', { class: 'error', role: 'alert', tabindex: '-1', id: 'bulk-form-error' });
  const submit = h('button', { class: 'primary', type: 'submit', id: 'bulk-create' }, 'Request bulk purchase');
  const form = h('form', { id: 'bulk-form', novalidate: true },
    h('fieldset', {}, h('legend', {}, 'Deal'),
      h('div', { class: 'grid' },
        field('Sponsor', h('select', {}, options(sponsors, '— none —')), { name: 'sponsor' }),
        field('Ticket type', h('select', {}, options(bulkOnly(ticketTypes), '— none —')), { name: 'ticket_type',
          hint: 'Ticket type and/or add-on; neither = codes for any product' }),
        field('Add-on', h('select', {}, options(bulkOnly(addons), '— none —')), { name: 'addon' }),
        field('Quantity', input({ type: 'number', min: '1', step: '1', inputmode: 'numeric' }), { name: 'quantity',
          hint: 'How many codes (1–100 000)' }),
        field('Unit price', input({ type: 'text', inputmode: 'decimal', placeholder: '0.00' }), { name: 'unit_price',
          hint: '0 for a complimentary deal' }))),
    voucherFieldset(),
    h('div', { class: 'actions' }, submit, h('a', { href: ctx.link('bulk') }, 'Cancel')),
    general);
  ctx.view.append(h('h2', {}, 'New bulk purchase'), h('div', { class: 'card' }, form));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    await busy(submit, 'Requesting…', async () => {
      clearErrors(form);
      general.textContent = '';
      try {
        const created = await ctx.api.post(`${ctx.base}/bulk-purchases`, requestBody(form));
        ctx.notify(`Bulk purchase #${created.id} requested (pending approval).`);
        ctx.go(ctx.link('bulk', String(created.id)));
      } catch (e) {
        showErrors(form, e, general);
      }
    });
  });
}

/** The voucher rules, as in a new request and when editing one; `vc` prefills them. */
function voucherFieldset(vc = {}) {
  const input = (attrs) => h('input', { autocomplete: 'off', ...attrs });
  const type = h('select', {}, h('option', { value: '' }, '— decide later —'),
    h('option', { value: 'comp' }, 'Complimentary (free)'), h('option', { value: 'percentage' }, 'Percentage off'),
    h('option', { value: 'fixed_amount' }, 'Fixed amount off'));
  type.value = vc.voucher_type ?? '';
  return h('fieldset', {}, h('legend', {}, 'Voucher codes'),
    h('div', { class: 'grid' },
      field('Voucher type', type, { name: 'voucher_config.voucher_type' }),
      field('Discount value', input({ type: 'text', inputmode: 'decimal', value: vc.voucher_type ? vc.discount_value ?? '' : '' }),
        { name: 'voucher_config.discount_value', hint: 'Percent or amount; 0 for complimentary' }),
      field('Uses per code', input({ type: 'number', min: '1', step: '1', value: String(vc.max_uses ?? 1) }), { name: 'voucher_config.max_uses' }),
      field('Valid from', input({ type: 'datetime-local', value: localInput(vc.valid_from) }), { name: 'voucher_config.valid_from' }),
      field('Valid until', input({ type: 'datetime-local', value: localInput(vc.valid_until) }), { name: 'voucher_config.valid_until' }),
      field('Code prefix', input({ type: 'text', maxlength: '30', placeholder: 'BULK-ACME-', value: vc.prefix ?? '' }),
        { name: 'voucher_config.prefix', hint: 'Letters, digits, hyphens; default BULK-{SPONSOR}-' }),
      field('Unlocks hidden tickets', h('input', { type: 'checkbox', checked: Boolean(vc.unlocks_hidden_tickets) }),
        { name: 'voucher_config.unlocks_hidden_tickets' })));
}

/** An instant as a datetime-local input's value (local time, minutes). */
function localInput(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** The form as the API's request body: empty fields are left out (or null where the API needs to say so). */
export function requestBody(form) {
  const value = (name) => form.elements.namedItem(name)?.value.trim() ?? '';
  const optional = (name) => value(name) || undefined;
  const number = (name) => (value(name) === '' ? null : Number.isFinite(Number(value(name))) ? Number(value(name)) : value(name));
  const instant = (name) => (value(name) ? new Date(value(name)).toISOString() : undefined);
  const voucher = {
    voucher_type: optional('voucher_config.voucher_type'),
    discount_value: optional('voucher_config.discount_value'),
    max_uses: value('voucher_config.max_uses') === '' ? undefined : number('voucher_config.max_uses'),
    valid_from: instant('voucher_config.valid_from'),
    valid_until: instant('voucher_config.valid_until'),
    prefix: optional('voucher_config.prefix'),
    unlocks_hidden_tickets: form.elements.namedItem('voucher_config.unlocks_hidden_tickets')?.checked || undefined,
  };
  return {
    sponsor: optional('sponsor'),
    ticket_type: optional('ticket_type'),
    addon: optional('addon'),
    quantity: number('quantity'),
    unit_price: value('unit_price') === '' ? null : value('unit_price'),
    voucher_config: voucher,
  };
}

// ------------------------------------------------------------------------------------------------ detail

async function detail(ctx, id) {
  const url = `${ctx.base}/bulk-purchases/${encodeURIComponent(id)}`;
  const p = await ctx.api.get(url);
  const mayChange = ctx.can('change_bulk_purchases');
  const actionsBox = h('div', { class: 'actions', id: 'bulk-actions' });
  const outcome = h('div', { id: 'bulk-outcome', 'aria-live': 'polite' });
  const vc = p.voucher_config ?? {};

  ctx.view.append(
    h('p', {}, h('a', { href: ctx.link('bulk') }, '← All bulk purchases')),
    h('h2', {}, `Bulk purchase #${p.id} `, statusBadge(p.status)),
    h('div', { class: 'two-col' },
      h('section', { class: 'card', 'aria-labelledby': 'deal-h' }, h('h3', { id: 'deal-h' }, 'Deal'),
        h('dl', { class: 'facts' },
          fact('Sponsor', p.sponsor?.name ?? '—'), fact('Product', product(p)),
          fact('Quantity', p.quantity.toLocaleString()), fact('Unit price', money(p.unit_price)),
          fact('Total', money(p.total)),
          fact('Vouchers', vc.voucher_type ? `${vc.voucher_type}${vc.voucher_type === 'comp' ? '' : ` ${vc.discount_value}`}, ${vc.max_uses} use(s) each` : 'not configured yet'),
          fact('Valid', [vc.valid_from ? `from ${dateTime(vc.valid_from)}` : '', vc.valid_until ? `until ${dateTime(vc.valid_until)}` : ''].filter(Boolean).join(' ') || 'always'),
          vc.prefix ? fact('Code prefix', vc.prefix) : null,
          p.payment_reference ? fact('Payment reference', p.payment_reference) : null,
          fact('Codes', p.voucher_count ? `${p.voucher_count.toLocaleString()} generated, ${p.vouchers_used.toLocaleString()} used` : 'none yet'))),
      h('section', { class: 'card', 'aria-labelledby': 'history-h' }, h('h3', { id: 'history-h' }, 'History'),
        h('ol', { class: 'timeline', id: 'bulk-history' }, history(p)))),
    mayChange ? h('section', { class: 'card', 'aria-labelledby': 'actions-h' },
      h('h3', { id: 'actions-h' }, 'Actions'), actionsBox, outcome) : h('p', { class: 'muted', id: 'bulk-readonly' },
      'You can look at this bulk purchase; changing it needs the change_bulk_purchases permission.'),
    vouchersSection(ctx, p, url));

  if (mayChange) renderActions(ctx, p, url, actionsBox, outcome);
  if (lastClose?.id === p.id) {
    outcome.replaceChildren(closeResult(lastClose));
    ctx.notify(`Bulk purchase ${lastClose.status}: ${lastClose.revoked} unused code(s) revoked, ${lastClose.used.length} used code(s) stay valid.`);
  }
  lastClose = null;
}

function fact(label, value) {
  return [h('dt', {}, label), h('dd', {}, value)];
}

function history(p) {
  const step = (label, at, by, done = Boolean(at)) => h('li', { class: done ? 'done' : '' },
    h('strong', {}, label), at ? ` — ${dateTime(at)}` : '', by?.name ? ` by ${by.name}` : '');
  const closedLabel = { cancelled: 'Cancelled', refunded: 'Refunded', failed: 'Payment failed' }[p.status];
  return [
    step('Requested', p.created_at, p.requested_by),
    step('Approved', p.approved_at, p.approved_by),
    p.status === 'processing' ? step('Payment processing', null, null, true) : null,
    step('Paid', p.paid_at, null),
    step('Codes generated', p.fulfilled_at, p.fulfilled_by),
    closedLabel ? step(closedLabel, p.closed_at, p.closed_by, true) : null,
  ];
}

/** Which lifecycle actions the purchase's state allows (the server checks again and answers 409 otherwise). */
export function allowedActions(p) {
  const free = Number(p.total) === 0;
  const fulfilled = Boolean(p.fulfilled_at);
  const actions = [];
  if (p.status === 'pending') actions.push('approve');
  if (p.status === 'approved') actions.push('payment-processing');
  if (p.status === 'processing') actions.push('payment-failed');
  if (['approved', 'processing'].includes(p.status) && !free) actions.push('payments');
  if (!fulfilled && (p.status === 'paid' || (p.status === 'approved' && free))) actions.push('fulfill');
  if (['pending', 'approved'].includes(p.status) && !fulfilled) actions.push('configure');
  if (['pending', 'approved'].includes(p.status)) actions.push('cancel');
  if (p.status === 'paid') actions.push('refund');
  return actions;
}

function renderActions(ctx, p, url, box, outcome) {
  const allowed = allowedActions(p);
  const buttons = [];
  const reload = () => ctx.go(ctx.link('bulk', String(p.id)));
  const lockAll = (locked) => { for (const b of buttons) b.disabled = locked; };
  const act = (action, label, busyLabel, run, klass = '') => {
    if (!allowed.includes(action)) return null;
    const button = h('button', { type: 'button', class: klass, dataset: { action } }, label);
    button.addEventListener('click', () => run(button));
    buttons.push(button);
    return button;
  };
  const simple = (action, label, busyLabel, done) => act(action, label, busyLabel, (button) => guarded(button, busyLabel, async () => {
    await ctx.api.post(`${url}/${action}`);
    ctx.notify(done);
    reload();
  }), action === 'approve' ? 'primary' : '');

  async function guarded(button, busyLabel, work) {
    lockAll(true);
    try {
      await busy(button, busyLabel, work);
    } catch (e) {
      ctx.notify(e.message, true);
      outcome.replaceChildren(h('p', { class: 'result bad', role: 'alert' }, e.message));
    } finally {
      lockAll(false);
    }
  }

  const paymentForm = () => {
    const reference = h('input', { id: 'payment-reference', autocomplete: 'off', required: true });
    const general = h('p', { class: 'error', role: 'alert' });
    const save = h('button', { type: 'submit', class: 'primary' }, 'Record payment');
    const form = h('form', { id: 'payment-form', novalidate: true, class: 'confirm' },
      field('Payment reference', reference, { name: 'reference', hint: 'The bank transfer or provider reference' }),
      h('div', { class: 'actions' }, save), general);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      guarded(save, 'Recording…', async () => {
        try {
          await ctx.api.post(`${url}/payments`, { reference: reference.value.trim() });
          ctx.notify('Payment recorded: the purchase is paid.');
          reload();
        } catch (err) {
          showErrors(form, err, general);
        }
      });
    });
    outcome.replaceChildren(form);
    reference.focus();
  };

  const editForm = () => {
    const general = h('p', { class: 'error', role: 'alert', tabindex: '-1' });
    const save = h('button', { type: 'submit', class: 'primary', id: 'bulk-save' }, 'Save changes');
    const cancel = h('button', { type: 'button' }, 'Close');
    const form = h('form', { id: 'bulk-edit-form', novalidate: true, class: 'confirm', 'aria-label': 'Edit the deal' },
      h('div', { class: 'grid' },
        field('Quantity', h('input', { type: 'number', min: '1', step: '1', value: String(p.quantity) }), { name: 'quantity' }),
        field('Unit price', h('input', { type: 'text', inputmode: 'decimal', value: p.unit_price }), { name: 'unit_price' })),
      voucherFieldset(p.voucher_config ?? {}), h('div', { class: 'actions' }, save, cancel), general);
    cancel.addEventListener('click', () => outcome.replaceChildren());
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      guarded(save, 'Saving…', async () => {
        clearErrors(form);
        const { quantity, unit_price: unitPrice, voucher_config: voucherConfig } = requestBody(form);
        try {
          await ctx.api.patch(url, { quantity, unit_price: unitPrice, voucher_config: voucherConfig });
          ctx.notify('Deal saved.');
          reload();
        } catch (err) {
          showErrors(form, err, general);
        }
      });
    });
    outcome.replaceChildren(form);
    form.querySelector('input').focus();
  };

  const close = (action) => (button) => {
    const what = action === 'cancel' ? 'Cancel' : 'Refund';
    const yes = h('button', { type: 'button', class: 'danger solid', id: 'confirm-close' },
      `Yes, ${what.toLowerCase()} and revoke unused codes`);
    const no = h('button', { type: 'button' }, 'Keep it');
    no.addEventListener('click', () => { outcome.replaceChildren(); button.focus(); });
    yes.addEventListener('click', () => guarded(yes, `${what === 'Cancel' ? 'Cancelling' : 'Refunding'}…`, async () => {
      const result = await ctx.api.post(`${url}/${action}`);
      lastClose = result;
      reload();
    }));
    outcome.replaceChildren(h('div', { class: 'confirm', role: 'group', 'aria-label': `${what} this bulk purchase` },
      h('p', {}, `${what} bulk purchase #${p.id}? Unused codes are revoked at once; codes already used stay valid.`),
      h('div', { class: 'actions' }, yes, no)));
    yes.focus();
  };

  const fulfil = act('fulfill', `Generate ${p.quantity.toLocaleString()} codes`, null, (button) => guarded(button, 'Generating…', async () => {
    const started = Date.now();
    const bar = h('progress', { 'aria-label': 'Generating codes' });
    const elapsed = h('span', {}, '');
    outcome.replaceChildren(h('div', { class: 'progress', role: 'status', id: 'fulfil-progress' },
      bar, h('span', {}, `Generating ${p.quantity.toLocaleString()} codes… `), elapsed));
    const tick = setInterval(() => { elapsed.textContent = `${Math.round((Date.now() - started) / 1000)} s`; }, 500);
    try {
      // one transaction on the server: a second press (or a retry after a lost answer) gets already_fulfilled
      const { status, body } = await ctx.api.request('POST', `${url}/fulfill`, undefined, { timeoutMs: 10 * 60_000 });
      ctx.notify(status === 201 ? `Generated ${body.created.toLocaleString()} codes.`
        : `Already fulfilled: ${body.voucher_count.toLocaleString()} codes.`);
      reload();
    } finally {
      clearInterval(tick);
    }
  }), 'primary');

  box.replaceChildren(...[
    simple('approve', 'Approve', 'Approving…', 'Approved.'),
    simple('payment-processing', 'Payment processing', 'Saving…', 'Payment is processing.'),
    simple('payment-failed', 'Payment failed', 'Saving…', 'Payment marked as failed.'),
    act('payments', 'Record payment…', null, () => paymentForm()),
    act('configure', 'Edit deal…', null, () => editForm()),
    fulfil,
    act('cancel', 'Cancel deal…', null, close('cancel'), 'danger'),
    act('refund', 'Refund…', null, close('refund'), 'danger'),
  ].filter(Boolean));
  if (!buttons.length) box.append(h('p', { class: 'muted' }, `Nothing to do: the purchase is ${p.status}${p.fulfilled_at ? ' and its codes are generated' : ''}.`));
}

function closeResult(result) {
  return h('div', { class: 'result', id: 'close-result' },
    h('p', {}, h('strong', {}, `Status: ${result.status}. `), `Revoked ${result.revoked} unused code(s). `,
      result.used.length ? `${result.used.length} code(s) were already used and stay valid:` : 'No code had been used.'),
    result.used.length ? table(['Code', { label: 'Used', class: 'num' }, { label: 'Max uses', class: 'num' }],
      result.used.map((u) => h('tr', {}, h('td', {}, u.code), h('td', { class: 'num' }, u.times_used),
        h('td', { class: 'num' }, u.max_uses))), { caption: 'Used codes' }) : null);
}

function vouchersSection(ctx, p, url) {
  const vouchers = p.vouchers ?? [];
  const section = h('section', { class: 'card', 'aria-labelledby': 'vouchers-h' });
  const search = h('input', { type: 'search', id: 'voucher-search', autocomplete: 'off', placeholder: 'Part of a code' });
  const usedOnly = h('input', { type: 'checkbox', id: 'voucher-used' });
  const list = h('div', { id: 'voucher-list' });
  const download = h('button', { type: 'button', id: 'voucher-csv' }, 'Download CSV');
  download.addEventListener('click', () => busy(download, 'Downloading…', () =>
    ctx.api.download(`${url}/vouchers.csv`, `bulk-purchase-${p.id}-vouchers.csv`, 'text/csv')
      .catch((e) => ctx.notify(e.message, true))));
  let page = 1;
  const show = () => {
    const needle = search.value.trim().toUpperCase();
    const matching = vouchers.filter((v) => v.code.includes(needle) && (!usedOnly.checked || v.times_used > 0));
    const pages = Math.max(1, Math.ceil(matching.length / VOUCHERS_PER_PAGE));
    page = Math.min(page, pages);
    const shown = matching.slice((page - 1) * VOUCHERS_PER_PAGE, page * VOUCHERS_PER_PAGE);
    list.replaceChildren(...[
      table(['Code', { label: 'Used', class: 'num' }, { label: 'Max uses', class: 'num' }, 'Active'],
        shown.map((v) => h('tr', { dataset: { code: v.code } }, h('td', {}, h('code', {}, v.code)),
          h('td', { class: 'num' }, v.times_used), h('td', { class: 'num' }, v.max_uses),
          h('td', {}, v.active ? 'yes' : 'revoked'))),
        { empty: vouchers.length ? 'No code matches.' : 'No codes generated yet.', caption: 'Voucher codes' }),
      matching.length > VOUCHERS_PER_PAGE ? pager(page, pages, matching.length, (n) => { page = n; show(); }, 'codes') : null,
    ].filter(Boolean));
  };
  search.addEventListener('input', () => { page = 1; show(); });
  usedOnly.addEventListener('change', () => { page = 1; show(); });
  section.append(...[h('h3', { id: 'vouchers-h' }, `Voucher codes (${vouchers.length.toLocaleString()})`),
    vouchers.length ? h('div', { class: 'toolbar' },
      h('div', {}, h('label', { for: 'voucher-search' }, 'Search codes'), search),
      h('div', { class: 'check' }, usedOnly, h('label', { for: 'voucher-used' }, 'Used only')),
      h('span', { class: 'spacer' }), download) : null,
    list].filter(Boolean));
  show();
  return section;
}
