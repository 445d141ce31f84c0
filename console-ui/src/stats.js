// What the dashboard derives from GET …/checkin/stats (pure functions, tested with node --test).

export const BUCKET_MINUTES = 15;

/**
 * Arrivals (entries) in the minute before `now`, from the `recent` moves (the 50 latest). When all 50 fall
 * inside that minute there may have been more: `atLeast` says so.
 */
export function arrivalsPerMinute(recent, now = Date.now()) {
  const since = now - 60_000;
  const inWindow = recent.filter((m) => Date.parse(m.at) > since);
  const entries = inWindow.filter((m) => m.type === 'entry').length;
  return { value: entries, atLeast: recent.length >= 50 && inWindow.length === recent.length };
}

/** Adds the entries of `recent` to `seen` (checkin_id → {station, at}); repeats of an id change nothing. */
export function remember(seen, recent) {
  for (const m of recent) {
    if (m.type === 'entry' && !seen.has(m.checkin_id)) seen.set(m.checkin_id, { station: m.station || '(no station)', at: Date.parse(m.at) });
  }
  return seen;
}

/**
 * Arrivals per 15 minutes by station: {labels: bucket start times, stations: [{station, counts[]}]}, for the
 * `buckets` quarters up to the one holding `now`.
 */
export function arrivalsByQuarter(seen, now = Date.now(), buckets = 16) {
  const size = BUCKET_MINUTES * 60_000;
  const last = Math.floor(now / size) * size;
  const first = last - (buckets - 1) * size;
  const starts = Array.from({ length: buckets }, (_, i) => first + i * size);
  const byStation = new Map();
  for (const { station, at } of seen.values()) {
    if (at < first || at >= last + size) continue;
    if (!byStation.has(station)) byStation.set(station, new Array(buckets).fill(0));
    byStation.get(station)[Math.floor((at - first) / size)] += 1;
  }
  return {
    starts,
    stations: [...byStation.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([station, counts]) => ({ station, counts })),
  };
}
