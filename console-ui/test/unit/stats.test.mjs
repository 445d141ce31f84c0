import { test } from 'node:test';
import assert from 'node:assert/strict';
import { arrivalsByQuarter, arrivalsPerMinute, remember } from '../../src/stats.js';

const now = Date.parse('2027-06-01T09:07:30Z');
const move = (id, type, station, secondsAgo) => ({ checkin_id: id, type, station, at: new Date(now - secondsAgo * 1000).toISOString() });

test('arrivals per minute count the entries of the last minute only', () => {
  const recent = [move(5, 'entry', 'A', 10), move(4, 'exit', 'A', 20), move(3, 'entry', 'B', 59), move(2, 'entry', 'A', 61)];
  assert.deepEqual(arrivalsPerMinute(recent, now), { value: 2, atLeast: false });
});

test('a full recent list inside the minute is a lower bound', () => {
  const recent = Array.from({ length: 50 }, (_, i) => move(i, 'entry', 'A', 1));
  assert.deepEqual(arrivalsPerMinute(recent, now), { value: 50, atLeast: true });
});

test('entries are bucketed per quarter hour and station, each check-in once', () => {
  const seen = remember(new Map(), [move(1, 'entry', 'Door A', 60), move(2, 'entry', 'Door B', 120), move(3, 'exit', 'Door A', 30)]);
  remember(seen, [move(1, 'entry', 'Door A', 60), move(4, 'entry', 'Door A', 16 * 60)]); // 1 again; 4 in the quarter before
  const chart = arrivalsByQuarter(seen, now, 4);
  assert.equal(chart.starts.at(-1), Date.parse('2027-06-01T09:00:00Z'));
  assert.deepEqual(chart.stations, [
    { station: 'Door A', counts: [0, 0, 1, 1] },
    { station: 'Door B', counts: [0, 0, 0, 1] },
  ]);
});
