// Long tasks of the page's main thread at load, counted over many loads: the
// diagnostic behind issue 9's target 4 ("no main-thread task over 50 ms"). Each
// load is a fresh context that opens `?preset=ID` and waits for its run to
// finish; a PerformanceObserver records every long task (over 50 ms) meanwhile,
// with nothing else watching the page. Not a test: prints figures.
//
//   DIST=../../dist node load-tasks.mjs [PRESETS] [LOADS]
//
// PRESETS is a comma-separated list (default: every preset), LOADS the loads per
// preset (default 5). It prints, per preset and in all: long tasks per load,
// their time over 50 ms, the median and P90 of each load's longest task, the
// loads with none, and the median time from navigation to the first numbers.
import { serve, launch, dist, median } from './support.mjs';

const loads = Number(process.argv[3] ?? 5);
const p90 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)] ?? NaN;

function record() {
  window.__long = [];
  window.__first = null;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__long.push(Math.round(e.duration));
  }).observe({ type: 'longtask', buffered: true });
  document.addEventListener('DOMContentLoaded', () => new MutationObserver(() => {
    if (!window.__first && /\d/.test(document.querySelector('[data-card=profit] .card-value')?.textContent ?? '')) {
      window.__first = performance.now();
    }
  }).observe(document.body, { subtree: true, childList: true, characterData: true }));
}

function report(name, runs) {
  const tasks = runs.flatMap((r) => r.long);
  const longest = runs.map((r) => Math.max(0, ...r.long));
  console.log(`${name.padEnd(18)} ${(tasks.length / runs.length).toFixed(2).padStart(9)}`
    + `${`${tasks.reduce((s, t) => s + t - 50, 0)} ms`.padStart(14)}`
    + `${`${median(longest)} / ${p90(longest)} ms`.padStart(20)}`
    + `${`${runs.filter((r) => r.long.length === 0).length} of ${runs.length}`.padStart(12)}`
    + `${`${Math.round(median(runs.map((r) => r.first)))} ms`.padStart(16)}`);
}

const server = await serve(dist);
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await launch();
try {
  let presets = process.argv[2]?.split(',');
  if (!presets) {
    const probe = await browser.newPage();
    await probe.goto(base);
    await probe.locator('[data-action=preset] option').first().waitFor({ state: 'attached' });
    presets = await probe.$$eval('[data-action=preset] option', (os) => os.map((o) => o.value));
    await probe.close();
  }
  console.log('preset             tasks/load  over 50 ms   longest med / P90  none over 50  first numbers');
  const all = [];
  for (const preset of presets) {
    const runs = [];
    for (let i = 0; i < loads; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      await context.addInitScript(record);
      const page = await context.newPage();
      await page.goto(`${base}?preset=${preset}`);
      await page.waitForFunction(() => document.querySelector('.status')?.dataset.status === 'done',
        null, { timeout: 120_000, polling: 100 });
      runs.push(await page.evaluate(() => ({ long: window.__long, first: window.__first })));
      await context.close();
    }
    report(preset, runs);
    all.push(...runs);
  }
  report('all', all);
} finally {
  await browser.close();
  server.close();
}
