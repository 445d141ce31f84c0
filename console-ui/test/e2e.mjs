// The organizer console in headless Chromium against a running platform, at tablet width (820 × 1180):
// the organizer signs in on the real Keycloak page (code + PKCE), requests a sponsor deal (the API's
// validation messages appear at their fields), approves it with the keyboard, generates its codes (pressed
// twice, sent once), searches the codes and downloads the CSV; watches the dashboard follow a scan; opens the
// catalog and finds an order by access code; then the sponsor viewer sees the deal read-only and a volunteer
// only the dashboard.
// Driven by platform-tests' ConsoleUiTest, which arranges the data and checks the server afterwards:
//   GATEWAY_URL=… SPONSOR=acme SPONSOR_NAME=… TICKET_TYPE=… SCAN_CODE=… ORDER_CODE=… VIEWER_PURCHASE=… node test/e2e.mjs
// Prints `RESULT {json}` and exits 0 only if everything held.
import { chromium } from 'playwright-core';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';

const env = (name, fallback) => {
  const value = process.env[name] ?? fallback;
  if (value === undefined) throw new Error(`${name} is required`);
  return value;
};
const gateway = env('GATEWAY_URL').replace(/\/$/, '');
const conference = env('CONFERENCE', 'democon');
const sponsor = env('SPONSOR');
const sponsorName = env('SPONSOR_NAME');
const ticketType = env('TICKET_TYPE');
const scanCode = env('SCAN_CODE');
const orderCode = env('ORDER_CODE');
const viewerPurchase = env('VIEWER_PURCHASE');
const usedPurchase = env('USED_PURCHASE');
const usedCode = env('USED_CODE');
const pendingOrder = env('PENDING_ORDER');
const quantity = Number(env('QUANTITY', '120'));
const station = env('STATION', 'Console Door');
const shots = env('SCREENSHOT_DIR', path.resolve('target', 'screenshots'));
const STEP_TIMEOUT = Number(process.env.STEP_TIMEOUT_MS ?? 20000);

const started = Date.now();
const log = (message) => console.log(`[e2e ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);
const fail = (message) => { throw new Error(message); };

await mkdir(shots, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const external = [];
const consoleErrors = [];
async function newPage() {
  const context = await browser.newContext({ viewport: { width: 820, height: 1180 }, deviceScaleFactor: 1, acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT);
  page.on('console', (m) => { if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (!['127.0.0.1', 'localhost'].includes(url.hostname) && url.protocol.startsWith('http')) external.push(r.url());
  });
  return page;
}
let page = await newPage();
const shot = (name, fullPage = true) => page.screenshot({ path: path.join(shots, `${name}.png`), fullPage });

async function signIn(user) {
  await page.goto(`${gateway}/console/`);
  await page.locator('#signin').waitFor({ state: 'visible' });
  if (user === 'organizer') await shot('console-sign-in');
  await page.locator('#signin').click();
  await page.locator('#username').waitFor();
  if (!page.url().includes('code_challenge=')) fail('the sign-in request has no PKCE code_challenge');
  await page.locator('#username').fill(user);
  await page.locator('#password').fill(user);
  await page.locator('#kc-login').click();
  await page.locator('#nav').waitFor({ state: 'visible' });
  if (page.url().includes('code=')) fail(`the authorization code stays in the address bar: ${page.url()}`);
  await page.locator(`#conference-select option[value="${conference}"]`).waitFor({ state: 'attached' });
  if (await page.locator('#conference-select').inputValue() !== conference) {
    await page.locator('#conference-select').selectOption(conference);
  }
  await page.waitForFunction((c) => location.hash.startsWith(`#/${c}/`), conference);
  log(`${user} signed in`);
}

/** Every form control on screen has a label (or an aria-label). */
async function assertLabelled(where) {
  const unlabelled = await page.evaluate(() => [...document.querySelectorAll('#view input, #view select, #view textarea')]
    .filter((el) => !el.labels?.length && !el.getAttribute('aria-label')).map((el) => el.outerHTML.slice(0, 80)));
  if (unlabelled.length) fail(`unlabelled fields on ${where}: ${unlabelled.join(', ')}`);
}

