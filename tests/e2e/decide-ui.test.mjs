// Deciding from a run: the tornado is drawn and a click on a bar goes to its
// field; pinning a baseline, editing a price and seeing the chance to beat it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { artifacts, servedApp, freshPage, waitDone, canvasIsDrawn, preset, linkFragment } from './support.mjs';

const app = servedApp();

test('the tornado is drawn, a bar goes to its field; a pinned baseline is beaten by a higher price', async () => {
  // Without a price response, a higher price wins in (almost) every trial.
  const classic = preset('classic');
  classic.offers[0].price_halving_step = null;
  const { context, page, problems } = await freshPage(app.browser, `${app.base}#${linkFragment(classic, 2000, 3)}`);
  await waitDone(page);
  const panel = page.locator('[data-panel="decide"]');
  await panel.locator('.worth-sentence').waitFor();
  assert.ok(await canvasIsDrawn(page, 'tornado'), 'the tornado is drawn');
  assert.match(await panel.locator('figure[data-chart="tornado"] .chart-text').innerText(), /^Median profit /);
  assert.match(await panel.locator('[data-evpi] td').innerText(), /^\$/);

  // Click the middle of the canvas's first bar band and see its field focused.
  const canvas = panel.locator('canvas');
  const box = await canvas.boundingBox();
  let focused = null;
  for (let y = 4; y < box.height && !focused; y += 6) {
    await canvas.click({ position: { x: box.width / 2, y } });
    focused = await page.evaluate(() => document.activeElement?.closest('.editor [data-path]')?.getAttribute('data-path') ?? null);
  }
  assert.ok(focused, 'a click on a bar focuses a field');
  const ranked = await page.evaluate(() => document.activeElement.closest('details')?.open);
  assert.equal(ranked, true, 'its section is open');

  // Another metric ranks again.
  await panel.locator('select[data-path="decide-metric"]').selectOption('customers');
  await page.waitForFunction(() => /customers/i.test(document.querySelector('[data-panel="decide"] figcaption')?.textContent ?? ''));

  // Pin, raise the price, and the current scenario beats the baseline.
  const compare = page.locator('[data-panel="compare"]');
  await compare.locator('[data-action="pin-baseline"]').click();
  await compare.locator('[data-compare="prob"] .card-value').waitFor();
  // Against itself: never strictly better.
  assert.match(await compare.locator('[data-compare="prob"] .card-value').innerText(), /^0(\.0)?%$/);
  await page.locator('[data-path="offers[0].price"] input.part').first().fill('99');
  await page.waitForFunction(() => {
    const v = document.querySelector('[data-panel="compare"] [data-compare="prob"] .card-value')?.textContent ?? '';
    return /^\d+(\.\d)?%$/.test(v) && parseFloat(v) > 90;
  }, null, { timeout: 60_000 });
  assert.equal(await compare.locator('.side-by-side .cards').count(), 2, 'both sets of headline cards');
  await page.screenshot({ path: path.join(artifacts, 'decide-ui-1280.png'), fullPage: true });

  // The baseline survives a reload.
  await page.reload();
  await waitDone(page);
  await compare.locator('[data-compare="pinned"]').waitFor();
  await compare.locator('[data-action="unpin-baseline"]').click();
  assert.equal(await compare.locator('[data-compare="pinned"]').count(), 0);

  // Two inputs tied in the editor, then untied.
  const ties = page.locator('[data-section="correlations"]');
  await ties.evaluate((d) => { d.open = true; });
  // The lists of fields are built when the section is first opened.
  await ties.locator('[data-correlation="second"] option:nth-child(2)').waitFor({ state: 'attached' });
  const fields = await ties.locator('[data-correlation="first"] option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
  await ties.locator('[data-correlation="first"]').selectOption(fields[0]);
  await ties.locator('[data-correlation="second"]').selectOption(fields[1]);
  await ties.locator('[data-action="add-correlation"]').click();
  await ties.locator('.tie').waitFor();
  await ties.locator('[data-action="remove-correlation"]').click();
  assert.equal(await ties.locator('.tie').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});
