// Small DOM helpers: elements are built with text nodes only (never innerHTML with data).

/** h('button', {type: 'button', onclick}, 'Approve') */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key in el && typeof value !== 'string') el[key] = value;
    else el.setAttribute(key, value === true ? '' : value);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export const $ = (id) => document.getElementById(id);

export function dateTime(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return d.toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export function time(iso) {
  return iso ? new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' }) : '';
}

export function money(value) {
  if (value === null || value === undefined || value === '') return '';
  const n = Number(value);
  return Number.isFinite(n) ? n.toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : value;
}

export function statusBadge(status) {
  return h('span', { class: `status status-${status}`, dataset: { status } }, status.replace('_', ' '));
}

/** A labelled form field; `name` is the API's field name, where its validation message is shown. */
export function field(label, input, { name, hint } = {}) {
  const id = input.id || `f-${(name ?? label).replace(/[^a-z0-9]+/gi, '-')}`;
  input.id = id;
  if (name) input.name = name;
  const error = h('p', { class: 'field-error', id: `${id}-error`, dataset: { errorFor: name ?? id } });
  const described = [error.id];
  let hintEl;
  if (hint) {
    hintEl = h('p', { class: 'hint', id: `${id}-hint` }, hint);
    described.push(hintEl.id);
  }
  input.setAttribute('aria-describedby', described.join(' '));
  if (input.type === 'checkbox') {
    return h('div', { class: 'field check' }, input, h('label', { for: id }, label), hintEl, error);
  }
  return h('div', { class: 'field' }, h('label', { for: id }, label), input, hintEl, error);
}

/** Puts an API error's messages at their fields (400 `fields`, 400/422 `field`); the rest into `general`. */
export function showErrors(form, error, general) {
  clearErrors(form);
  const body = error?.body ?? {};
  const byField = { ...(body.fields ?? {}) };
  if (body.field) byField[body.field] = body.error === 'Invalid value' ? 'Invalid value' : body.error;
  let first;
  const unplaced = [];
  for (const [name, message] of Object.entries(byField)) {
    const slot = form.querySelector(`[data-error-for="${CSS.escape(name)}"]`);
    const input = form.querySelector(`[name="${CSS.escape(name)}"]`);
    if (slot) {
      slot.textContent = message;
      input?.setAttribute('aria-invalid', 'true');
      first ??= input;
    } else {
      unplaced.push(`${name}: ${message}`);
    }
  }
  const summary = Object.keys(byField).length ? `${body.error ?? 'Please check the form'}` : error.message;
  general.textContent = [summary, ...unplaced].join(' — ');
  (first ?? general).focus?.();
}

export function clearErrors(form) {
  for (const slot of form.querySelectorAll('.field-error')) slot.textContent = '';
  for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
}

/** Runs `work` with the button disabled (and its label changed) so it can never be submitted twice. */
export async function busy(button, label, work) {
  if (button.dataset.busy) return undefined;
  const original = button.textContent;
  button.dataset.busy = '1';
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  if (label) button.textContent = label;
  try {
    return await work();
  } finally {
    delete button.dataset.busy;
    button.disabled = false;
    button.removeAttribute('aria-busy');
    button.textContent = original;
  }
}

export function table(headers, rows, { empty = 'Nothing here yet.', caption } = {}) {
  if (!rows.length) return h('p', { class: 'empty' }, empty);
  return h('div', { class: 'table-wrap' }, h('table', {},
    caption ? h('caption', { class: 'sr-only' }, caption) : null,
    h('thead', {}, h('tr', {}, headers.map((x) => (typeof x === 'string'
      ? h('th', { scope: 'col' }, x) : h('th', { scope: 'col', class: x.class }, x.label))))),
    h('tbody', {}, rows)));
}

export function pager(page, pages, total, go, noun = 'items') {
  return h('div', { class: 'pager', role: 'navigation', 'aria-label': 'Pages' },
    h('button', { type: 'button', disabled: page <= 1, onclick: () => go(page - 1) }, '← Previous'),
    h('span', { dataset: { pager: '' } }, `Page ${page} of ${Math.max(pages, 1)} · ${total} ${noun}`),
    h('button', { type: 'button', disabled: page >= pages, onclick: () => go(page + 1) }, 'Next →'));
}
