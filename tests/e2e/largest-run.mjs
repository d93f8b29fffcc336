// The largest run the page allows, measured in the built app (dist/): a share
// link asking for 1,000,000 trials of a preset, the offer to run the page's
// most accepted, the cost guard's "run the rest" accepted, then waited for to
// the end. Prints the trials run, the notices shown, the wall time and the
// peak memory of Chromium's renderer processes (the tab and its workers) and
// of the whole browser, sampled every 250 ms. Run by
// `scripts/bench-browser.sh --largest-run [PRESET]`; not a test: it measures.
//
//   DIST=../../dist node largest-run.mjs [preset]
import { execFileSync } from 'node:child_process';
import { serve, launch, dist, preset, linkFragment, watch } from './support.mjs';

const id = process.argv[2] ?? 'example';
const TRIALS = 1_000_000;

/** Resident memory in bytes of `root` and its descendants: { all, renderers }. */
function memory(root) {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,rss=,args='], { encoding: 'utf8' })
    .split('\n').filter(Boolean).map((l) => {
      const [pid, ppid, rss, ...args] = l.trim().split(/\s+/);
      return { pid: +pid, ppid: +ppid, rss: +rss * 1024, args: args.join(' ') };
    });
  const mine = new Set([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const r of rows) if (mine.has(r.ppid) && !mine.has(r.pid)) { mine.add(r.pid); grew = true; }
  }
  const ours = rows.filter((r) => mine.has(r.pid));
  const sum = (xs) => xs.reduce((s, r) => s + r.rss, 0);
  return { all: sum(ours), renderers: sum(ours.filter((r) => r.args.includes('--type=renderer'))) };
}

const server = await serve(dist);
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await launch();
const mb = (b) => `${(b / 1e6).toFixed(0)} MB`;
try {
  const root = browser.process?.()?.pid;
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = watch(page);
  const peak = { all: 0, renderers: 0 };
  const sampler = setInterval(() => {
    if (!root) return;
    const m = memory(root);
    peak.all = Math.max(peak.all, m.all);
    peak.renderers = Math.max(peak.renderers, m.renderers);
  }, 250);
  await page.goto(`${base}#${linkFragment(preset(id), TRIALS)}`);
  const offer = page.locator('[data-offer=run-trials]');
  await offer.waitFor({ timeout: 60_000 });
  const t0 = Date.now();
  await offer.click();
  const notices = new Set();
  let lastStatus = '';
  for (;;) {
    await page.waitForTimeout(500);
    for (const n of await page.locator('.notice').allInnerTexts()) notices.add(n.replace(/\s+/g, ' ').trim());
    const s = await page.locator('.status').getAttribute('data-status');
    const text = (await page.locator('.status').innerText()).replace(/\s+/g, ' ');
    if (text !== lastStatus && !/^running$/.test(s)) lastStatus = text;
    if (s === 'capped' && await page.locator('[data-action=run-rest]').count()) {
      console.log(`cost guard after ${((Date.now() - t0) / 1000).toFixed(0)} s: ${text}`);
      await page.click('[data-action=run-rest]');
    } else if (s === 'done' || s === 'failed') {
      lastStatus = text;
      break;
    }
  }
  clearInterval(sampler);
  const wall = (Date.now() - t0) / 1000;
  console.log(`preset ${id}, link asking for ${TRIALS.toLocaleString('en')} trials`);
  for (const n of notices) console.log(`notice: ${n}`);
  console.log(`status: ${lastStatus}`);
  console.log(`wall time from the click: ${wall.toFixed(1)} s`);
  console.log(`peak resident memory: renderers (tab and workers) ${mb(peak.renderers)}, whole browser ${mb(peak.all)}`);
  console.log(`problems: ${problems.length ? problems.join(' | ') : 'none'}`);
  await context.close();
} finally {
  await browser.close();
  server.close();
}
