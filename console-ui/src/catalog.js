// Catalog basics: the conference's details, ticket types and add-ons (price, capacity, bulk_enabled, active) and
// sponsors; add new ones, edit them, and switch a product's flags. Every change is the API's PUT of the whole
// resource, so a refusal (shown at its field) changes nothing.

import { busy, clearErrors, field, h, money, showErrors, table } from './dom.js';

export async function render(ctx) {
  const [conference, ticketTypes, addons, sponsors] = await Promise.all([
    ctx.api.get(ctx.base), ctx.api.get(`${ctx.base}/ticket-types`), ctx.api.get(`${ctx.base}/addons`),
    ctx.api.get(`${ctx.base}/sponsors`)]);
  ctx.view.append(
    h('h2', {}, 'Catalog'),
    h('section', { class: 'card', id: 'catalog-conference' }, h('h3', {}, conference.name),
      h('p', {}, `${conference.slug} · ${conference.start_date ?? ''} – ${conference.end_date ?? ''} · ${conference.time_zone ?? ''}`),
      editor(ctx, 'conference-edit', 'Edit conference details', ctx.base, [
        ['Name', 'name', conference.name],
        ['Starts', 'start_date', conference.start_date, { type: 'date' }],
        ['Ends', 'end_date', conference.end_date, { type: 'date' }],
        ['Time zone', 'time_zone', conference.time_zone, { placeholder: 'Europe/Amsterdam' }],
      ], (v) => ({ slug: conference.slug, name: v.name, start_date: v.start_date, end_date: v.end_date,
        time_zone: v.time_zone }), 'Conference details saved.')),
    products(ctx, 'ticket-types', 'Ticket types', ticketTypes),
    products(ctx, 'addons', 'Add-ons', addons),
    sponsorSection(ctx, sponsors));
}

function products(ctx, kind, title, items) {
  const url = `${ctx.base}/${kind}`;
  const flag = (p, name, label) => {
    const box = h('input', { type: 'checkbox', checked: p[name], 'aria-label': `${label}: ${p.name}`, dataset: { flag: name } });
    box.addEventListener('change', async () => {
      box.disabled = true;
      try {
        await ctx.api.put(`${url}/${encodeURIComponent(p.slug)}`, {
          slug: p.slug, name: p.name, price: p.price, capacity: p.capacity,
          bulk_enabled: name === 'bulk_enabled' ? box.checked : p.bulk_enabled,
          active: name === 'active' ? box.checked : p.active,
        });
        p[name] = box.checked;
        ctx.notify(`${p.name}: ${label.toLowerCase()} ${box.checked ? 'on' : 'off'}.`);
      } catch (e) {
        box.checked = p[name];
        ctx.notify(e.message, true);
      } finally {
        box.disabled = false;
      }
    });
    return box;
  };
  const section = h('section', { class: 'card', id: `catalog-${kind}` }, h('h3', {}, title),
    table(['Name', 'Slug', { label: 'Price', class: 'num' }, { label: 'Capacity', class: 'num' }, 'Bulk purchases', 'On sale', 'Edit'],
      items.map((p) => h('tr', { dataset: { slug: p.slug } }, h('td', {}, p.name), h('td', {}, h('code', {}, p.slug)),
        h('td', { class: 'num' }, money(p.price)), h('td', { class: 'num' }, p.capacity ?? '∞'),
        h('td', {}, flag(p, 'bulk_enabled', 'Bulk purchases')), h('td', {}, flag(p, 'active', 'On sale')),
        h('td', {}, editor(ctx, `${kind}-edit-${p.slug}`, `Edit ${p.name}`, `${url}/${encodeURIComponent(p.slug)}`, [
          ['Name', 'name', p.name],
          ['Price', 'price', p.price, { inputmode: 'decimal' }],
          ['Capacity', 'capacity', p.capacity ?? '', { type: 'number', min: '0' }, 'Empty = unlimited'],
        ], (v) => ({ slug: p.slug, name: v.name, price: v.price || null,
          capacity: v.capacity === '' ? null : Number(v.capacity), bulk_enabled: p.bulk_enabled, active: p.active }),
        `${p.name} saved.`)))),
      { empty: `No ${title.toLowerCase()} yet.`, caption: title }));
  const prefix = `${kind}-new`;
  const general = h('p', { class: 'error', role: 'alert', tabindex: '-1' });
  const save = h('button', { type: 'submit' }, `Add ${kind === 'addons' ? 'add-on' : 'ticket type'}`);
  const input = (id, attrs = {}) => h('input', { id: `${prefix}-${id}`, autocomplete: 'off', ...attrs });
  const form = h('form', { novalidate: true, id: `${prefix}-form` },
    h('div', { class: 'grid' },
      field('Name', input('name'), { name: 'name' }),
      field('Slug', input('slug', { placeholder: 'e.g. regular' }), { name: 'slug' }),
      field('Price', input('price', { inputmode: 'decimal' }), { name: 'price' }),
      field('Capacity', input('capacity', { type: 'number', min: '0' }), { name: 'capacity', hint: 'Empty = unlimited' }),
      field('Bulk purchases allowed', input('bulk', { type: 'checkbox' }), { name: 'bulk_enabled' })),
    h('div', { class: 'actions' }, save), general);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    busy(save, 'Adding…', async () => {
      clearErrors(form);
      const value = (name) => form.elements.namedItem(name).value.trim();
      try {
        await ctx.api.post(url, { name: value('name'), slug: value('slug'), price: value('price') || null,
          capacity: value('capacity') === '' ? null : Number(value('capacity')),
          bulk_enabled: form.elements.namedItem('bulk_enabled').checked, active: true });
        ctx.notify(`${value('name')} added.`);
        ctx.go(ctx.link('catalog'));
      } catch (err) {
        showErrors(form, err, general);
      }
    });
  });
  section.append(h('details', {}, h('summary', {}, kind === 'addons' ? 'Add an add-on' : 'Add a ticket type'), form));
  return section;
}

