// The scanner in headless Chromium against a running platform: sign-in through the real Keycloak page,
// desk set-up, online scans and a redemption, then offline scans queued and uploaded when back online.
// Driven by platform-tests' ScannerUiTest, which arranges the data; runnable alone against `./run` too:
//   GATEWAY_URL=http://localhost:8080 CODE_PAID=… PRODUCT=Lunch CODES_OFFLINE=A,B,C CODE_UNPAID=… node test/e2e.mjs
// Optional: BADGE_SIGNED (a paid attendee's signed badge: the device forgets that attendee, then admits the badge
// offline on its signature alone) and BADGE_REVOKED (a refunded attendee's signed badge: refused offline).
// Prints `RESULT {json}` (the offline items' nonces, for the caller to replay) and exits 0 only if all held.
import { chromium } from 'playwright-core';
import zxing from '@zxing/library';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseBadge } from '../src/badges.js';

const env = (name, fallback) => {
  const value = process.env[name] ?? fallback;
  if (value === undefined) throw new Error(`${name} is required`);
  return value;
};
const gateway = env('GATEWAY_URL').replace(/\/$/, '');
const conference = env('CONFERENCE', 'democon');
const user = env('SCANNER_USER', 'volunteer');
const password = env('SCANNER_PASSWORD', user);
const station = env('STATION', 'Door UI');
const paid = env('CODE_PAID');
const product = env('PRODUCT');
const offlineCodes = env('CODES_OFFLINE').split(',').map((c) => c.trim()).filter(Boolean);
const unpaid = process.env.CODE_UNPAID;
const undone = process.env.CODE_UNDO; // a paid attendee checked in by mistake, then undone
const signedBadge = process.env.BADGE_SIGNED;
const revokedBadge = process.env.BADGE_REVOKED;
// Optional: BADGE_REISSUED (the signed badge of a code that was reissued) and CODE_REISSUED (that old plain code):
// both refused offline once the preload's revocation list has them
const reissuedBadge = process.env.BADGE_REISSUED;
const reissuedCode = process.env.CODE_REISSUED;
const expectedQueue = offlineCodes.length + (signedBadge ? 1 : 0);
const shots = env('SCREENSHOT_DIR', path.resolve('target', 'screenshots'));
const STEP_TIMEOUT = Number(process.env.STEP_TIMEOUT_MS ?? 20000);

const started = Date.now();
const log = (message) => console.log(`[e2e ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);
const fail = (message) => { throw new Error(message); };

// The camera is Chromium's fake capture device playing a video of a QR code (for a code no one holds).
const unknown = `NOPE${Date.now().toString(36).toUpperCase()}`;
async function qrVideo(text, file) {
  const [width, height, size] = [640, 480, 360];
  const matrix = new zxing.QRCodeWriter().encode(text, zxing.BarcodeFormat.QR_CODE, size, size, new Map());
  const y = Buffer.alloc(width * height, 235);
  const [left, top] = [(width - size) / 2, (height - size) / 2];
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) if (matrix.get(col, row)) y[(top + row) * width + left + col] = 16;
  }
  const chroma = Buffer.alloc(width * height / 2, 128); // U and V planes, 4:2:0
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, chroma]);
  await writeFile(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`),
    ...Array(5).fill(frame)]));
}

await mkdir(shots, { recursive: true });
const video = path.join(shots, 'camera-qr.y4m');
await qrVideo(unknown, video);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
});
const context = await browser.newContext({ viewport: { width: 412, height: 915 }, deviceScaleFactor: 1 });
const page = await context.newPage();
page.setDefaultTimeout(STEP_TIMEOUT);
const consoleErrors = [];
page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
const external = [];
page.on('request', (r) => {
  const url = new URL(r.url());
  if (!['127.0.0.1', 'localhost'].includes(url.hostname) && url.protocol.startsWith('http')) external.push(r.url());
});

