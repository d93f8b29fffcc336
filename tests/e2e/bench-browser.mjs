// Browser measurements of the built app (dist/), printed per preset: edit → first
// change of the numbers, full run time, longest main-thread task, page weight,
// and wasm/native (one worker against one native core, same scenario and trials).
// Run by scripts/bench-browser.sh; not a test: it asserts nothing, it measures.
//
//   DIST=../../dist CLI=../../target/release/funnel-lab node bench-browser.mjs [preset…]
//
// With POOL_SIZES=1,2 it compares pool sizes instead (`?workers=N`): per preset and
// size, the full run after an edit, the first change, the longest main-thread task
// during the run, and how long the page takes to answer clicks and scrolling while
// the run goes (Event Timing: input delay, handlers and the next paint).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { dist, serve, launch, median } from './support.mjs';

const cli = process.env.CLI;
const repeats = Number(process.env.REPEATS ?? 1);
const only = process.argv.slice(2);
const poolSizes = process.env.POOL_SIZES ? process.env.POOL_SIZES.split(',').map(Number) : null;

/** Bytes of what the first load fetches (wasm, JS, CSS, HTML), raw and gzipped. */
function pageWeight() {
  let raw = 0, gz = 0;
  for (const f of fs.readdirSync(dist)) {
    if (!/\.(wasm|js|css|html)$/.test(f)) continue;
    const data = fs.readFileSync(path.join(dist, f));
    raw += data.length;
    gz += zlib.gzipSync(data, { level: 9 }).length;
  }
  // Fetched only by pages in Russian (web/src/lang.rs), so not in the first load of others.
  const ru = path.join(dist, 'ru.ftl');
  const ruGz = fs.existsSync(ru) ? zlib.gzipSync(fs.readFileSync(ru), { level: 9 }).length : 0;
  return { raw, gz, ruGz };
}

