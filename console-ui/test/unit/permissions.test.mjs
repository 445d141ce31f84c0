import { test } from 'node:test';
import assert from 'node:assert/strict';
import { can, rolesOf, sections } from '../../src/permissions.js';

const token = (claims) => `x.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;

test('roles come from realm_access and groups claims', () => {
  assert.deepEqual(rolesOf(token({ realm_access: { roles: ['superuser'] }, groups: ['/conference:a:view_checkin'] })),
    ['superuser', 'conference:a:view_checkin']);
  assert.deepEqual(rolesOf('not a token'), []);
  assert.deepEqual(rolesOf(undefined), []);
});

test('a sponsor viewer may look at bulk purchases of its conference only', () => {
  const roles = ['conference:democon:view_bulk_purchases'];
  assert.equal(can(roles, 'democon', 'view_bulk_purchases'), true);
  assert.equal(can(roles, 'democon', 'change_bulk_purchases'), false);
  assert.equal(can(roles, 'othercon', 'view_bulk_purchases'), false);
  assert.deepEqual(sections(roles, 'democon'), ['bulk']);
});

test('change_bulk_purchases implies viewing them; change_conference and superuser imply everything', () => {
  assert.equal(can(['conference:c:change_bulk_purchases'], 'c', 'view_bulk_purchases'), true);
  assert.equal(can(['conference:c:change_bulk_purchases'], 'c', 'view_checkin'), false);
  assert.deepEqual(sections(['conference:c:change_conference'], 'c'), ['bulk', 'dashboard', 'catalog', 'orders']);
  assert.deepEqual(sections(['superuser'], 'any'), ['bulk', 'dashboard', 'catalog', 'orders']);
  assert.deepEqual(sections(['conference:c:view_checkin'], 'c'), ['dashboard']);
});
