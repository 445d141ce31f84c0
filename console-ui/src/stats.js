// What the dashboard derives from …/checkin/stats and its event stream (pure functions, tested with node --test).

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

/**
 * Arrivals per 15 minutes by station: {starts: bucket start times, stations: [{station, counts[]}]}, for the
 * `buckets` quarters up to the one holding `now`, from the server's series (`arrivals`: [{slot, station, count}]),
 * so the chart is the same after a reload.
 */
export function arrivalsByQuarter(arrivals, now = Date.now(), buckets = 16) {
  const size = BUCKET_MINUTES * 60_000;
  const last = Math.floor(now / size) * size;
  const first = last - (buckets - 1) * size;
  const starts = Array.from({ length: buckets }, (_, i) => first + i * size);
  const byStation = new Map();
  for (const { slot, station, count } of arrivals) {
    const at = Date.parse(slot);
    if (at < first || at >= last + size) continue;
    const name = station || '(no station)';
    if (!byStation.has(name)) byStation.set(name, new Array(buckets).fill(0));
    byStation.get(name)[Math.floor((at - first) / size)] += count;
  }
  return {
    starts,
    stations: [...byStation.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([station, counts]) => ({ station, counts })),
  };
}

/**
 * Reads a server-sent event stream from a fetch Response body, calling onEvent(name, data) for each event;
 * comment lines (heartbeats) are skipped. Resolves when the stream ends (or `signal` aborts it).
 */
export async function readEvents(body, onEvent, signal) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  signal?.addEventListener('abort', () => reader.cancel().catch(() => {}));
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value.replace(/\r\n?/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      parseEvent(block, onEvent);
    }
  }
}

/** One event block ("event: x\ndata: …"); blocks of comments only are heartbeats. */
export function parseEvent(block, onEvent) {
  let name = 'message';
  const data = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':') || line === '') continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') name = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length) onEvent(name, data.join('\n'));
}
