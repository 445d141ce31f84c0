// Signed badges (contracts/badges.md, format 1), verified on the device with the conference's public keys
// from the preload, so a scanner can admit a badge it never downloaded. Ed25519 through WebCrypto (Chromium
// 137+, Firefox 129+, Safari 17+); where a browser lacks it, a signed badge cannot be judged offline and is refused.

/** Plain access codes are 8 characters; a signed badge is never shorter than this. */
export const MIN_SIGNED_LENGTH = 80;
const SIGNATURE_BYTES = 64;
const CLOCK_SKEW_MS = 5 * 60_000;

export const looksSigned = (text) => typeof text === 'string' && text.length >= MIN_SIGNED_LENGTH;

function base64UrlBytes(text) {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

function base64Bytes(text) {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

/** The badge in `text`, or null when it is not a well-formed format-1 badge. Checks the shape only. */
export function parseBadge(text) {
  if (!looksSigned(text)) return null;
  let bytes;
  try {
    bytes = base64UrlBytes(text.trim());
  } catch {
    return null;
  }
  if (bytes.length <= SIGNATURE_BYTES + 1) return null;
  const payload = bytes.slice(0, bytes.length - SIGNATURE_BYTES);
  const view = new DataView(payload.buffer);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let at = 0;
  try {
    if (view.getUint8(at++) !== 1) return null;
    const keyId = view.getUint32(at); at += 4;
    const textField = () => {
      const length = view.getUint8(at++);
      if (at + length > payload.length) throw new RangeError('short');
      const value = decoder.decode(payload.subarray(at, at + length));
      at += length;
      return value;
    };
    const conference = textField();
    const accessCode = textField();
    const ticketType = textField();
    const validFrom = view.getUint32(at) * 1000; at += 4;
    const validUntil = view.getUint32(at) * 1000; at += 4;
    if (at !== payload.length || !accessCode) return null;
    return { keyId, conference, accessCode, ticketType, validFrom, validUntil, payload,
      signature: bytes.slice(bytes.length - SIGNATURE_BYTES) };
  } catch {
    return null;
  }
}

/** The access code a scanned text names (a signed badge's, unverified; else the text): for local look-ups. */
export const accessCodeOf = (text) => (looksSigned(text) ? parseBadge(text)?.accessCode ?? text : text);

const imported = new Map();

async function publicKey(encoded) {
  if (!imported.has(encoded)) {
    imported.set(encoded, crypto.subtle.importKey('spki', base64Bytes(encoded), { name: 'Ed25519' }, false,
      ['verify']));
  }
  return imported.get(encoded);
}

/**
 * Judges a signed badge offline. `keys`: the preload's signing_keys; `revoked`: a Set of access codes.
 * Returns { ok: true, badge } or { ok: false, reason, badge } with the server's reason codes.
 */
export async function verifyBadge(text, { slug, keys, revoked, now = Date.now() }) {
  const badge = parseBadge(text);
  if (!badge) return { ok: false, reason: 'invalid' };
  if (badge.conference !== slug) return { ok: false, reason: 'wrong_conference', badge };
  const key = (keys ?? []).find((k) => k.key_id === badge.keyId && Date.parse(k.expires_at) > now);
  if (!key) return { ok: false, reason: 'unknown_key', badge };
  let valid;
  try {
    valid = await crypto.subtle.verify({ name: 'Ed25519' }, await publicKey(key.public_key), badge.signature,
      badge.payload);
  } catch {
    imported.delete(key.public_key);
    return { ok: false, reason: 'unsupported', badge };
  }
  if (!valid) return { ok: false, reason: 'bad_signature', badge };
  if (now < badge.validFrom - CLOCK_SKEW_MS || now > badge.validUntil) return { ok: false, reason: 'badge_expired', badge };
  if (revoked?.has(badge.accessCode)) return { ok: false, reason: 'revoked', badge };
  return { ok: true, badge };
}
