// The largest run the page allows, measured in the built app (dist/): a share
// link asking for 1,000,000 trials of a preset (the page's most), the
// cost guard's "run the rest" accepted, then waited for to
// the end. Prints the trials run, the notices shown, the wall time and the
// peak memory of Chromium's renderer processes (the tab and its workers:
// private, and resident with the shared binary) and of the whole browser,
// sampled every 250 ms. Run by
// `scripts/bench-browser.sh --largest-run [PRESET]`; not a test: it measures.
//
//   DIST=../../dist node largest-run.mjs [preset]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { serve, launch, dist, preset, linkFragment, watch } from './support.mjs';

const id = process.argv[2] ?? 'example';
const TRIALS = Number(process.env.TRIALS ?? 1_000_000);

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
  // Private memory (what the process alone holds: not the shared Chromium
  // binary and libraries that resident memory also counts).
  const privateBytes = (pid) => {
    try {
      const text = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      return ['Private_Clean', 'Private_Dirty'].reduce((s, k) => s + Number(text.match(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm'))?.[1] ?? 0) * 1024, 0);
    } catch { return 0; }
  };
  const renderers = ours.filter((r) => r.args.includes('--type=renderer'));
  return {
    all: sum(ours),
    renderers: sum(renderers),
    renderersPrivate: renderers.reduce((s, r) => s + privateBytes(r.pid), 0),
  };
}

const server = await serve(dist);
const base = `http://127.0.0.1:${server.address().port}/`;
/** The pids of Chromium's browser processes (started with --remote-debugging-pipe). */
const browserPids = () => execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).split('\n')
  .filter((l) => l.includes('--remote-debugging-pipe') && !l.includes('--type=')).map((l) => +l.trim().split(/\s+/)[0]);
const before = new Set(browserPids());
const browser = await launch();
const mb = (b) => `${(b / 1e6).toFixed(0)} MB`;
try {
  const root = browserPids().find((pid) => !before.has(pid));
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = watch(page);
  const peak = { all: 0, renderers: 0, renderersPrivate: 0 };
  const sampler = setInterval(() => {
    if (!root) return;
    const m = memory(root);
    peak.all = Math.max(peak.all, m.all);
    peak.renderers = Math.max(peak.renderers, m.renderers);
    peak.renderersPrivate = Math.max(peak.renderersPrivate, m.renderersPrivate);
  }, 250);
  const t0 = Date.now();
  await page.goto(`${base}#${linkFragment(preset(id), TRIALS)}`);
  // A link asking for more than the page allows is offered the page's most.
  await page.locator('.status[data-status="running"], [data-offer=run-trials]').first().waitFor({ timeout: 60_000 });
  const offer = page.locator('[data-offer=run-trials]');
  if (await offer.count()) await offer.click();
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
  console.log(`wall time from opening the link: ${wall.toFixed(1)} s`);
  console.log(`peak memory of the tab and its workers (renderer processes): private ${mb(peak.renderersPrivate)}, resident ${mb(peak.renderers)}; whole browser resident ${mb(peak.all)}`);
  console.log(`problems: ${problems.length ? problems.join(' | ') : 'none'}`);
  await context.close();
} finally {
  await browser.close();
  server.close();
}
