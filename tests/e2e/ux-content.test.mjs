// End-to-end tests of the content of the page (issue 14, items 4, 5, 6, 10):
// each field's "?" explains that field, the percentiles are explained where they
// appear, the payback card and the chart say what each is over, buyers and
// customers are told apart, the life cycle is drawn over time when its stage is
// on, and money follows the scenario's currency at once. One page load.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { servedApp, artifacts, freshPage, waitDone, setField, canvasIsDrawn, preset, linkFragment } from './support.mjs';

const app = servedApp();

/** The accessible text of the "?" in the label of the field at `fieldPath`. */
const hintOf = (page, fieldPath) => page.evaluate((p) => {
  const field = document.querySelector(`[data-path="${p}"]`)?.closest('.field');
  return field?.querySelector('label .hint')?.getAttribute('aria-label') ?? null;
}, fieldPath);

test('hints, percentiles, payback, life cycle over time and the currency on the membership preset', async () => {
  // A link for a short run; the preset chosen from the picker (its note shows).
  const { context, page, problems } = await freshPage(app.browser, `${app.base}#${linkFragment(preset('membership'), 1000)}`);
  await page.selectOption('[data-action=preset]', 'membership');
  await page.locator('.preset-note').waitFor();
  await waitDone(page);

  // Each field's "?" names its own term (a sample of those that used to show another's).
  for (const [fieldPath, term] of [
    ['nurture.conversion_per_touch', 'Conversion per touch'],
    ['channels[0].cost_per_visitor', 'Cost per visitor'],
    ['lead_magnet.delivery_cost', 'Lead magnet delivery cost'],
    ['nurture.window_days', 'Nurture window'],
    ['nurture.cost_per_touch', 'Cost per touch'],
    ['subscription.monthly_price', 'Monthly price'],
    ['offers[0].price', 'Price'],
    ['name', 'Scenario name'],
  ]) {
    const hint = await hintOf(page, fieldPath);
    assert.ok(hint?.startsWith(`${term}: `), `${fieldPath}: ${hint}`);
  }

  // P5, P95 and 90% ranges are explained where they appear.
  for (const cardName of ['profit', 'cash_needed', 'cac']) {
    assert.match(await page.locator(`[data-card=${cardName}] .card-detail .hint`).getAttribute('aria-label'), /^Percentile/);
  }
  assert.equal(await page.locator('table[data-table=channels] th .hint[aria-label^="Percentile"]').count(), 1);

  // The payback card says what it is over, and what the chart's median line does.
  const payback = await page.locator('[data-card=payback_day] .card-detail').innerText();
  assert.match(payback, /median among the [\d.]+% of trials that pay back; the median of all trials \(the cumulative profit chart\) (stays above zero from day \d+|ends below zero)/);
  // Buyers and customers told apart.
  assert.match(await page.locator('[data-note=buyers-vs-customers]').innerText(), /Buyers count every purchase, refunded ones too: the entry offer's [\d,]+ buyers \(median\) less [\d,]+ refunds are the [\d,]+ customers/);

  // The life cycle over time: subscribers and MRR (the membership has a
  // subscription), no repeat customers (it has none).
  for (const chart of ['ActiveSubscribers', 'Mrr']) {
    await page.locator(`figure[data-chart=${chart}] canvas`).scrollIntoViewIfNeeded();
    await page.waitForFunction((c) => document.querySelector(`figure[data-chart=${c}] .chart-text`)?.innerText.includes('median'), chart);
    assert.ok(await canvasIsDrawn(page, chart), `${chart} drawn`);
  }
  assert.match(await page.locator('figure[data-chart=Mrr] .chart-text').innerText(), /^MRR on day \d+ \(the last\): median \$[\d,]+/);
  assert.equal(await page.locator('figure[data-chart=ActiveRepeat]').count(), 0);
  await page.locator('figure[data-chart=Mrr]').screenshot({ path: path.join(artifacts, 'ux-content-mrr.png') });

  // Money follows the currency at once: unit labels and the preset's text.
  const unit = page.locator('.field[data-path="offers[0].price"] .unit');
  assert.equal(await unit.innerText(), '$');
  assert.match(await page.locator('.preset-note').innerText(), /\$15/);
  await setField(page, '[data-path="currency"]', 'EUR');
  await page.waitForFunction(() => document.querySelector('.field[data-path="offers[0].price"] .unit')?.innerText === '€');
  assert.equal(await page.locator('.field[data-path="subscription.monthly_price"] .unit').innerText(), '€');
  const note = await page.locator('.preset-note').innerText();
  assert.match(note, /€15/);
  assert.ok(!note.includes('$'), note);
  await page.screenshot({ path: path.join(artifacts, 'ux-content.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});
