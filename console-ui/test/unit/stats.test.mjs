import { test } from 'node:test';
import assert from 'node:assert/strict';
import { arrivalsByQuarter, arrivalsPerMinute, parseEvent } from '../../src/stats.js';

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

test("the server's arrivals series is drawn per quarter hour and station", () => {
  const arrivals = [
    { slot: '2027-06-01T09:00:00Z', station: 'Door A', count: 3 },
    { slot: '2027-06-01T09:00:00Z', station: 'Door B', count: 1 },
    { slot: '2027-06-01T08:45:00Z', station: 'Door A', count: 2 },
    { slot: '2027-06-01T05:00:00Z', station: 'Door A', count: 9 }, // before the chart's first quarter
    { slot: '2027-06-01T08:30:00Z', station: '', count: 1 },
  ];
  const chart = arrivalsByQuarter(arrivals, now, 4);
  assert.equal(chart.starts.at(-1), Date.parse('2027-06-01T09:00:00Z'));
  assert.deepEqual(chart.stations, [
    { station: '(no station)', counts: [0, 1, 0, 0] },
    { station: 'Door A', counts: [0, 0, 2, 3] },
    { station: 'Door B', counts: [0, 0, 0, 1] },
  ]);
});

test('server-sent events: named events with their data, heartbeats skipped', () => {
  const seen = [];
  parseEvent('event: stats\ndata: {"total":3}', (name, data) => seen.push([name, data]));
  parseEvent(':keep-alive', (name, data) => seen.push([name, data]));
  parseEvent('event:stats\ndata:{"a":1,\ndata:"b":2}', (name, data) => seen.push([name, data]));
  assert.deepEqual(seen, [['stats', '{"total":3}'], ['stats', '{"a":1,\n"b":2}']]);
});
