// End-to-end tests of the built app (dist/) in Debian's headless Chromium.
// Run by scripts/test-all.sh after `trunk build --release`:
//   DIST=../../dist node --test --test-concurrency=1 app.test.mjs keep.test.mjs limits.test.mjs i18n.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import { servedApp, artifacts, watch, status, waitDone, canvasIsDrawn, setField } from './support.mjs';

const figures = {};
const app = servedApp({
  onClose: () => {
    console.log('figures:', JSON.stringify(figures, null, 2));
    fs.writeFileSync(path.join(artifacts, 'figures.json'), JSON.stringify(figures, null, 2));
  },
});

/** A fresh page (in a fresh profile) that records console errors and uncaught exceptions. */
async function open(viewport = { width: 1280, height: 900 }) {
  const page = await app.browser.newPage({ viewport, deviceScaleFactor: 2 });
  const problems = watch(page);
  await page.goto(app.base);
  return { page, problems };
}

test('the default preset runs, draws every chart and logs no error', async () => {
  const t0 = Date.now();
  const { page, problems } = await open();
  await page.waitForFunction(() => {
    const c = document.querySelector('figure[data-chart="ProfitHistogram"] canvas');
    return c && c.width > 100;
  }, null, { timeout: 60_000 });
  figures.first_chart_ms = Date.now() - t0;
  await waitDone(page);
  figures.default_preset_full_run_ms = Date.now() - t0;
  const text = await status(page).innerText();
  const m = text.replace(/,/g, '').match(/([\d.]+)\s*trials in ([\d.]+) s/);
  assert.ok(m, `status: ${text}`);
  figures.browser_trials_per_second = Math.round(Number(m[1]) / Number(m[2]));
  for (const chart of ['Funnel', 'ProfitHistogram', 'ProfitOverTime', 'ChannelRoi']) {
    assert.ok(await canvasIsDrawn(page, chart), `${chart} is blank`);
  }
  // Six headline cards and front-end ROAS.
  assert.equal(await page.locator('.card').count(), 7);
  // One row per paid channel; the referral row only when the scenario has referrals.
  assert.equal(await page.locator('table[data-table="channels"] tbody tr').count(), 1);
  assert.equal(await page.locator('table[data-table="channels"] th', { hasText: 'referral' }).count(), 0);
  await page.screenshot({ path: path.join(artifacts, 'default.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test('every preset loads and shows its results', async () => {
  const { page, problems } = await open();
  // The page is built over a few tasks: wait for the preset menu's options.
  await page.waitForFunction(() => document.querySelectorAll('[data-action=preset] option').length >= 4);
  const ids = await page.$$eval('[data-action=preset] option', (os) => os.map((o) => o.value));
  assert.ok(ids.length >= 4, `presets: ${ids}`);
  for (const id of ids) {
    await page.selectOption('[data-action=preset]', id);
    await waitDone(page);
    assert.ok(await canvasIsDrawn(page, 'ProfitOverTime'), `${id}: fan chart blank`);
    assert.ok(await canvasIsDrawn(page, 'Funnel'), `${id}: funnel blank`);
    const profit = await page.locator('[data-card=profit] .card-value').innerText();
    assert.match(profit, /\d/, `${id}: profit card ${profit}`);
    await page.screenshot({ path: path.join(artifacts, `preset-${id}.png`), fullPage: true });
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test('editing a field changes the results', async () => {
  const { page, problems } = await open();
  await waitDone(page);
  const before = await page.locator('[data-card=profit] .card-value').innerText();
  const field = '[data-path="channels[0].cost_per_visitor"]';
  await page.selectOption(`${field} select.form`, 'fixed');
  await setField(page, `${field} input.part`, '5');
  await page.waitForSelector('.status[data-status="running"], .status[data-status="waiting"]');
  await waitDone(page);
  const after = await page.locator('[data-card=profit] .card-value').innerText();
  assert.notEqual(after, before, 'profit should change when visitors cost 5 each');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a bad value shows its error at the field and nothing runs', async () => {
  const { page, problems } = await open();
  await waitDone(page);
  const field = '[data-path="nurture.touches_per_week"]';
  await setField(page, field, '12');
  const error = page.locator('.field.invalid .error').first();
  await error.waitFor();
  assert.match(await error.innerText(), /from 0 to 7/);
  await page.waitForSelector('.status[data-status="idle"]');
  assert.match(await status(page).innerText(), /problem/);
  assert.equal(await page.locator('.dashboard.stale').count(), 1, 'old results stay, marked stale');
  assert.ok(await canvasIsDrawn(page, 'ProfitHistogram'), 'the last valid results stay on screen');
  // Stale results keep the currency of the run that made them.
  const card = page.locator('[data-card=profit] .card-value');
  const described = page.locator('figure[data-chart="ProfitHistogram"] .chart-text');
  await setField(page, '[data-path="currency"]', 'EUR');
  await page.waitForTimeout(200);
  assert.match(await card.innerText(), /^−?\$/, 'stale results are not relabelled');
  assert.doesNotMatch(await described.innerText(), /€/);
  await setField(page, field, 'lots');
  assert.equal(await page.locator(field).inputValue(), 'lots', 'what was typed is kept');
  await setField(page, field, '3');
  await waitDone(page);
  assert.equal(await page.locator('.dashboard.stale').count(), 0);
  assert.match(await card.innerText(), /^−?€/, 'the new run is in the new currency');
  assert.match(await described.innerText(), /€/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a long run can be cancelled', async () => {
  const { page, problems } = await open();
  await waitDone(page);
  await setField(page, '[data-path="trials"]', '1000000');
  await page.waitForSelector('.status[data-status="running"]');
  await page.click('[data-action=cancel]');
  await page.waitForSelector('.status[data-status="cancelled"]');
  await setField(page, '[data-path="trials"]', '2000');
  await waitDone(page);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the page works 375 px wide', async () => {
  const { page, problems } = await open({ width: 375, height: 800 });
  await waitDone(page);
  for (const chart of ['Funnel', 'ProfitHistogram', 'ProfitOverTime']) {
    assert.ok(await canvasIsDrawn(page, chart), `${chart} is blank on a phone`);
  }
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `page scrolls sideways by ${overflow}px`);
  await page.screenshot({ path: path.join(artifacts, 'phone.png'), fullPage: true });
  await page.locator('.dashboard').screenshot({ path: path.join(artifacts, 'phone-results.png') });
  assert.deepEqual(problems, []);
  await page.close();
});
