// Orders: list (status filter, search by name, e-mail or access code, paging) and one order with its
// payments and refunds; record a payment, refund (partly or fully), cancel.

import { busy, clearErrors, dateTime, field, h, money, pager, showErrors, statusBadge, table } from './dom.js';

const STATUSES = ['pending', 'paid', 'partially_refunded', 'refunded', 'cancelled'];

export async function render(ctx, [id]) {
  return id ? detail(ctx, id) : list(ctx);
}

async function list(ctx) {
  const state = { status: '', q: '', page: 1 };
  const status = h('select', { id: 'orders-status' }, h('option', { value: '' }, 'All'),
    STATUSES.map((s) => h('option', { value: s }, s.replace('_', ' '))));
  const search = h('input', { type: 'search', id: 'orders-search', autocomplete: 'off', placeholder: 'Name, e-mail or access code' });
  const results = h('div', { id: 'orders-list', 'aria-live': 'polite' });
  const form = h('form', { class: 'toolbar', role: 'search' },
    h('div', {}, h('label', { for: 'orders-search' }, 'Search'), search),
    h('div', {}, h('label', { for: 'orders-status' }, 'Status'), status),
    h('button', { type: 'submit' }, 'Search'));
  ctx.view.append(h('h2', {}, 'Orders'), form, results);
  const load = async () => {
    const query = new URLSearchParams({ page: state.page, page_size: 50 });
    if (state.status) query.set('status', state.status);
    if (state.q) query.set('q', state.q);
    try {
      const answer = await ctx.api.get(`${ctx.base}/orders?${query}`);
      results.replaceChildren(
        table(['#', 'Attendee', 'E-mail', 'Access code', { label: 'Total', class: 'num' }, 'Status', 'Placed'],
          answer.items.map((o) => h('tr', { class: 'clickable', dataset: { order: o.id }, onclick: () => ctx.go(ctx.link('orders', String(o.id))) },
            h('td', {}, h('a', { href: ctx.link('orders', String(o.id)) }, `#${o.id}`)), h('td', {}, o.attendee?.name ?? ''),
            h('td', {}, o.attendee?.email ?? ''), h('td', {}, h('code', {}, o.attendee?.access_code ?? '')),
            h('td', { class: 'num' }, money(o.total)), h('td', {}, statusBadge(o.status)), h('td', {}, dateTime(o.created_at)))),
          { empty: 'No orders match.', caption: 'Orders' }),
        pager(answer.page, answer.pages, answer.total, (page) => { state.page = page; load(); }, 'orders'));
    } catch (e) {
      results.replaceChildren(h('p', { class: 'error', role: 'alert' }, e.message));
    }
  };
  form.addEventListener('submit', (e) => { e.preventDefault(); state.q = search.value.trim(); state.status = status.value; state.page = 1; load(); });
  status.addEventListener('change', () => { state.status = status.value; state.page = 1; load(); });
  await load();
}