function sponsorSection(ctx, sponsors) {
  const general = h('p', { class: 'error', role: 'alert', tabindex: '-1' });
  const save = h('button', { type: 'submit' }, 'Add sponsor');
  const form = h('form', { novalidate: true, id: 'sponsor-form' },
    h('div', { class: 'grid' },
      field('Name', h('input', { id: 'sponsor-name', autocomplete: 'off' }), { name: 'name' }),
      field('Slug', h('input', { id: 'sponsor-slug', autocomplete: 'off' }), { name: 'slug' }),
      field('Level', h('input', { id: 'sponsor-level', autocomplete: 'off', placeholder: 'gold' }), { name: 'level' })),
    h('div', { class: 'actions' }, save), general);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    busy(save, 'Adding…', async () => {
      clearErrors(form);
      const value = (name) => form.elements.namedItem(name).value.trim();
      try {
        await ctx.api.post(`${ctx.base}/sponsors`, { name: value('name'), slug: value('slug'), level: value('level') });
        ctx.notify(`Sponsor ${value('name')} added.`);
        ctx.go(ctx.link('catalog'));
      } catch (err) {
        showErrors(form, err, general);
      }
    });
  });
  return h('section', { class: 'card', id: 'catalog-sponsors' }, h('h3', {}, 'Sponsors'),
    table(['Name', 'Slug', 'Level', 'Edit'], sponsors.map((s) => h('tr', { dataset: { slug: s.slug } }, h('td', {}, s.name),
      h('td', {}, h('code', {}, s.slug)), h('td', {}, s.level),
      h('td', {}, editor(ctx, `sponsor-edit-${s.slug}`, `Edit ${s.name}`,
        `${ctx.base}/sponsors/${encodeURIComponent(s.slug)}`, [['Name', 'name', s.name], ['Level', 'level', s.level]],
        (v) => ({ slug: s.slug, name: v.name, level: v.level }), `Sponsor ${s.name} saved.`)))),
    { empty: 'No sponsors yet.', caption: 'Sponsors' }),
    h('details', {}, h('summary', {}, 'Add a sponsor'), form));
}

/**
 * A collapsed form that replaces a resource with PUT: `fields` are [label, API name, current value, input
 * attributes, hint]; `body` builds the request from the trimmed values. The API's refusals show at their fields.
 */
function editor(ctx, id, summary, url, fields, body, saved) {
  const general = h('p', { class: 'error', role: 'alert', tabindex: '-1' });
  const save = h('button', { type: 'submit' }, 'Save');
  const form = h('form', { novalidate: true, id: `${id}-form` },
    h('div', { class: 'grid' }, ...fields.map(([label, name, value, attrs = {}, hint]) =>
      field(label, h('input', { id: `${id}-${name}`, autocomplete: 'off', value: value ?? '', ...attrs }),
        { name, hint }))),
    h('div', { class: 'actions' }, save), general);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    busy(save, 'Saving…', async () => {
      clearErrors(form);
      const values = Object.fromEntries(fields.map(([, name]) => [name, form.elements.namedItem(name).value.trim()]));
      try {
        await ctx.api.put(url, body(values));
        ctx.notify(saved);
        ctx.go(ctx.link('catalog'));
      } catch (err) {
        showErrors(form, err, general);
      }
    });
  });
  return h('details', { class: 'edit' }, h('summary', {}, summary), form);
}
