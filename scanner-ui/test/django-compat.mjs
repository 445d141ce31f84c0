// django-program's scanner page, as its users run it, against the gateway's django-program routes: a stand-in
// page (test/compat/django-scanner.html) that calls and reads exactly what that page does, served from its own
// origin (so every call is a CORS request with X-CSRFToken and X-Requested-With), in headless Chromium.
// Driven by platform-tests' DjangoScannerCompatTest (which arranges the data and checks the server afterwards):
//   GATEWAY_URL=… CONFERENCE=democon TOKEN=… COMPAT_PORT=… CODE_PAID=… PRODUCT=Lunch node test/django-compat.mjs
// Exits 0 only if every step held; prints `RESULT {json}` with what the page showed.
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';

const env = (name, fallback) => {
  const value = process.env[name] ?? fallback;
  if (value === undefined) throw new Error(`${name} is required`);
  return value;
};
const gateway = env('GATEWAY_URL').replace(/\/$/, '');
const conference = env('CONFERENCE', 'democon');
const token = env('TOKEN');
const port = Number(env('COMPAT_PORT'));
const paid = env('CODE_PAID');
const product = env('PRODUCT');
const station = env('STATION', 'Compat Door');
const unknown = `NOPE${Date.now().toString(36).toUpperCase()}`;
const started = Date.now();
const log = (message) => console.log(`[compat ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);
const fail = (message) => { throw new Error(message); };

const page = await readFile(new URL('./compat/django-scanner.html', import.meta.url));
const server = createServer((request, response) => {
  if (request.url.startsWith('/config.js')) {
    response.writeHead(200, { 'Content-Type': 'text/javascript' });
    response.end(`window.COMPAT = ${JSON.stringify({ gateway, slug: conference, token })};`);
  } else {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(page);
  }
});
await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const result = {};
let exitCode = 1;
try {
  const tab = await (await browser.newContext()).newPage();
  tab.setDefaultTimeout(Number(process.env.STEP_TIMEOUT_MS ?? 20000));
  const problems = [];
  tab.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  tab.on('requestfailed', (r) => problems.push(`${r.method()} ${r.url()} failed: ${r.failure()?.errorText}`));
  tab.on('request', (r) => {
    if (!r.url().startsWith(origin) && !r.url().startsWith(gateway)) fail(`request leaves the machine: ${r.url()}`);
  });

  await tab.goto(`${origin}/`);
  await tab.fill('#station', station);
  const statusText = () => tab.locator('#status').textContent();
  // the page empties the field once a scan has finished (its look-up included), as django-program's does
  const scanCode = async (code) => {
    await tab.fill('#scan', code);
    await tab.press('#scan', 'Enter');
    await tab.waitForFunction(() => document.getElementById('scan').value === '');
  };
  const waitStatus = async (pattern) => {
    await tab.waitForFunction((p) => new RegExp(p).test(document.getElementById('status').textContent), pattern.source);
    return statusText();
  };

  log(`scan ${paid}`);
  await scanCode(paid);
  result.scan = await waitStatus(/^Checked in: /);
  await tab.locator('#products button').first().waitFor();
  result.name = await tab.locator('#name').textContent();
  result.ticket = await tab.locator('#ticket').textContent();
  result.code = await tab.locator('#code').textContent();
  result.products = await tab.locator('#products li').allTextContents();
  if (result.code !== paid) fail(`attendee.access_code shown ${result.code}`);
  if (!result.ticket) fail('badge.ticket_type is empty');
  const line = result.products.find((p) => p.startsWith(product));
  if (!line || !line.includes('Redeemed 0/2')) fail(`redeemable ${product} not shown as 0/2: ${result.products}`);
  result.line_item_id = await tab.locator('#products button').first().getAttribute('data-line-item-id');
  if (!/^\d+$/.test(result.line_item_id ?? '')) fail(`redeemable[].id is not an id: ${result.line_item_id}`);

  log('redeem one unit (the page sends redeemable[].id, parseInt-ed)');
  await tab.locator('#products button').first().click();
  result.redeem = await waitStatus(/^Redeemed: |failed|required/);
  if (result.redeem !== `Redeemed: ${product}`) fail(`redeem answered: ${result.redeem}`);
  await tab.waitForFunction((p) => [...document.querySelectorAll('#products li')]
    .some((li) => li.textContent.startsWith(p) && li.textContent.includes('Redeemed 1/2')), product);
  result.checked = await tab.locator('#checked').textContent();
  if (result.checked !== 'Checked in') fail(`attendee.checked_in after the scan: ${result.checked}`);

  log('re-entry, then an unknown code');
  await scanCode(paid);
  await tab.waitForFunction(() => document.getElementById('status').textContent.startsWith('Checked in: ')
    && document.getElementById('checked').textContent === 'Checked in');
  await scanCode(unknown);
  result.unknown = await waitStatus(/Attendee not found|failed/);
  if (result.unknown !== 'Attendee not found') fail(`unknown code answered: ${result.unknown}`);

  // the refused scan's 404 is logged by Chromium as an error
  result.problems = problems.filter((p) => !p.includes('404'));
  if (result.problems.length) fail(`browser errors: ${result.problems.join(' | ')}`);
  // The control: the browser does enforce CORS here (Chromium's preflights are not shown to Playwright), so the
  // calls above passed because the gateway allows their headers, and a header it does not allow is refused.
  result.control = await tab.evaluate(async (url) => {
    try {
      await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Not-Allowed': '1' },
        body: '{}' });
      return 'allowed';
    } catch {
      return 'blocked';
    }
  }, `${gateway}/${encodeURIComponent(conference)}/register/checkin/scan/`);
  if (result.control !== 'blocked') fail('a header the gateway does not allow got through: CORS not in force');
  result.unknown_code = unknown;
  exitCode = 0;
  log('all steps held');
} catch (e) {
  console.log(`FAILED: ${e.stack ?? e}`);
} finally {
  console.log(`RESULT ${JSON.stringify(result)}`);
  await browser.close();
  server.close();
}
process.exit(exitCode);