async function detail(ctx, id) {
  const url = `${ctx.base}/orders/${encodeURIComponent(id)}`;
  const o = await ctx.api.get(url);
  const reload = () => ctx.go(ctx.link('orders', String(o.id)));
  const outcome = h('div', { 'aria-live': 'polite' });
  const actionForm = (title, fields, submitLabel, send, done) => {
    const general = h('p', { class: 'error', role: 'alert', tabindex: '-1' });
    const save = h('button', { type: 'submit', class: 'primary' }, submitLabel);
    const form = h('form', { novalidate: true, class: 'confirm', 'aria-label': title }, h('div', { class: 'grid' }, fields), h('div', { class: 'actions' }, save), general);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      busy(save, 'Saving…', async () => {
        clearErrors(form);
        try {
          await send(form);
          ctx.notify(done);
          reload();
        } catch (err) {
          showErrors(form, err, general);
        }
      });
    });
    outcome.replaceChildren(form);
    form.querySelector('input')?.focus();
  };
  const value = (form, name) => form.elements.namedItem(name).value.trim();
  const buttons = [];
  if (o.status === 'pending') {
    buttons.push(h('button', { type: 'button', class: 'primary', onclick: () => actionForm('Record payment', [
      field('Payment reference', h('input', { id: 'order-pay-ref', autocomplete: 'off' }), { name: 'reference' }),
      field('Amount', h('input', { id: 'order-pay-amount', inputmode: 'decimal', value: o.total }), { name: 'amount' })],
    'Record payment', (f) => ctx.api.post(`${url}/payments`, { reference: value(f, 'reference'), amount: value(f, 'amount') || null }),
    'Payment recorded.') }, 'Record payment…'));
    buttons.push(h('button', { type: 'button', class: 'danger', onclick: (e) => busy(e.target, 'Cancelling…', async () => {
      try { await ctx.api.post(`${url}/cancel`); ctx.notify('Order cancelled.'); reload(); } catch (err) { ctx.notify(err.message, true); }
    }) }, 'Cancel order'));
  }
  if (['paid', 'partially_refunded'].includes(o.status)) {
    buttons.push(h('button', { type: 'button', class: 'danger', onclick: () => actionForm('Refund', [
      field('Amount', h('input', { id: 'order-refund-amount', inputmode: 'decimal' }), { name: 'amount', hint: 'Empty = the whole rest' }),
      field('Reason', h('input', { id: 'order-refund-reason', autocomplete: 'off' }), { name: 'reason' })],
    'Refund', (f) => ctx.api.post(`${url}/refunds`, { amount: value(f, 'amount') || undefined, reason: value(f, 'reason') || undefined }),
    'Refund recorded.') }, 'Refund…'));
  }
  ctx.view.append(
    h('p', {}, h('a', { href: ctx.link('orders') }, '← All orders')),
    h('h2', {}, `Order #${o.id} `, statusBadge(o.status)),
    h('section', { class: 'card' }, h('dl', { class: 'facts' },
      ...[['Attendee', o.attendee?.name], ['E-mail', o.attendee?.email], ['Access code', o.attendee?.access_code],
        ['Reference', o.reference], ['Voucher', o.voucher_code], ['Total', `${money(o.total)} ${o.currency ?? ''}`],
        ['Refunded', money(o.refunded_amount)], ['Placed', dateTime(o.created_at)]]
        .filter(([, v]) => v).flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]))),
    h('section', { class: 'card' }, h('h3', {}, 'Items'), table(['Item', { label: 'Qty', class: 'num' }, { label: 'Unit', class: 'num' },
      { label: 'Discount', class: 'num' }, { label: 'Total', class: 'num' }], o.line_items.map((l) => h('tr', {}, h('td', {}, l.description),
      h('td', { class: 'num' }, l.quantity), h('td', { class: 'num' }, money(l.unit_price)), h('td', { class: 'num' }, money(l.discount)),
      h('td', { class: 'num' }, money(l.line_total)))))),
    h('section', { class: 'card' }, h('h3', {}, 'Payments and refunds'), table(['When', 'What', { label: 'Amount', class: 'num' }, 'By'], [
      ...o.payments.map((p) => h('tr', {}, h('td', {}, dateTime(p.recorded_at)), h('td', {}, `Payment ${p.reference}`), h('td', { class: 'num' }, money(p.amount)), h('td', {}, p.recorded_by ?? ''))),
      ...o.refunds.map((r) => h('tr', {}, h('td', {}, dateTime(r.refunded_at)), h('td', {}, `Refund${r.reason ? `: ${r.reason}` : ''}`), h('td', { class: 'num' }, `−${money(r.amount)}`), h('td', {}, r.refunded_by ?? '')))],
    { empty: 'No payment yet.' })),
    h('section', { class: 'card' }, h('h3', {}, 'Actions'), buttons.length ? h('div', { class: 'actions' }, buttons)
      : h('p', { class: 'muted' }, `Nothing to do for a ${o.status.replace('_', ' ')} order.`), outcome));
}
