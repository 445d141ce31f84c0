// The live check-in dashboard: the statistics' server-sent event stream (…/checkin/stats/stream), read with
// fetch because EventSource cannot send the bearer token. The server pushes a new body when the numbers change
// (a snapshot shared by every viewer, at most ~2 s old) and heartbeats between; a broken stream is reopened.
// Everything is drawn from that one body, including the arrivals chart (the server's 15-minute series).

import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { h, table, time } from './dom.js';
import { arrivalsByQuarter, arrivalsPerMinute, readEvents } from './stats.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

export const RECONNECT_MS = 3000;
const COLOURS = ['#0b5cad', '#e07b00', '#1a7f37', '#8e44ad', '#c62828', '#00838f', '#6d4c41', '#546e7a'];

/** Calls onStats with each statistics body the stream at `url` pushes until the returned stop() is called. */
export function liveStats(api, url, onStats, onError) {
  const controller = new AbortController();
  let timer;
  const open = async () => {
    try {
      const { response } = await api.request('GET', url, undefined,
        { accept: 'text/event-stream', timeoutMs: 15_000 });
      await readEvents(response.body, (name, data) => { if (name === 'stats') onStats(JSON.parse(data)); },
        controller.signal);
      if (!controller.signal.aborted) onError(new Error('the live stream ended'));
    } catch (e) {
      if (!controller.signal.aborted) onError(e);
    }
    if (!controller.signal.aborted) timer = setTimeout(open, RECONNECT_MS);
  };
  open();
  return () => {
    controller.abort();
    clearTimeout(timer);
  };
}

