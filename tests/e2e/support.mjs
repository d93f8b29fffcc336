// Shared by the end-to-end tests: a static server, Debian's Chromium, and
// helpers that read the app's state from the page.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The middle value of `xs` (the upper of the two middle ones for an even count; NaN when empty). */
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
export const dist = path.resolve(here, process.env.DIST ?? '../../dist');
export const artifacts = path.resolve(here, 'artifacts');
fs.mkdirSync(artifacts, { recursive: true });

const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.png': 'image/png' };

/** A static server for `root` on a free loopback port; `extra` maps paths to [type, body]. */
export function serve(root, extra = {}) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (extra[url.pathname]) {
      const [type, body] = extra[url.pathname];
      res.writeHead(200, { 'content-type': type });
      return res.end(body);
    }
    let file = path.join(root, decodeURIComponent(url.pathname));
    if (!file.startsWith(root)) { res.writeHead(403); return res.end(); }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    fs.readFile(file, (err, data) => {
      if (err) { res.writeHead(404); return res.end('not found'); }
      res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
      res.end(data);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Debian's headless Chromium (launch() gives each context a fresh, empty profile). */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** Records console errors, uncaught exceptions and dialogs (none is expected). */
export function watch(page) {
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); d.dismiss(); });
  return problems;
}

export const status = (page) => page.locator('.status');

/**
 * A page at `url` in a fresh profile (its own storage) that records problems
 * (see `watch`). `init` runs in the page before its scripts, with `arg`.
 */
export async function freshPage(browser, url, init, arg) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1, acceptDownloads: true });
  if (init) await context.addInitScript(init, arg);
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(url);
  return { context, page, problems };
}

export async function waitDone(page, timeout = 60_000) {
  await page.waitForSelector('.status[data-status="done"]', { timeout });
}

/** Whether a canvas has something drawn on it besides the background. */
export async function canvasIsDrawn(page, chart) {
  return page.$eval(`figure[data-chart="${chart}"] canvas`, (c) => {
    const ctx = c.getContext('2d');
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    const colours = new Set();
    for (let i = 0; i < data.length; i += 4 * 97) colours.add(`${data[i]},${data[i + 1]},${data[i + 2]}`);
    return c.width > 100 && colours.size > 3;
  });
}

export async function setField(page, selector, value) {
  const input = page.locator(selector).first();
  await input.fill(value);
}

const presetsDir = path.resolve(here, '../../presets');

/** A preset's scenario, as its JSON file has it. */
export const preset = (id) => JSON.parse(fs.readFileSync(path.join(presetsDir, `${id}.json`), 'utf8'));

/** A share link's fragment, made the way the app makes it (zlib, then base64url). */
export function linkFragment(scenario, trials = 2000, seed = 1) {
  const envelope = { format: 'funnel-lab', version: 1, trials, seed, scenario };
  return 's1.' + zlib.deflateSync(Buffer.from(JSON.stringify(envelope))).toString('base64url');
}

/**
 * Serves dist/ and launches Chromium for the calling test file, through
 * node:test's before/after hooks. The returned object gains `server`, `base`
 * (the app's address) and `browser` once the hooks have run; `onClose` runs
 * after the browser and server are closed.
 */
export function servedApp({ onClose } = {}) {
  const app = {};
  before(async () => {
    assert.ok(fs.existsSync(path.join(dist, 'index.html')), `no build at ${dist}: run trunk build first`);
    app.server = await serve(dist);
    app.base = `http://127.0.0.1:${app.server.address().port}/`;
    app.browser = await launch();
  });
  after(async () => {
    await app.browser?.close();
    app.server?.close();
    await onClose?.();
  });
  return app;
}

/**
 * The classic preset grown to `channels` channels and `offers` offers (follow-ups
 * of the entry offer), names `nameLength` long; small traffic and a short horizon,
 * so that runs stay quick.
 */
export function grown({ channels = 1, offers = 1, nameLength = 0 }) {
  const sc = preset('classic');
  sc.horizon_days = 60;
  const pad = (s) => (nameLength ? s.padEnd(nameLength, '·') : s);
  sc.channels = Array.from({ length: channels }, (_, i) => ({ ...sc.channels[0], name: pad(`Channel ${i}`), end_day: 60, visitors_per_day: 20 }));
  const follow = { offered_to: sc.offers[0].id, take_rate: 0.1, delay_days: 3, price: 50, unit_cost: 5, refund_rate: 0.01 };
  sc.offers = [{ ...sc.offers[0], name: pad(sc.offers[0].name) },
    ...Array.from({ length: offers - 1 }, (_, i) => ({ ...follow, id: `o${i}`, name: pad(`Offer ${i}`) }))];
  return sc;
}

/**
 * Runs `action` under a Chromium trace of `page` and returns the renderer main
 * thread's complete events (`events`, with `inside(child, parent)`) and its
 * tasks, each with `cpu`, its thread time in ms less that of the tasks nested in
 * it (what it costs, not how long a loaded machine took to give it the
 * processor), and `start`, whether it is part of the app's start (it compiles
 * the wasm or evaluates the app's module).
 */
export async function traceMainThread(browser, page, action) {
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  await action();
  const { traceEvents } = JSON.parse((await browser.stopTracing()).toString());
  const main = new Set(traceEvents.filter((e) => e.name === 'thread_name' && e.args.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const events = traceEvents.filter((e) => e.ph === 'X' && main.has(`${e.pid}:${e.tid}`));
  const inside = (c, t) => c !== t && c.ts >= t.ts && c.ts + c.dur <= t.ts + t.dur;
  const runs = events.filter((e) => e.name === 'RunTask' && e.tdur);
  const tasks = runs.map((t) => {
    const nested = runs.filter((c) => inside(c, t) && !runs.some((m) => inside(c, m) && inside(m, t)));
    const cpu = (t.tdur - nested.reduce((sum, c) => sum + c.tdur, 0)) / 1000;
    const start = events.some((c) => inside(c, t) && /^v8\.(evaluateModule|wasm\.compile)/.test(c.name) && !nested.some((n) => inside(c, n)));
    return Object.assign(t, { cpu, start });
  });
  return { events, tasks, inside };
}
