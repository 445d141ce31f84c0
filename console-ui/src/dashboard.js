// The live check-in dashboard: GET …/checkin/stats every few seconds (and at once when the tab is shown again).
// Everything is drawn from that one answer, so when a server-sent event stream of the same body exists
// (issue 14: …/checkin/stats/stream) only liveStats() below changes.

import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { h, table, time } from './dom.js';
import { arrivalsByQuarter, arrivalsPerMinute, remember } from './stats.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

export const POLL_MS = 5000;
const COLOURS = ['#0b5cad', '#e07b00', '#1a7f37', '#8e44ad', '#c62828', '#00838f', '#6d4c41', '#546e7a'];

/** Calls onStats with each new statistics body until the returned stop() is called. */
export function liveStats(api, url, onStats, onError) {
  let timer;
  let stopped = false;
  const poll = async () => {
    clearTimeout(timer);
    try {
      onStats(await api.get(url, { timeoutMs: POLL_MS * 2 }));
    } catch (e) {
      onError(e);
    }
    if (!stopped) timer = setTimeout(poll, POLL_MS);
  };
  const visible = () => { if (!document.hidden && !stopped) poll(); };
  document.addEventListener('visibilitychange', visible);
  poll();
  return () => {
    stopped = true;
    clearTimeout(timer);
    document.removeEventListener('visibilitychange', visible);
  };
}

export async function render(ctx) {
  const seen = new Map();
  const updated = h('span', { id: 'stats-updated', class: 'muted' }, 'Loading…');
  const cards = h('div', { class: 'stats', id: 'stats-cards' });
  const canvas = h('canvas', { id: 'arrivals-chart', role: 'img',
    'aria-label': 'Arrivals per 15 minutes by station (bar chart; the station table below has the totals)' });
  const chartNote = h('p', { class: 'muted' }, 'Entries seen since this page was opened (from the latest 50 moves of each refresh).');
  const redemptions = h('div', { id: 'stats-redemptions' });
  const doorChecks = h('div', { id: 'stats-door-checks' });
  const stations = h('div', { id: 'stats-stations' });
  const recent = h('div', { id: 'stats-recent' });
  const error = h('p', { class: 'error', role: 'alert', id: 'stats-error' });
  ctx.view.append(
    h('h2', {}, 'Check-in dashboard'),
    h('p', {}, updated, ` · refreshes every ${POLL_MS / 1000} s`), error,
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

    remember(seen, s.recent);
    const quarters = arrivalsByQuarter(seen);
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

  const stop = liveStats(ctx.api, `${ctx.base}/checkin/stats`, show,
    (e) => { error.textContent = `Could not refresh: ${e.message} (retrying)`; });
  return () => {
    stop();
    chart.destroy();
  };
}
