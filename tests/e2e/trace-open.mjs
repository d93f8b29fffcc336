// Where the opening of the largest allowed scenario spends its main-thread
// time, from a Chromium trace of the built app (dist/): the longest tasks after
// the app's start (CPU time) with what is nested in them (style, layout, paint,
// timers, garbage collection), and the total style and layout time. A
// diagnostic for issue 15's 50 ms aim, not a test. An optional style sheet in
// CSS is added to the page before its scripts, to try a rule without a build.
//
//   DIST=../../dist [RUNS=3] [TOP=5] [CSS='…'] node trace-open.mjs
import { serve, launch, dist, linkFragment, waitDone, grown, traceMainThread } from './support.mjs';

const runs = Number(process.env.RUNS ?? 3);
const top = Number(process.env.TOP ?? 5);
const largest = linkFragment(grown({ channels: 50, offers: 30, nameLength: 200 }), 500);
const server = await serve(dist);
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await launch();
try {
  for (let run = 0; run < runs; run++) {
    // The page's Content-Security-Policy (style-src 'self') would block the
    // injected style sheet: bypassed here, and only here.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: !!process.env.CSS });
    if (process.env.CSS) {
      await context.addInitScript((css) => document.addEventListener('DOMContentLoaded', () => {
        const s = document.createElement('style');
        s.textContent = css;
        document.head.append(s);
      }), process.env.CSS);
    }
    const page = await context.newPage();
    const { events, tasks: all, inside } = await traceMainThread(browser, page, async () => {
      await page.goto(`${base}#${largest}`);
      await waitDone(page, 120_000);
      await page.locator('fieldset[data-item="channel-49"]').waitFor();
    });
    await context.close();
    const tasks = all.filter((t) => !t.start).sort((a, b) => b.cpu - a.cpu);
    const total = (name) => (events.filter((e) => e.name === name).reduce((s, e) => s + e.dur, 0) / 1000).toFixed(0);
    const t0 = Math.min(...events.map((e) => e.ts));
    console.log(`opening ${run + 1}: longest tasks after the start (ms of CPU) ${JSON.stringify(tasks.slice(0, 5).map((t) => Math.round(t.cpu)))}; style ${total('UpdateLayoutTree')} ms, layout ${total('Layout')} ms in all`);
    for (const t of tasks.slice(0, top)) {
      console.log(`  task at ${((t.ts - t0) / 1000).toFixed(0)} ms: CPU ${t.cpu.toFixed(1)} ms, wall ${(t.dur / 1000).toFixed(1)} ms`);
      for (const c of events.filter((c) => inside(c, t) && c.dur > 1000).slice(0, 10)) {
        console.log(`    ${c.name} ${(c.dur / 1000).toFixed(1)} ms`);
      }
    }
  }
} finally {
  await browser.close();
  server.close();
}