const result = {};
try {
  // ------------------------------------------------------------------ organizer: a deal from request to codes
  await signIn('organizer');
  const nav = await page.locator('#nav a[data-section]:visible').allInnerTexts();
  if (nav.join('|') !== 'Bulk purchases|Check-in dashboard|Catalog|Orders') fail(`organizer's sections: ${nav}`);
  await page.locator('#bulk-list').waitFor();
  await page.locator('#bulk-new').click();
  await page.locator('#bulk-form').waitFor();
  await assertLabelled('the new bulk purchase form');

  // the API's validation messages at their fields
  await page.locator('[name="voucher_config.prefix"]').fill('bad prefix!');
  await page.locator('#bulk-create').click();
  await page.locator('[data-error-for="quantity"]:not(:empty)').waitFor();
  const quantityError = await page.locator('[data-error-for="quantity"]').innerText();
  const unitPriceError = await page.locator('[data-error-for="unit_price"]').innerText();
  const prefixError = await page.locator('[data-error-for="voucher_config.prefix"]').innerText();
  if (!quantityError || !unitPriceError || !/letters, digits or hyphens/.test(prefixError)) {
    fail(`validation messages not at their fields: quantity "${quantityError}", unit_price "${unitPriceError}", prefix "${prefixError}"`);
  }
  if (await page.locator('[name="quantity"]').getAttribute('aria-invalid') !== 'true') fail('quantity not marked invalid');
  result.validation = { quantity: quantityError, unit_price: unitPriceError, prefix: prefixError };
  await shot('console-bulk-validation');
  log(`validation shown at the fields: ${JSON.stringify(result.validation)}`);

  await page.locator('[name="voucher_config.prefix"]').fill('');
  await page.locator('[name="sponsor"]').selectOption(sponsor);
  await page.locator('[name="ticket_type"]').selectOption(ticketType);
  await page.locator('[name="quantity"]').fill(String(quantity - 20)); // corrected below with "Edit deal"
  await page.locator('[name="unit_price"]').fill('0');
  await page.locator('[name="voucher_config.voucher_type"]').selectOption('comp');
  await page.locator('[name="voucher_config.discount_value"]').fill('0');
  await page.locator('[name="voucher_config.valid_until"]').fill('2030-06-03T22:00');
  await page.locator('#bulk-create').click();
  await page.locator('h2 .status[data-status="pending"]').waitFor();
  result.purchase = Number(page.url().split('/').pop());
  log(`bulk purchase #${result.purchase} requested`);

  // the deal is renegotiated while pending: a bad quantity is refused at its field, then saved
  await page.locator('button[data-action="configure"]').click();
  const edit = page.locator('#bulk-edit-form');
  await edit.locator('[name="quantity"]').fill('0');
  await page.locator('#bulk-save').click();
  await edit.locator('[data-error-for="quantity"]:not(:empty)').waitFor();
  await edit.locator('[name="quantity"]').fill(String(quantity));
  await page.locator('#bulk-save').click();
  await page.locator('#bulk-edit-form').waitFor({ state: 'detached' });
  await page.locator('dl.facts dd', { hasText: new RegExp(`^${quantity}$`) }).waitFor();
  log(`deal edited: quantity ${quantity - 20} → ${quantity}`);

  // approve with the keyboard alone
  const approve = page.locator('button[data-action="approve"]');
  await approve.focus();
  await page.keyboard.press('Enter');
  await page.locator('h2 .status[data-status="approved"]').waitFor();
  if (!(await page.locator('#bulk-history').innerText()).includes('Approved')) fail('history lacks the approval');

  // generate the codes: two quick presses, one request
  const fulfils = [];
  page.on('request', (r) => { if (r.method() === 'POST' && r.url().endsWith('/fulfill')) fulfils.push(r.url()); });
  const generate = page.locator('button[data-action="fulfill"]');
  await generate.click();
  await generate.click({ force: true, timeout: 2000 }).catch(() => {}); // disabled (or gone) by now
  await page.locator('h2 .status[data-status="paid"]').waitFor({ timeout: 60_000 });
  if (fulfils.length !== 1) fail(`fulfil was sent ${fulfils.length} times`);
  await page.locator('#voucher-list tbody tr').first().waitFor();
  const codesTitle = await page.locator('#vouchers-h').innerText();
  if (!codesTitle.includes(`(${quantity})`)) fail(`codes heading says ${codesTitle}`);
  const history = await page.locator('#bulk-history').innerText();
  if (!/Codes generated .* by /s.test(history)) fail(`history lacks who generated the codes: ${history}`);
  // search: a part of one code finds it
  const firstCode = await page.locator('#voucher-list tbody tr').first().getAttribute('data-code');
  await page.locator('#voucher-search').fill(firstCode.slice(-6));
  await page.locator(`#voucher-list tbody tr[data-code="${firstCode}"]`).waitFor();
  const found = await page.locator('#voucher-list tbody tr').count();
  if (found < 1 || found > 2) fail(`searching ${firstCode.slice(-6)} found ${found} codes`);
  await page.locator('#voucher-search').fill('');
  await shot('console-bulk-detail');

  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#voucher-csv').click()]);
  const csv = await readFile(await download.path(), 'utf8');
  const lines = csv.trim().split(/\r?\n/);
  if (lines[0] !== 'code,max_uses,times_used,active,valid_from,valid_until') fail(`CSV header: ${lines[0]}`);
  if (lines.length !== quantity + 1) fail(`CSV has ${lines.length - 1} codes, not ${quantity}`);
  result.csv = { filename: download.suggestedFilename(), codes: lines.slice(1).map((l) => l.split(',')[0]) };
  log(`codes generated once, CSV ${result.csv.filename} with ${quantity} codes`);

  // refund a deal one of whose codes is used: it asks first, then shows what was revoked and what stays valid
  await page.goto(`${gateway}/console/#/${conference}/bulk/${usedPurchase}`);
  await page.locator('h2 .status[data-status="paid"]').waitFor();
  await page.locator('#voucher-used').check();
  await page.locator(`#voucher-list tr[data-code="${usedCode}"]`).waitFor();
  if (await page.locator('#voucher-list tbody tr').count() !== 1) fail('"used only" does not show just the used code');
  await page.locator('button[data-action="refund"]').click();
  await page.locator('#confirm-close').click();
  await page.locator('#close-result').waitFor();
  const closed = await page.locator('#close-result').innerText();
  if (!/Status: refunded/.test(closed) || !/Revoked 1 unused code/.test(closed) || !closed.includes(usedCode)) {
    fail(`refund result: ${closed}`);
  }
  result.refund = { revoked: 1, used: usedCode };
  await shot('console-bulk-refund');
  log(`refunded #${usedPurchase}: 1 revoked, ${usedCode} used and kept`);

  // ------------------------------------------------------------------ dashboard: follows a scan by itself
  await page.locator('#nav-dashboard').click();
  await page.locator('[data-stat="checked_in"] .value').waitFor();
  await page.locator('#stats-recent').waitFor();
  const number = async (key) => Number(await page.locator(`[data-stat="${key}"] .value`).getAttribute('data-value'));
  const before = await number('checked_in');
  // the scan a volunteer makes at a door, here with the organizer's own token through the gateway
  const scanned = await page.evaluate(async ({ code, door, slug }) => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('oidc.user:'));
    const token = JSON.parse(localStorage.getItem(key)).access_token;
    const response = await fetch(`/api/conferences/${slug}/checkin/scan`, { method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ access_code: code, station: door }) });
    return response.status;
  }, { code: scanCode, door: station, slug: conference });
  if (scanned !== 200) fail(`scan answered ${scanned}`);
  await page.waitForFunction((b) => Number(document.querySelector('[data-stat="checked_in"] .value')?.dataset.value) === b + 1,
    before, { timeout: 15_000 });
  await page.locator(`#stats-stations tr[data-station="${station}"]`).waitFor({ timeout: 15_000 });
  await page.locator(`#stats-recent td code`, { hasText: scanCode }).first().waitFor();
  const totalBefore = await number('total');
  log(`dashboard followed the scan: checked in ${before} → ${before + 1}`);

  // ------------------------------------------------------------------ catalog and orders
  await page.locator('#nav-catalog').click();
  await page.locator('#catalog-ticket-types').waitFor();
  await page.locator(`#catalog-ticket-types tr[data-slug="${ticketType}"]`).waitFor();
  await shot('console-catalog');
  // a refused edit shows the API's message at its field and changes nothing
  await page.locator('#catalog-conference details.edit summary').click();
  await page.locator('#conference-edit-end_date').fill('2000-01-01');
  await page.locator('#conference-edit-form').getByRole('button', { name: 'Save' }).click();
  await page.locator('#conference-edit-form [data-error-for="end_date"]:not(:empty)').waitFor();
  log('conference edit refused at its field (ends before it starts)');
  // an accepted one: the sponsor's level and the ticket type's price and capacity
  await page.locator(`#catalog-sponsors tr[data-slug="${sponsor}"] details.edit summary`).click();
  await page.locator(`#sponsor-edit-${sponsor}-level`).fill('platinum');
  await page.locator(`#sponsor-edit-${sponsor}-form`).getByRole('button', { name: 'Save' }).click();
  await page.locator(`#catalog-sponsors tr[data-slug="${sponsor}"] td:nth-child(3)`, { hasText: 'platinum' }).waitFor();
  await page.locator(`#catalog-ticket-types tr[data-slug="${ticketType}"] details.edit summary`).click();
  await page.locator(`#ticket-types-edit-${ticketType}-price`).fill('120');
  await page.locator(`#ticket-types-edit-${ticketType}-capacity`).fill('500');
  await page.locator(`#ticket-types-edit-${ticketType}-form`).getByRole('button', { name: 'Save' }).click();
  await page.locator(`#catalog-ticket-types tr[data-slug="${ticketType}"] td:nth-child(4)`, { hasText: '500' }).waitFor();
  await assertLabelled('catalog');
  log('sponsor level and ticket type price/capacity edited');
  await page.locator('#nav-orders').click();
  await page.locator('#orders-list').waitFor();
  await page.locator('#orders-search').fill(orderCode);
  await page.locator('#orders-search').press('Enter');
  await page.waitForFunction((code) => {
    const rows = [...document.querySelectorAll('#orders-list tbody tr')];
    return rows.length === 1 && rows[0].textContent.includes(code);
  }, orderCode);
  await assertLabelled('orders');
  await shot('console-orders');
  log(`order with access code ${orderCode} found`);
  // an unpaid order: record its payment (an empty reference is refused at its field first)
  await page.goto(`${gateway}/console/#/${conference}/orders/${pendingOrder}`);
  await page.locator('h2 .status[data-status="pending"]').waitFor();
  await page.getByRole('button', { name: 'Record payment…' }).click();
  await page.locator('#order-pay-ref').waitFor();
  await page.getByRole('button', { name: 'Record payment', exact: true }).click();
  await page.locator('[data-error-for="reference"]:not(:empty)').waitFor();
  await page.locator('#order-pay-ref').fill(`console-${pendingOrder}`);
  await page.getByRole('button', { name: 'Record payment', exact: true }).click();
  await page.locator('h2 .status[data-status="paid"]').waitFor();
  log(`order #${pendingOrder} paid from the console`);

  // back on the dashboard: the newly paid attendee arrives by itself (catalog → Kafka → check-in → poll)
  await page.locator('#nav-dashboard').click();
  await page.waitForFunction((t) => Number(document.querySelector('[data-stat="total"] .value')?.dataset.value) === t + 1,
    totalBefore, { timeout: 30_000 });
  await page.locator(`#stats-stations tr[data-station="${station}"]`).waitFor();
  await page.waitForTimeout(300); // let the chart draw
  result.dashboard = {};
  for (const key of ['total', 'checked_in', 'inside', 'today']) result.dashboard[key] = await number(key);
  result.dashboard.stations = Object.fromEntries(await page.locator('#stats-stations tbody tr').evaluateAll((rows) =>
    rows.map((r) => [r.dataset.station, Number(r.children[1].textContent)])));
  result.dashboard.redemptions = Object.fromEntries(await page.locator('#stats-redemptions tbody tr').evaluateAll((rows) =>
    rows.map((r) => [r.dataset.addon, { redeemed: Number(r.children[1].textContent), purchased: Number(r.children[2].textContent) }])));
  result.dashboard.door_checks = Object.fromEntries(await page.locator('#stats-door-checks tbody tr').evaluateAll((rows) =>
    rows.map((r) => [r.dataset.product, { admitted: Number(r.children[1].textContent), refused: Number(r.children[2].textContent) }])));
  // the chart has bars: coloured pixels on its canvas (Chart.js draws on a canvas, not in the DOM)
  const coloured = await page.evaluate(() => {
    const canvas = document.querySelector('#arrivals-chart');
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 200 && Math.max(data[i], data[i + 1], data[i + 2]) - Math.min(data[i], data[i + 1], data[i + 2]) > 60) n++;
    return n;
  });
  if (coloured < 50) fail(`the arrivals chart shows no bars (${coloured} coloured pixels)`);
  await shot('console-dashboard');
  log(`dashboard: ${JSON.stringify(result.dashboard)}`);

  // the API page: Swagger UI on the merged description, bundled (no request leaves the machine)
  await page.locator('#nav-api').click();
  await page.locator('.swagger-ui .opblock-tag', { hasText: 'bulk purchases' }).first().waitFor({ timeout: 30_000 });
  await page.locator('.swagger-ui .opblock-summary-path', { hasText: '/api/conferences/{slug}/checkin/scan' }).first().waitFor({ state: 'attached' });
  await shot('console-api-docs', false);
  log('Swagger UI shows the merged API');

  // ------------------------------------------------------------------ sponsor viewer: read-only
  await page.context().close();
  page = await newPage();
  await signIn('sponsor');
  const sponsorNav = await page.locator('#nav a[data-section]:visible').allInnerTexts();
  if (sponsorNav.join('|') !== 'Bulk purchases') fail(`sponsor's sections: ${sponsorNav}`);
  await page.locator('#bulk-list table').waitFor();
  if (await page.locator('#bulk-new').count()) fail('the sponsor is offered "New bulk purchase"');
  await page.goto(`${gateway}/console/#/${conference}/dashboard`);
  await page.waitForFunction((c) => location.hash === `#/${c}/bulk`, conference);
  await page.goto(`${gateway}/console/#/${conference}/bulk/${viewerPurchase}`);
  await page.locator('#bulk-readonly').waitFor();
  if (await page.locator('#bulk-actions button, button[data-action]').count()) fail('the sponsor sees action buttons');
  await page.locator('#voucher-csv').waitFor(); // looking (and taking the codes) is allowed
  await shot('console-sponsor-readonly');
  log('sponsor sees the deal read-only');

  // ------------------------------------------------------------------ volunteer: the dashboard only
  await page.context().close();
  page = await newPage();
  await signIn('volunteer');
  const volunteerNav = await page.locator('#nav a[data-section]:visible').allInnerTexts();
  if (volunteerNav.join('|') !== 'Check-in dashboard') fail(`volunteer's sections: ${volunteerNav}`);
  await page.locator('[data-stat="checked_in"] .value').waitFor();
  await page.goto(`${gateway}/console/#/${conference}/bulk`);
  await page.waitForFunction((c) => location.hash === `#/${c}/dashboard`, conference);
  log('volunteer sees the dashboard only');

  if (external.length) fail(`requests left the machine: ${external.join(', ')}`);
  if (consoleErrors.length) fail(`browser console errors: ${consoleErrors.join(' | ')}`);
  console.log(`RESULT ${JSON.stringify(result)}`);
  await browser.close();
  process.exit(0);
} catch (e) {
  console.error(`FAILED: ${e.message}`);
  await page.screenshot({ path: path.join(shots, 'console-failure.png'), fullPage: true }).catch(() => {});
  console.error(`page at failure: ${page.url()}\n${await page.locator('body').innerText().catch(() => '?')}`);
  console.log(`RESULT ${JSON.stringify(result)}`);
  await browser.close();
  process.exit(1);
}
