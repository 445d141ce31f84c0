// The rules the desk applies on its own while offline (src/local.js). Run: npm test
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decideScan, decideRedeem, redeemables } from '../../src/local.js';

const attendee = (overrides = {}) => ({
  access_code: 'K7Q2M9XA', name: 'Ada', ticket_type: 'regular', order_status: 'paid', checked_in: false,
  products: [
    { id: 1, description: 'Regular ticket', quantity: 1, ticket_type_slug: 'regular', addon_slug: null },
    { id: 2, description: 'Lunch', quantity: 2, addon_slug: 'lunch', redeemed_count: 1, remaining: 1 },
  ],
  ...overrides,
});

test('unknownCodeIsRefusedAndNotQueued', () => {
  assert.deepEqual(decideScan(undefined, 'entry'), { status: 'not_found', queue: false });
});

test('paidAndPartiallyRefundedAreAdmittedAndQueued', () => {
  for (const order_status of ['paid', 'partially_refunded']) {
    const decision = decideScan(attendee({ order_status }), 'entry');
    assert.equal(decision.status, 'checked_in');
    assert.equal(decision.queue, true);
  }
});

test('anOrderThatNoLongerAdmitsIsRefusedWithItsStatus', () => {
  for (const order_status of ['refunded', 'cancelled', 'pending']) {
    const decision = decideScan(attendee({ order_status }), 'entry');
    assert.equal(decision.status, 'not_paid');
    assert.equal(decision.orderStatus, order_status);
    assert.equal(decision.queue, false);
  }
});

test('aSecondEntryIsAReEntry', () => {
  assert.equal(decideScan(attendee({ checked_in: true }), 'entry').status, 'reentry');
});

test('exitIsQueuedAsCheckedOut', () => {
  const decision = decideScan(attendee({ checked_in: true }), 'exit');
  assert.equal(decision.status, 'checked_out');
  assert.equal(decision.queue, true);
});

test('redeemingTakesOneUnitUntilNoneRemain', () => {
  const first = decideRedeem(attendee(), 2);
  assert.equal(first.status, 'redeemed');
  assert.equal(first.product.remaining, 0);
  assert.equal(first.product.redeemed_count, 2);
  const none = attendee({ products: [{ id: 2, description: 'Lunch', addon_slug: 'lunch', quantity: 2, remaining: 0 }] });
  assert.equal(decideRedeem(none, 2).status, 'fully_redeemed');
  assert.equal(decideRedeem(none, 2).queue, false);
  assert.equal(decideRedeem(attendee({ order_status: 'refunded' }), 2).status, 'not_paid');
  assert.equal(decideRedeem(attendee(), 99).status, 'not_found');
});

test('onlyAddOnsAreOfferedToHandOut', () => {
  assert.deepEqual(redeemables(attendee()), [{ line_item_id: 2, description: 'Lunch', addon_slug: 'lunch',
    quantity: 2, redeemed_count: 1, remaining: 1 }]);
});