export async function render(ctx) {
  const filter = h('select', { id: 'stats-ticket-type', 'aria-label': 'Ticket type' }, h('option', { value: '' }, 'All ticket types'));
  const updated = h('span', { id: 'stats-updated', class: 'muted' }, 'Loading…');
  const cards = h('div', { class: 'stats', id: 'stats-cards' });
  const canvas = h('canvas', { id: 'arrivals-chart', role: 'img',
    'aria-label': 'Arrivals per 15 minutes by station (bar chart; the station table below has the totals)' });
  const chartNote = h('p', { class: 'muted' }, 'Entries that count (annulled ones do not), as the server keeps them.');
  const redemptions = h('div', { id: 'stats-redemptions' });
  const doorChecks = h('div', { id: 'stats-door-checks' });
  const stations = h('div', { id: 'stats-stations' });
  const recent = h('div', { id: 'stats-recent' });
  const error = h('p', { class: 'error', role: 'alert', id: 'stats-error' });
  ctx.view.append(
    h('h2', {}, 'Check-in dashboard'),
    h('p', {}, h('label', { for: 'stats-ticket-type' }, 'Show '), filter, ' · ', updated, ' · live'), error,
    cards,
    h('section', { class: 'card', 'aria-labelledby': 'chart-h' }, h('h3', { id: 'chart-h' }, 'Arrivals per 15 minutes by station'),
      h('div', { class: 'chart-box' }, canvas), chartNote),
    h('div', { class: 'two-col' },
      h('section', { class: 'card', 'aria-labelledby': 'redemptions-h' }, h('h3', { id: 'redemptions-h' }, 'Products handed out'), redemptions),
      h('section', { class: 'card', 'aria-labelledby': 'doors-h' }, h('h3', { id: 'doors-h' }, 'Door checks'), doorChecks)),
    h('section', { class: 'card', 'aria-labelledby': 'stations-h' }, h('h3', { id: 'stations-h' }, 'Entries by station'), stations),
    h('section', { class: 'card', 'aria-labelledby': 'recent-h' }, h('h3', { id: 'recent-h' }, 'Recent scans'), recent));

  const chart = new Chart(canvas, {
    type: 'bar',
    data: { labels: [], datasets: [] },
    options: {
      animation: false, responsive: true, maintainAspectRatio: false,
      scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
      plugins: { legend: { position: 'bottom' } },
    },
  });

  const stat = (key, label, value, sub) => h('div', { class: 'stat', dataset: { stat: key } },
    h('span', { class: 'label' }, label), h('span', { class: 'value', dataset: { value: String(value) } }, value),
    sub ? h('span', { class: 'sub' }, sub) : null);

  const show = (s) => {
    error.textContent = '';
    updated.textContent = `Updated ${time(s.generated_at)}`;
    const perMinute = arrivalsPerMinute(s.recent);
    cards.replaceChildren(
      stat('total', 'Attendees (paid)', s.total),
      stat('checked_in', 'Checked in', s.checked_in, `${(Number(s.rate) * 100).toFixed(1)} %`),
      stat('inside', 'Inside now', s.inside),
      stat('today', 'Arrived today', s.today),
      stat('arrivals_per_minute', 'Arrivals / minute', `${perMinute.atLeast ? '≥ ' : ''}${perMinute.value}`, 'last 60 s'));

    const quarters = arrivalsByQuarter(s.arrivals ?? []);
    chart.data.labels = quarters.starts.map((t) => new Date(t).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' }));
    chart.data.datasets = quarters.stations.map((x, i) => ({ label: x.station, data: x.counts, backgroundColor: COLOURS[i % COLOURS.length] }));
    chart.update();

    redemptions.replaceChildren(table(['Add-on', { label: 'Handed out', class: 'num' }, { label: 'Purchased', class: 'num' }, ''],
      s.redemptions.map((r) => h('tr', { dataset: { addon: r.addon_slug } }, h('td', {}, r.description ?? r.addon_slug),
        h('td', { class: 'num', dataset: { redeemed: '' } }, r.redeemed), h('td', { class: 'num', dataset: { purchased: '' } }, r.purchased),
        h('td', {}, h('span', { class: 'bar-meter', 'aria-hidden': 'true' },
          h('span', { style: `width:${r.purchased ? Math.round((100 * r.redeemed) / r.purchased) : 0}%` }))))),
      { empty: 'No add-ons sold yet.', caption: 'Products handed out' }));
    doorChecks.replaceChildren(table(['Product', { label: 'Admitted', class: 'num' }, { label: 'Refused', class: 'num' }],
      s.door_checks.map((d) => h('tr', { dataset: { product: d.product } }, h('td', {}, d.product),
        h('td', { class: 'num' }, d.admitted), h('td', { class: 'num' }, d.refused))),
      { empty: 'No door checks yet.', caption: 'Door checks' }));
    stations.replaceChildren(table(['Station', { label: 'Entries', class: 'num' }, 'Last entry'],
      s.by_station.map((b) => h('tr', { dataset: { station: b.station } }, h('td', {}, b.station || '(no station)'),
        h('td', { class: 'num' }, b.count), h('td', {}, time(b.last_at)))),
      { empty: 'No entries yet.', caption: 'Entries by station' }));
    recent.replaceChildren(table(['Time', 'Name', 'Code', 'Station', 'Move'],
      s.recent.map((m) => h('tr', { dataset: { checkin: m.checkin_id } }, h('td', {}, time(m.at)), h('td', {}, m.name),
        h('td', {}, h('code', {}, m.access_code)), h('td', {}, m.station ?? ''), h('td', {}, m.type === 'exit' ? 'exit' : 'entry'))),
      { empty: 'No scans yet.', caption: 'Recent scans' }));
  };

  let stop = () => {};
  const watch = () => {
    stop();
    const type = filter.value ? `?ticket_type=${encodeURIComponent(filter.value)}` : '';
    updated.textContent = 'Loading…';
    stop = liveStats(ctx.api, `${ctx.base}/checkin/stats/stream${type}`, show,
      (e) => { error.textContent = `Live updates interrupted: ${e.message} (reconnecting)`; });
  };
  filter.addEventListener('change', watch);
  watch();
  // the filter's choices: the conference's ticket types, when this user may read the catalog
  ctx.api.get(`${ctx.base}/ticket-types`).then((types) => {
    for (const t of (Array.isArray(types) ? types : types.items ?? [])) filter.append(h('option', { value: t.slug }, t.name ?? t.slug));
  }).catch(() => {});
  return () => {
    stop();
    chart.destroy();
  };
}