/** Installed before the app loads: records long tasks and every change of the status and headline numbers. */
function recorder() {
  window.__bench = { long: [], events: [], input: [] };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__bench.long.push({ start: e.startTime, ms: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__bench.input.push({ start: e.startTime, ms: e.duration });
  }).observe({ type: 'event', durationThreshold: 16 });
  const snapshot = () => {
    const text = (sel) => document.querySelector(sel)?.textContent ?? '';
    return {
      t: performance.now(),
      status: document.querySelector('.status')?.dataset.status ?? '',
      numbers: text('[data-card=profit] .card-value') + ' | ' + text('[data-card=prob_loss] .card-value'),
      statusText: text('.status'),
    };
  };
  const observer = new MutationObserver(() => {
    const s = snapshot();
    const last = window.__bench.events.at(-1);
    if (!last || last.status !== s.status || last.numbers !== s.numbers || last.statusText !== s.statusText) {
      window.__bench.events.push(s);
    }
  });
  document.addEventListener('DOMContentLoaded', () => {
    observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

async function waitDoneAfter(page, t0, timeout = 300_000) {
  try {
    await page.waitForFunction(
      (t0) => window.__bench.events.some((e) => e.t > t0 && e.status === 'running')
        && /^(done|capped)$/.test(window.__bench.events.at(-1).status) && window.__bench.events.at(-1).t > t0,
      t0, { timeout, polling: 50 });
  } catch (e) {
    const last = await page.evaluate(() => window.__bench.events.slice(-3)).catch(() => []);
    throw new Error(`${page.url()}: no finished run after ${timeout / 1000} s; last seen ${JSON.stringify(last)}`);
  }
}

function seconds(statusText) {
  const m = statusText.replace(/,/g, '').match(/([\d.]+)\s*trials in ([\d.]+) s/);
  return m ? { trials: Number(m[1]), s: Number(m[2]) } : null;
}

/** Uses the page while a run goes: opens and closes the editor's sections, scrolls the results. */
async function interact(page) {
  const sections = page.locator('.editor details.section > summary');
  for (let round = 0; round < 2; round++) {
    for (let i = 0; i < Math.min(await sections.count(), 4); i++) {
      await sections.nth(i).click();
      await page.waitForTimeout(100);
    }
  }
  await page.locator('#results').hover();
  for (let i = 0; i < 8; i++) {
    await page.mouse.wheel(0, 250);
    await page.waitForTimeout(60);
  }
}

/** One page: loads a preset, waits for its run, then makes one edit and times what follows
 * (using the page meanwhile, with `use`). */
async function measure(browser, base, preset, query, edit, use = false) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(recorder);
  const page = await context.newPage();
  await page.goto(`${base}?preset=${preset}${query}`);
  await waitDoneAfter(page, 0);
  const loadEnd = await page.evaluate(() => performance.now());
  // The edit: half a touch more per week (a field every preset has), or the next seed.
  const field = edit === 'seed' ? '[data-path="seed"]' : '[data-path="nurture.touches_per_week"]';
  const value = Number(await page.locator(field).first().inputValue());
  const step = edit === 'seed' ? 1 : 0.5;
  const t0 = await page.evaluate(({ field, next }) => {
    const input = document.querySelector(field);
    const t = performance.now();
    input.value = String(next);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    return t;
  }, { field, next: value + step });
  if (use) await interact(page);
  await waitDoneAfter(page, t0);
  const { long, events, input } = await page.evaluate(() => window.__bench);
  const before = events.filter((e) => e.t <= t0).at(-1)?.numbers;
  const firstChange = events.find((e) => e.t > t0 && e.numbers !== before && /\d/.test(e.numbers));
  // A run the cost guard stopped (estimated above a minute) counts as its time so far, marked.
  const done = events.filter((e) => e.t > t0 && /^(done|capped)$/.test(e.status)).at(-1);
  const maxOf = (xs) => xs.reduce((m, x) => Math.max(m, x.ms), 0);
  await context.close();
  return {
    firstChangeMs: firstChange ? firstChange.t - t0 : NaN,
    fullRunMs: done.t - t0,
    capped: done.status === 'capped',
    worker: seconds(done.statusText),
    longLoadMs: maxOf(long.filter((l) => l.start <= loadEnd)),
    longEditMs: maxOf(long.filter((l) => l.start > t0)),
    inputMs: input.filter((e) => e.start > t0 && e.start < done.t).map((e) => e.ms),
  };
}

function native(preset, trials, seed) {
  if (!cli) return NaN;
  const file = path.resolve(dist, '..', 'presets', `${preset}.json`);
  const t = process.hrtime.bigint();
  execFileSync(cli, ['run', file, '--trials', String(trials), '--seed', String(seed), '--compact'], { stdio: ['ignore', 'ignore', 'inherit'] });
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/** Per preset and pool size: full run, first change, longest task and the answer to input during a run. */
async function comparePoolSizes(browser, base, { ids }) {
  console.log('preset              workers  full run  edit→first change  longest task  input during the run (max / median)');
  for (const id of ids) {
    const runs = new Map(poolSizes.map((w) => [w, []]));
    for (let r = 0; r < repeats; r++) {
      for (const w of poolSizes) runs.get(w).push(await measure(browser, base, id, `&workers=${w}`, 'seed', true));
    }
    for (const [w, ms] of runs) {
      const input = ms.flatMap((m) => m.inputMs);
      console.log(
        `${id.padEnd(20)}${String(w).padStart(7)}`
        + `${`${(median(ms.map((m) => m.fullRunMs)) / 1000).toFixed(2)} s`.padStart(10)}`
        + `${`${median(ms.map((m) => m.firstChangeMs)).toFixed(0)} ms`.padStart(19)}`
        + `${`${Math.max(...ms.map((m) => m.longEditMs)).toFixed(0)} ms`.padStart(14)}`
        + `${`${Math.max(0, ...input).toFixed(0)} / ${(input.length ? median(input) : 0).toFixed(0)} ms (${input.length} events)`.padStart(38)}`,
      );
    }
  }
}

/** Per preset: edit → first change, full run (pool and one worker), longest tasks, wasm/native; and the page weight. */
async function compareWithNative(browser, base, { ids, cores, seed }) {
  const weight = pageWeight();
  console.log(`page weight: ${weight.raw} bytes, ${weight.gz} gzipped (a page in Russian also fetches ru.ftl: ${weight.ruGz} gzipped); navigator.hardwareConcurrency = ${cores}`);
  console.log('preset              edit→first change  full run (pool)  longest task load/edit  1 worker  native  wasm/native');
  for (const id of ids) {
    const pool = [], single = [];
    for (let r = 0; r < repeats; r++) {
      pool.push(await measure(browser, base, id, '', 'touches'));
      single.push(await measure(browser, base, id, '&workers=1', 'seed'));
    }
    const capped = [...pool, ...single].some((m) => m.capped) ? '  (a run was capped by the cost guard)' : '';
    const trials = single[0].worker?.trials ?? 10_000;
    const nativeMs = median(Array.from({ length: repeats }, () => native(id, trials, seed + 1)));
    const oneWorkerMs = median(single.map((m) => m.fullRunMs));
    const pick = (k) => median(pool.map((m) => m[k]));
    const longLoad = Math.max(...pool.map((m) => m.longLoadMs), ...single.map((m) => m.longLoadMs));
    const longEdit = Math.max(...pool.map((m) => m.longEditMs), ...single.map((m) => m.longEditMs));
    console.log(
      `${id.padEnd(20)}${`${pick('firstChangeMs').toFixed(0)} ms`.padStart(17)}`
      + `${`${(pick('fullRunMs') / 1000).toFixed(2)} s`.padStart(17)}`
      + `${`${longLoad.toFixed(0)} / ${longEdit.toFixed(0)} ms`.padStart(24)}`
      + `${`${(oneWorkerMs / 1000).toFixed(2)} s`.padStart(10)}`
      + `${`${(nativeMs / 1000).toFixed(2)} s`.padStart(8)}`
      + `${(oneWorkerMs / nativeMs).toFixed(2).padStart(13)}${capped}`,
    );
  }
}

const server = await serve(dist);
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await launch();
try {
  // What the page offers: the presets measured (those named, else all), its cores and its seed.
  const probe = await browser.newPage();
  await probe.goto(base);
  const offered = await probe.$$eval('[data-action=preset] option', (os) => os.map((o) => o.value));
  const page = {
    ids: offered.filter((id) => only.length === 0 || only.includes(id)),
    cores: await probe.evaluate(() => navigator.hardwareConcurrency),
    seed: Number(await probe.locator('[data-path="seed"]').inputValue()),
  };
  await probe.close();
  if (poolSizes) await comparePoolSizes(browser, base, page);
  else await compareWithNative(browser, base, page);
} finally {
  await browser.close();
  server.close();
}
