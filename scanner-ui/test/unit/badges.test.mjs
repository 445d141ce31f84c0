// Offline verification of signed badges (src/badges.js) against the contract's example badge, signed by the
// JDK: the device and the server read format 1 alike. Run: npm test
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { accessCodeOf, parseBadge, verifyBadge } from '../../src/badges.js';

const contracts = new URL('../../../contracts/examples/', import.meta.url);
const example = JSON.parse(readFileSync(new URL('badge.json', contracts)));
const keys = JSON.parse(readFileSync(new URL('conference.changed.json', contracts))).data.signing_keys;
const inside = Date.parse('2027-01-01T00:00:00Z');
const context = (overrides = {}) => ({ slug: 'contract-conf', keys, revoked: new Set(), now: inside, ...overrides });

function flipped(code, index) {
  const bytes = Buffer.from(code, 'base64url');
  bytes[index] ^= 1;
  return bytes.toString('base64url');
}

test('exampleBadgeParsesToItsFields', () => {
  const badge = parseBadge(example.code);
  assert.equal(badge.keyId, 7);
  assert.equal(badge.conference, 'contract-conf');
  assert.equal(badge.accessCode, 'K7Q2M9XA');
  assert.equal(badge.ticketType, 'regular');
  assert.equal(badge.validFrom, Date.parse(example.valid_from));
  assert.equal(badge.validUntil, Date.parse(example.valid_until));
  assert.equal(accessCodeOf(example.code), 'K7Q2M9XA');
  assert.equal(accessCodeOf('K7Q2M9XA'), 'K7Q2M9XA');
});

test('exampleBadgeVerifiesWithTheExampleKey', async () => {
  const result = await verifyBadge(example.code, context());
  assert.equal(result.ok, true);
  assert.equal(result.badge.accessCode, 'K7Q2M9XA');
});

test('tamperedPayloadOrSignatureIsRefused', async () => {
  const bytes = Buffer.from(example.code, 'base64url');
  assert.equal((await verifyBadge(flipped(example.code, bytes.length - 1), context())).reason, 'bad_signature');
  const codeAt = bytes.indexOf(Buffer.from('K7Q2M9XA'));
  assert.equal((await verifyBadge(flipped(example.code, codeAt), context())).reason, 'bad_signature');
});

test('anotherConferenceUnknownOrExpiredKeyIsRefused', async () => {
  assert.equal((await verifyBadge(example.code, context({ slug: 'other-conf' }))).reason, 'wrong_conference');
  assert.equal((await verifyBadge(example.code, context({ keys: [] }))).reason, 'unknown_key');
  const expiredKey = keys.map((k) => ({ ...k, expires_at: '2026-12-01T00:00:00Z' }));
  assert.equal((await verifyBadge(example.code, context({ keys: expiredKey }))).reason, 'unknown_key');
});

test('badgeOutsideItsValidityIsRefused', async () => {
  const before = Date.parse('2025-12-01T00:00:00Z');
  assert.equal((await verifyBadge(example.code, context({ now: before }))).reason, 'badge_expired');
});

test('revokedCodeIsRefused', async () => {
  const result = await verifyBadge(example.code, context({ revoked: new Set(['K7Q2M9XA']) }));
  assert.equal(result.reason, 'revoked');
});

test('malformedTextIsNotABadge', async () => {
  assert.equal(parseBadge('K7Q2M9XA'), null);
  assert.equal(parseBadge('!'.repeat(100)), null);
  assert.equal(parseBadge('A'.repeat(120)), null);
  assert.equal((await verifyBadge('A'.repeat(120), context())).reason, 'invalid');
});
