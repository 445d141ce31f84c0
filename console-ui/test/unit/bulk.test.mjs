import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allowedActions } from '../../src/bulk.js';

const deal = (status, total = '100.00', fulfilled = false) => ({ status, total, fulfilled_at: fulfilled ? '2027-01-01T00:00:00Z' : null });

test('each state offers only the moves the lifecycle allows', () => {
  assert.deepEqual(allowedActions(deal('pending')), ['approve', 'configure', 'cancel']);
  assert.deepEqual(allowedActions(deal('approved')), ['payment-processing', 'payments', 'configure', 'cancel']);
  assert.deepEqual(allowedActions(deal('processing')), ['payment-failed', 'payments']);
  assert.deepEqual(allowedActions(deal('paid')), ['fulfill', 'refund']);
  assert.deepEqual(allowedActions(deal('paid', '100.00', true)), ['refund']);
  for (const closed of ['failed', 'cancelled', 'refunded']) assert.deepEqual(allowedActions(deal(closed)), []);
});

test('a comp deal (total 0) is fulfilled straight from approved and needs no payment', () => {
  assert.deepEqual(allowedActions(deal('approved', '0.00')), ['payment-processing', 'fulfill', 'configure', 'cancel']);
});
