// The device's memory: the preload (attendees), the offline queue and a little metadata, in IndexedDB.
// Everything is keyed by conference slug so one device can serve several conferences.

const DB_NAME = 'confops-scanner';
const DB_VERSION = 1;

let dbPromise;

function open() {
  if (!dbPromise) {
    dbPromise = new Promise((resolve, reject) => {
      const request = indexedDB.open(DB_NAME, DB_VERSION);
      request.onupgradeneeded = () => {
        const db = request.result;
        db.createObjectStore('attendees', { keyPath: 'key' });
        const queue = db.createObjectStore('queue', { keyPath: 'nonce' });
        queue.createIndex('conference', 'conference');
        db.createObjectStore('meta', { keyPath: 'key' });
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }
  return dbPromise;
}

function done(tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

function result(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

const attendeeKey = (slug, code) => `${slug}|${code}`;

export async function getAttendee(slug, code) {
  const db = await open();
  const store = db.transaction('attendees').objectStore('attendees');
  return (await result(store.get(attendeeKey(slug, code))))
    ?? (await result(store.get(attendeeKey(slug, code.toUpperCase()))));
}

export async function putAttendee(slug, attendee) {
  const db = await open();
  const tx = db.transaction('attendees', 'readwrite');
  tx.objectStore('attendees').put({ ...attendee, key: attendeeKey(slug, attendee.access_code), conference: slug });
  await done(tx);
}

/**
 * Stores attendees from a preload. What this device did and has not uploaded yet is kept: a check-in done
 * offline stays a check-in, and a queued redemption still counts against what remains.
 */
export async function mergeAttendees(slug, attendees) {
  const pending = await queued(slug);
  const db = await open();
  const tx = db.transaction('attendees', 'readwrite');
  const store = tx.objectStore('attendees');
  for (const incoming of attendees) {
    const key = attendeeKey(slug, incoming.access_code);
    const mine = pending.filter((item) => item.access_code === incoming.access_code);
    const record = { ...incoming, key, conference: slug };
    if (mine.some((item) => item.type === 'scan') && !record.checked_in) {
      record.checked_in = true;
      record.checked_in_at = mine.find((item) => item.type === 'scan').client_time;
    }
    record.products = (incoming.products ?? []).map((product) => {
      const redeemed = mine.filter((item) => item.type === 'redeem' && item.line_item_id === product.id).length;
      return redeemed ? { ...product, remaining: Math.max(0, (product.remaining ?? 0) - redeemed) } : product;
    });
    store.put(record);
  }
  await done(tx);
}

/** Forgets attendees under codes that admit nobody any more (reissued badges): the device must not admit them. */
export async function forgetAttendees(slug, codes) {
  if (codes.length === 0) return;
  const db = await open();
  const tx = db.transaction('attendees', 'readwrite');
  const store = tx.objectStore('attendees');
  codes.forEach((code) => store.delete(attendeeKey(slug, code)));
  await done(tx);
}

export async function countAttendees(slug) {
  const db = await open();
  const range = IDBKeyRange.bound(`${slug}|`, `${slug}|\uffff`);
  return result(db.transaction('attendees').objectStore('attendees').count(range));
}

export async function enqueue(item) {
  const db = await open();
  const tx = db.transaction('queue', 'readwrite');
  tx.objectStore('queue').add(item);
  await done(tx);
}

/** Queued items of a conference, oldest first. */
export async function queued(slug) {
  const db = await open();
  const items = await result(db.transaction('queue').objectStore('queue').index('conference').getAll(slug));
  return items.sort((a, b) => a.seq - b.seq);
}

/** Conferences with something queued. */
export async function queuedConferences() {
  const db = await open();
  const items = await result(db.transaction('queue').objectStore('queue').getAll());
  return [...new Set(items.map((item) => item.conference))];
}

export async function removeQueued(nonces) {
  const db = await open();
  const tx = db.transaction('queue', 'readwrite');
  const store = tx.objectStore('queue');
  nonces.forEach((nonce) => store.delete(nonce));
  await done(tx);
}

export async function getMeta(key) {
  const db = await open();
  return (await result(db.transaction('meta').objectStore('meta').get(key)))?.value;
}

export async function setMeta(key, value) {
  const db = await open();
  const tx = db.transaction('meta', 'readwrite');
  tx.objectStore('meta').put({ key, value });
  await done(tx);
}