const result = page.locator('#result');
async function scan(code, status, shown = code) {
  await page.locator('#code').fill(code);
  await page.locator('#code').press('Enter');
  await page.locator(`#result[data-status="${status}"][data-code="${shown}"]`).waitFor();
  // the code field is ready for the next badge without a click
  const focused = await page.evaluate(() => document.activeElement?.id);
  if (focused !== 'code') fail(`after scanning ${code} the focus is on ${focused}, not the code field`);
  return (await result.innerText()).replace(/\s+/g, ' ');
}
const text = async (selector) => (await page.locator(selector).innerText()).trim();
const shot = (name) => page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });

try {
  // 1. sign in through Keycloak's own login page (authorization code + PKCE)
  await page.goto(`${gateway}/scanner/`);
  await page.locator('#signin').waitFor({ state: 'visible' });
  await shot('sign-in');
  await page.locator('#signin').click();
  await page.locator('#username').waitFor();
  log(`Keycloak login page at ${new URL(page.url()).origin}`);
  if (!page.url().includes('code_challenge=')) fail('the sign-in request has no PKCE code_challenge');
  await page.locator('#username').fill(user);
  await page.locator('#password').fill(password);
  await page.locator('#kc-login').click();

  // 2. pick the conference and a station
  await page.locator('#setup-view').waitFor({ state: 'visible' });
  if (page.url().includes('code=')) fail(`the authorization code stays in the address bar: ${page.url()}`);
  await page.locator(`#conference option[value="${conference}"]`).waitFor({ state: 'attached' });
  await page.locator('#conference').selectOption(conference);
  await page.locator('#station').fill(station);
  await page.getByRole('button', { name: 'Start scanning' }).click();
  await page.locator('#scan-view').waitFor({ state: 'visible' });
  log('signed in, desk set up');
  // the offline list holds every code the offline part needs before the network goes
  await page.waitForFunction((codes) => new Promise((resolve) => {
    const open = indexedDB.open('confops-scanner');
    open.onsuccess = () => {
      const store = open.result.transaction('attendees').objectStore('attendees');
      const keys = store.getAllKeys();
      keys.onsuccess = () => resolve(codes.every((c) => keys.result.some((k) => k.endsWith(`|${c}`))));
      keys.onerror = () => resolve(false);
    };
    open.onerror = () => resolve(false);
  }), offlineCodes, { polling: 500 });
  await page.locator('#preload-count', { hasText: /^[1-9]\d*$/ }).waitFor();
  log(`preload on the device: ${await text('#preload-count')} attendees`);
  // the footer's live numbers arrive over the statistics' event stream (through the gateway)
  await page.locator('#live-checked-in', { hasText: /^\d+ \/ [1-9]\d*$/ }).waitFor({ timeout: 15_000 });
  log(`footer live: inside ${await text('#live-inside')}, checked in ${await text('#live-checked-in')}`);

  // 3. online: a paid attendee is checked in (green), a product handed out
  const green = await scan(paid, 'checked_in');
  if (!/Checked in/.test(green)) fail(`green result does not say Checked in: ${green}`);
  const item = page.locator('#product-list li', { hasText: product });
  const before = Number((await item.locator('button').innerText()).match(/\((\d+) left\)/)?.[1]);
  if (!(before > 0)) fail(`no ${product} to hand out for ${paid}`);
  await shot('scan-checked-in');
  // keyboard only: Tab from the code field to the product's button, Enter hands one out
  const redeemLabel = await item.locator('button').getAttribute('aria-label');
  for (let i = 0; i < 10 && await page.evaluate(() => document.activeElement?.getAttribute('aria-label')) !== redeemLabel; i++) {
    await page.keyboard.press('Tab');
  }
  if (await page.evaluate(() => document.activeElement?.getAttribute('aria-label')) !== redeemLabel) {
    fail(`the hand-out button for ${product} cannot be reached with Tab`);
  }
  await page.keyboard.press('Enter');
  await item.locator('button', { hasText: `(${before - 1} left)` }).waitFor();
  log(`checked in ${paid}; ${product} ${before} → ${before - 1} left`);

  // re-entry (amber), unknown code (red), unpaid order (red with its status)
  const amber = await scan(paid, 'reentry');
  if (!/First checked in/.test(amber)) fail(`re-entry does not show the first time: ${amber}`);
  await shot('scan-reentry');
  // the camera reads a QR code (ZXing, bundled): an unknown code, so nothing changes on the server
  // Chromium's fake capture sometimes starts without delivering frames: one restart of the camera, then it must read
  const cameraRead = page.locator(`#result[data-status="not_found"][data-code="${unknown}"]`);
  await page.locator('#camera-toggle').click();
  if (!await cameraRead.waitFor().then(() => true, () => false)) {
    log('no frame read from the fake camera; restarting it once');
    await page.locator('#camera-toggle').click();
    await page.locator('#camera-toggle').click();
    await cameraRead.waitFor();
  }
  await page.locator('#camera-toggle').click();
  if ((await text('#camera-toggle')) !== 'Start camera') fail('camera did not stop');
  log('camera read a QR code');
  await scan(unknown, 'not_found');
  await shot('scan-not-found');
  if (unpaid) {
    const red = await scan(unpaid, 'not_paid');
    if (!/Order status: \w+/.test(red)) fail(`not-paid result does not show the order status: ${red}`);
    await shot('scan-not-paid');
  }
  log('re-entry, not found and not paid shown');

  // exit direction: the same attendee leaves (blue)
  await page.getByLabel('Exit').check();
  await scan(paid, 'checked_out');
  await page.getByLabel('Entry').check();
  if (await page.evaluate(() => document.activeElement?.id) !== 'code') fail('focus not back on the code field');

  // a mistaken check-in is undone on the spot (the server annuls it by this scan's nonce)
  if (undone) {
    await scan(undone, 'checked_in');
    await page.locator('#result button.undo').click();
    await page.locator('#result[data-status="annulled"] .action', { hasText: 'Undone' }).waitFor();
    await shot('scan-undone');
    log(`undid the check-in of ${undone}`);
  }

  // 4. offline: the same rules on the device's list, each scan queued
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  const badge = signedBadge && parseBadge(signedBadge);
  const revoked = revokedBadge && parseBadge(revokedBadge);
  if (signedBadge) {
    if (!badge || !revoked) fail('BADGE_SIGNED and BADGE_REVOKED must both be signed badges');
    // the device has the keys and the revocation list; then it forgets the attendee, as if never downloaded
    await page.waitForFunction(({ slug, code }) => new Promise((resolve) => {
      const open = indexedDB.open('confops-scanner');
      open.onsuccess = () => {
        const meta = open.result.transaction('meta').objectStore('meta');
        const keys = meta.get(`${slug}:signing-keys`);
        const list = meta.get(`${slug}:revoked`);
        list.onsuccess = () => resolve((keys.result?.value ?? []).length > 0
          && (list.result?.value ?? []).includes(code));
      };
      open.onerror = () => resolve(false);
    }), { slug: conference, code: revoked.accessCode }, { polling: 500, timeout: 70000 });
    if (reissuedCode) {
      await page.waitForFunction(({ slug, code }) => new Promise((resolve) => {
        const open = indexedDB.open('confops-scanner');
        open.onsuccess = () => {
          const list = open.result.transaction('meta').objectStore('meta').get(`${slug}:reissued`);
          list.onsuccess = () => resolve((list.result?.value ?? []).includes(code));
        };
        open.onerror = () => resolve(false);
      }), { slug: conference, code: reissuedCode }, { polling: 500, timeout: 70000 });
    }
    await page.evaluate((key) => new Promise((resolve, reject) => {
      const open = indexedDB.open('confops-scanner');
      open.onsuccess = () => {
        const tx = open.result.transaction('attendees', 'readwrite');
        tx.objectStore('attendees').delete(key);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      };
    }), `${conference}|${badge.accessCode}`);
  }
  await context.setOffline(true);
  if (signedBadge) {
    const admitted = await scan(signedBadge, 'checked_in', badge.accessCode);
    if (!/queued/.test(admitted)) fail(`offline signed badge not marked as queued: ${admitted}`);
    await scan(revokedBadge, 'invalid_badge', revoked.accessCode);
    if (await result.getAttribute('data-reason') !== 'revoked') fail('revoked badge not refused as revoked');
    await shot('offline-badge-revoked');
    log('offline: a signed badge never downloaded admitted, a revoked one refused');
    if (reissuedBadge) {
      await scan(reissuedBadge, 'invalid_badge', reissuedCode);
      if (await result.getAttribute('data-reason') !== 'revoked') fail('reissued badge not refused as revoked');
    }
    if (reissuedCode) {
      await scan(reissuedCode, 'invalid_badge');
      if (await result.getAttribute('data-reason') !== 'reissued') fail('reissued code not refused as reissued');
      log('offline: the old badge and code of a reissued attendee refused');
    }
  }
  for (const code of offlineCodes) {
    const answer = await scan(code, 'checked_in');
    if (!/queued/.test(answer)) fail(`offline scan of ${code} not marked as queued: ${answer}`);
  }
  await page.locator('#queue-count', { hasText: String(expectedQueue) }).waitFor();
  if ((await text('#connection')) !== 'Offline') fail(`connection shows ${await text('#connection')}`);
  await shot('offline-queue');
  await scan(unknown, 'not_found'); // refused locally, not queued
  await page.locator('#queue-count', { hasText: String(expectedQueue) }).waitFor();
  // the page itself survives a reload with the network down (service worker), queue and session included
  await page.reload();
  await page.locator('#scan-view').waitFor({ state: 'visible' });
  if (!await page.evaluate(() => !!navigator.serviceWorker.controller)) fail('reloaded page not served by the service worker');
  await page.locator('#queue-count', { hasText: String(expectedQueue) }).waitFor();
  await scan(unknown, 'not_found');
  log('reloaded offline: desk and queue still there');
  const queued = await page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('confops-scanner');
    open.onsuccess = () => {
      const all = open.result.transaction('queue').objectStore('queue').getAll();
      all.onsuccess = () => resolve(all.result.sort((a, b) => a.seq - b.seq));
      all.onerror = () => reject(all.error);
    };
  }));
  if (queued.length !== expectedQueue) fail(`queue holds ${queued.length} items`);
  log(`offline: ${queued.length} scans queued`);

  // 5. back online: the queue drains by itself
  await context.setOffline(false);
  await page.locator('#queue-count', { hasText: /^0$/ }).waitFor({ timeout: 40000 });
  if ((await text('#last-sync')) === 'never') fail('last sync time not shown');
  await shot('synced');
  log(`back online: queue drained, last sync ${await text('#last-sync')}`);

  if (external.length) fail(`requests left the machine: ${external.join(', ')}`);
  console.log(`RESULT ${JSON.stringify({ queued: queued.map(({ nonce, type, access_code, station: s, client_time }) =>
    ({ nonce, type, access_code, station: s, client_time })), seconds: (Date.now() - started) / 1000 })}`);
  await browser.close();
  process.exit(0);
} catch (e) {
  console.error(`FAILED: ${e.message}`);
  if (consoleErrors.length) console.error(`browser console errors:\n  ${consoleErrors.join('\n  ')}`);
  await page.screenshot({ path: path.join(shots, 'failure.png'), fullPage: true }).catch(() => {});
  console.error(`page at failure: ${page.url()}\n${await page.locator('body').innerText().catch(() => '?')}`);
  await browser.close();
  process.exit(1);
}
