// The pricing lab on the tripwire-ladder preset, in one page load: the
// front-end ROAS card; the editor's live price factor follows the price; a
// small sweep marks both optima and applies the safe price to the price field;
// the step derived from two test prices is written into the step field; goal
// seek answers and its answer is applied; a sweep of many trials previews every
// price first, and goal seek of many trials gives a first estimate.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { artifacts, servedApp, freshPage, waitDone, canvasIsDrawn, setField } from './support.mjs';

const app = servedApp();

const price = '[data-path="offers[0].price"] input.part';
const cost = '[data-path="channels[0].cost_per_visitor"] input.part';

test('pricing lab: ROAS card, live factor, sweep with both optima applied, step from tests, goal seek applied', async () => {
  const { context, page, problems } = await freshPage(app.browser, `${app.base}?preset=tripwire-ladder`);
  await waitDone(page);

  // Front-end ROAS: a percentage and whether the front end pays for the ads.
  assert.match(await page.locator('[data-card=front_end_roas] .card-value').innerText(), /^\d[\d,.]*%$/);
  assert.match(await page.locator('[data-card=front_end_roas] .card-detail').innerText(), /self-liquidating/i);

  // The factor: ×1 at the reference price, ×0.63 (2^(−10/15)) at 17.
  const factor = page.locator('[data-factor="offers[0].price_halving_step"]');
  assert.match(await factor.innerText(), /^at \$7: ×1 of the buyers seen at \$7/);
  await setField(page, price, '17');
  await page.waitForFunction(() => /×0\.63/.test(document.querySelector('[data-factor="offers[0].price_halving_step"]').innerText));
  assert.match(await factor.innerText(), /^at \$17: ×0\.63 of the buyers seen at \$7/);

  // A small sweep of the tripwire: coarse points, refined, both optima marked.
  const sweep = page.locator('[data-panel=sweep]');
  assert.equal(await sweep.locator('[data-pricing=target]').inputValue(), 'tripwire');
  await setField(page, '[data-pricing=from]', '1');
  await setField(page, '[data-pricing=to]', '41');
  await setField(page, '[data-pricing=points]', '5');
  await setField(page, '[data-pricing=trials]', '200');
  await sweep.locator('[data-action=sweep-run]').click();
  await page.waitForSelector('[data-sweep-status=done]', { timeout: 120_000 });
  assert.ok(await canvasIsDrawn(page, 'sweep'), 'the sweep chart is drawn');
  const best = Number(await sweep.locator('[data-mark=best]').getAttribute('data-price'));
  const safe = Number(await sweep.locator('[data-mark=safe]').getAttribute('data-price'));
  assert.ok(best >= 1 && best <= 41 && safe >= 1 && safe <= 41, `marks at ${best}, ${safe}`);
  assert.ok(await sweep.locator('table[data-table=sweep] tbody tr').count() >= 5);
  await page.screenshot({ path: path.join(artifacts, 'pricing-sweep.png'), fullPage: true });
  await sweep.locator('[data-action=apply-safe]').click();
  await page.waitForFunction(
    ([sel, want]) => Number(document.querySelector(sel)?.value.replace(/,/g, '')) === want,
    [price, safe],
  );

  // Two test prices give a step that goes into the step field.
  const form = page.locator('[data-step-tests="offers[0].price_halving_step"]');
  await form.locator('summary').click();
  for (const [name, value] of [['p1', '7'], ['k1', '60'], ['n1', '1000'], ['p2', '17'], ['k2', '38'], ['n2', '1000']]) {
    await setField(page, `[data-step-tests="offers[0].price_halving_step"] [data-step-test=${name}]`, value);
  }
  assert.match(await form.locator('[data-step-tests=result]').innerText(), /^Halving step: \$15\.1/);
  assert.equal(await form.locator('svg').count(), 1);
  await setField(page, '[data-step-tests="offers[0].price_halving_step"] [data-step-test=k2]', '70');
  assert.match(await form.locator('[data-step-tests=error]').innerText(), /larger share bought at the higher price/);
  await setField(page, '[data-step-tests="offers[0].price_halving_step"] [data-step-test=k2]', '38');
  await form.locator('[data-action=use-step]').click();
  await page.waitForFunction(() => /^15\.1/.test(document.querySelector('[data-path="offers[0].price_halving_step"] input.part')?.value ?? ''));

  // Goal seek: the most to pay per visitor for a 50% chance of any profit.
  const seek = page.locator('[data-panel=seek]');
  assert.equal(await seek.locator('[data-pricing=vary]').inputValue(), 'channels[0].cost_per_visitor');
  await setField(page, '[data-pricing=chance]', '50');
  await setField(page, '[data-pricing=seek-trials]', '200');
  await seek.locator('[data-action=seek-run]').click();
  await page.waitForSelector('[data-seek=answer]', { timeout: 120_000 });
  const value = Number(await seek.locator('[data-seek=answer]').getAttribute('data-value'));
  assert.ok(value > 0 && value < 100, `cost per visitor ${value}`);
  assert.match(await seek.locator('[data-seek=answer]').innerText(), /Monte Carlo bracket/);
  await seek.locator('[data-action=apply-seek]').click();
  await page.waitForFunction(
    ([sel, want]) => Math.abs(Number(document.querySelector(sel)?.value.replace(/,/g, '')) - want) < 1e-9 * Math.max(1, want),
    [cost, value],
  );
  await page.screenshot({ path: path.join(artifacts, 'pricing-seek.png'), fullPage: true });

  // A sweep of 2,000 trials a point first previews every price from its first
  // 100 trials (pale rows, a drawn curve, no marks yet); cancelled there.
  await setField(page, '[data-pricing=points]', '3');
  await setField(page, '[data-pricing=trials]', '2000');
  await sweep.locator('[data-action=sweep-run]').click();
  await page.waitForSelector('table[data-table=sweep] tr[data-preview]', { timeout: 60_000 });
  assert.match(await page.locator('[data-sweep-status]').innerText(), /first look at every price from 100 trials/);
  assert.ok(await canvasIsDrawn(page, 'sweep'), 'the preview curve is drawn');
  assert.equal(await sweep.locator('[data-mark]').count(), 0, 'no marks from a preview');
  await sweep.locator('[data-action=sweep-cancel]').click();
  await page.waitForFunction(() => /cancelled/i.test(document.querySelector('[data-panel=sweep]').innerText));

  // Goal seek of 2,000 trials a value first gives an estimate from the first
  // 200 (no Apply on it); cancelled there.
  await setField(page, '[data-pricing=seek-trials]', '2000');
  await seek.locator('[data-action=seek-run]').click();
  const estimate = seek.locator('[data-seek=estimate]');
  await estimate.waitFor({ timeout: 60_000 });
  assert.match(await estimate.innerText(), /^First estimate, from the first 200 trials of each value tried: .*Monte Carlo bracket/);
  assert.equal(await seek.locator('[data-action=apply-seek]').count(), 0, 'nothing to apply from an estimate');
  await seek.locator('[data-action=seek-cancel]').click();
  await page.waitForFunction(() => !document.querySelector('[data-seek=estimate]'));
  assert.deepEqual(problems, []);
  await context.close();

});
