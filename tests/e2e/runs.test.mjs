// End-to-end tests of how runs go: progressive results, the pool, a worker
// that dies, and the cost guard (test hooks come through the page address).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { servedApp, artifacts, watch, status, waitDone, setField } from './support.mjs';

const app = servedApp();

async function open(query = '') {
  const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = watch(page);
  await page.goto(`${app.base}${query}`);
  return { page, problems };
}

/** Every headline number and table cell, as text. */
const numbers = (page) => page.$$eval('.card-value, .card-margin, table.data td', (cells) => cells.map((c) => c.textContent));

test('results refine as trials come, and 1 or 2 workers give the same numbers', async () => {
  const seen = [];
  for (const workers of [1, 2]) {
    const { page, problems } = await open(`?preset=example&workers=${workers}`);
    await waitDone(page);
    // Record what the cards show while a run of 4,000 trials goes.
    await page.evaluate(() => {
      window.__shown = [];
      new MutationObserver(() => {
        const note = document.querySelector('.preview-note')?.textContent ?? '';
        const profit = document.querySelector('[data-card=profit] .card-value')?.textContent ?? '';
        window.__shown.push({ note, profit, status: document.querySelector('.status').dataset.status });
      }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    await setField(page, '[data-path="trials"]', '4000');
    await page.waitForFunction(() => window.__shown.some((s) => s.status === 'running'));
    await waitDone(page);
    const shown = await page.evaluate(() => window.__shown);
    const partial = shown.filter((s) => /Based on the first [\d,]+ trials/.test(s.note));
    assert.ok(partial.length > 0, 'partial results are shown with their trials');
    const profits = new Set(shown.filter((s) => s.status === 'running').map((s) => s.profit));
    assert.ok(profits.size >= 2, `the numbers refine during the run: ${[...profits]}`);
    assert.match(await status(page).innerText(), /4,000 trials in/);
    assert.match(await page.locator('[data-card=profit] .card-margin').innerText(), /±/);
    seen.push(await numbers(page));
    if (workers === 2) await page.screenshot({ path: path.join(artifacts, 'two-workers.png'), fullPage: true });
    assert.deepEqual(problems, []);
    await page.close();
  }
  assert.deepEqual(seen[1], seen[0], 'the pool gives the numbers of one worker');
});

test('going back to the inputs of a finished run shows its results at once', async () => {
  const { page, problems } = await open('?preset=example');
  await waitDone(page);
  const first = await numbers(page);
  const seed = await page.locator('[data-path="seed"]').inputValue();
  await setField(page, '[data-path="seed"]', String(Number(seed) + 1));
  await page.waitForSelector('.status[data-status="running"], .status[data-status="waiting"]');
  await waitDone(page);
  assert.notDeepEqual(await numbers(page), first, 'another seed, other numbers');
  assert.equal(await page.locator('.status .kept').count(), 0);
  // Back to the first seed: the run kept from before, not run again.
  await setField(page, '[data-path="seed"]', seed);
  await page.locator('.status .kept').waitFor();
  await waitDone(page);
  assert.match(await status(page).innerText(), /^[\d,]+ trials, kept from a recent run of the same inputs$/);
  assert.deepEqual(await numbers(page), first, 'the numbers of that run');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a worker that dies ends its run with a message and an offer to rerun', async () => {
  for (const [hook, words] of [['runner-oom', /ran out of memory/], ['runner-hang&test-silence-ms=1500', /stopped answering/]]) {
    const { page } = await open(`?preset=classic&test-crash=${hook}`);
    await page.waitForSelector('.status[data-status="failed"]', { timeout: 30_000 });
    const text = await status(page).innerText();
    assert.match(text, words, text);
    const rerun = page.locator('[data-action=rerun]');
    assert.match(await rerun.innerText(), /Run again with [\d,]+ trials/);
    await page.screenshot({ path: path.join(artifacts, `crash-${hook.split('&')[0]}.png`) });
    // The crash hook fires once: the rerun goes through on fresh workers.
    await rerun.click();
    await waitDone(page);
    await page.close();
  }
});

test('the cost guard stops a run estimated above a minute and offers the rest', async () => {
  const { page, problems } = await open('?preset=classic&test-slow-pilot=2000');
  await page.waitForSelector('.status[data-status="capped"]', { timeout: 30_000 });
  const text = await status(page).innerText();
  assert.match(text, /Ran [\d,]+ of 10,000 trials: the rest would take about \d+ (min|h)/, text);
  assert.match(await page.locator('[data-card=prob_loss] .card-detail').innerText(), /trials/);
  await page.screenshot({ path: path.join(artifacts, 'cost-guard.png') });
  await page.click('[data-action=run-rest]');
  await waitDone(page);
  assert.match(await status(page).innerText(), /10,000 trials in/);
  assert.deepEqual(problems, []);
  await page.close();
});
