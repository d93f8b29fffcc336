// End-to-end tests of keeping and sharing (issue 5): autosave, named
// scenarios, files, share links, exports, and the embed mode from another origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import { dist, artifacts, serve, launch, watch, status, waitDone, canvasIsDrawn, setField, preset, linkFragment, freshPage } from './support.mjs';

const MARKUP = '<img src=x onerror=alert(1)>';

let app, host, browser, base, hostBase;
const figures = {};

before(async () => {
  assert.ok(fs.existsSync(path.join(dist, 'index.html')), `no build at ${dist}: run trunk build first`);
  app = await serve(dist);
  base = `http://127.0.0.1:${app.address().port}/`;
  // A course page on another origin (another port) that embeds the app.
  const embedSrc = `${base}?embed&charts=profit-histogram,channel-roi&edit=offers[0].price,channels[0].optin_rate#${linkFragment(preset('classic'), 2000, 3)}`;
  const page = `<!doctype html><meta charset="utf-8"><title>Course page</title><link rel="icon" href="data:,">
    <h1>Lesson 3: pricing the tripwire</h1>
    <iframe id="lab" src="${embedSrc.replace(/&/g, '&amp;')}" title="Funnel Lab simulation" width="100%" height="900" style="border:0"></iframe>`;
  host = await serve(path.resolve(dist, '..'), { '/course.html': ['text/html', page] });
  hostBase = `http://127.0.0.1:${host.address().port}/`;
  browser = await launch();
});

after(async () => {
  await browser?.close();
  app?.close();
  host?.close();
  console.log('figures:', JSON.stringify(figures, null, 2));
  fs.writeFileSync(path.join(artifacts, 'keep-figures.json'), JSON.stringify(figures, null, 2));
});

/** A page in a fresh profile (its own storage). `init` runs before the page's scripts. */
const fresh = (url = base, init, arg) => freshPage(browser, url, init, arg);

const nameField = '[data-path="name"]';
const notice = (page, tone) => page.locator(`.notice[data-notice="${tone}"]`);

/** Every number the results show: cards and tables, as text. */
async function resultsText(page) {
  return page.$$eval('.cards, table.data, .facts', (els) => els.map((e) => e.innerText).join('\n'));
}

async function download(page, action) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(`[data-action="${action}"]`)]);
  const where = path.join(artifacts, file.suggestedFilename());
  await file.saveAs(where);
  return { name: file.suggestedFilename(), bytes: fs.readFileSync(where) };
}

test('the scenario, its trials and seed survive a reload', async () => {
  const { context, page, problems } = await fresh();
  await waitDone(page);
  await setField(page, nameField, 'Autosave check');
  await setField(page, '[data-path="trials"]', '3000');
  await setField(page, '[data-path="seed"]', '7');
  await waitDone(page);
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('funnel-lab/autosave')));
  assert.equal(stored.format, 'funnel-lab');
  assert.equal(stored.version, 1, 'the stored value carries its schema version');
  assert.equal(stored.scenario.name, 'Autosave check');
  await page.reload();
  await waitDone(page);
  assert.equal(await page.locator(nameField).inputValue(), 'Autosave check');
  assert.equal(await page.locator('[data-path="trials"]').inputValue(), '3000');
  assert.equal(await page.locator('[data-path="seed"]').inputValue(), '7');
  assert.match(await status(page).innerText(), /3,000 trials/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('named scenarios: save, rename, duplicate, delete with undo, open', async () => {
  const { context, page, problems } = await fresh();
  await waitDone(page);
  await page.click('[data-panel=library] > summary');
  await setField(page, '[data-field=save-name]', 'Plan A');
  await page.click('[data-action=save]');
  await page.locator('li[data-name="Plan A"]').waitFor();
  // Rename it.
  await page.click('li[data-name="Plan A"] [data-action=rename]');
  await setField(page, 'li[data-name="Plan A"] [data-field=rename]', 'Plan B');
  await page.click('li[data-name="Plan A"] [data-action=rename-ok]');
  await page.locator('li[data-name="Plan B"]').waitFor();
  assert.equal(await page.locator('li[data-name="Plan A"]').count(), 0);
  // Duplicate, then delete the copy and undo.
  await page.click('li[data-name="Plan B"] [data-action=duplicate]');
  await page.locator('li[data-name="Plan B (copy)"]').waitFor();
  await page.click('li[data-name="Plan B (copy)"] [data-action=delete]');
  await page.locator('li[data-name="Plan B (copy)"]').waitFor({ state: 'detached' });
  await page.click('.notice [data-action=undo]');
  await page.locator('li[data-name="Plan B (copy)"]').waitFor();
  // Edit, then open the saved one: the saved version comes back, and Undo restores the edit.
  await setField(page, nameField, 'Edited after saving');
  await page.click('li[data-name="Plan B"] [data-action=open]');
  await page.waitForFunction((sel) => document.querySelector(sel).value !== 'Edited after saving', nameField);
  const opened = await page.locator(nameField).inputValue();
  assert.notEqual(opened, 'Edited after saving');
  await page.click('.notice [data-action=undo]');
  await page.waitForFunction((sel) => document.querySelector(sel).value === 'Edited after saving', nameField);
  // The library is still there after a reload.
  await page.reload();
  await page.click('[data-panel=library] > summary');
  assert.deepEqual(await page.$$eval('ul.names li', (ls) => ls.map((l) => l.dataset.name)), ['Plan B', 'Plan B (copy)']);
  await page.screenshot({ path: path.join(artifacts, 'library.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test('a good file opens; a bad one lists its problems and changes nothing', async () => {
  const { context, page, problems } = await fresh();
  await waitDone(page);
  const good = { ...preset('membership'), name: 'Imported membership' };
  await page.setInputFiles('[data-action=import]', { name: 'good.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(good)) });
  await page.waitForFunction((sel) => document.querySelector(sel).value === 'Imported membership', nameField);
  await waitDone(page);
  const before = await page.locator(nameField).inputValue();
  const beforeStored = await page.evaluate(() => localStorage.getItem('funnel-lab/autosave'));

  const bad = preset('classic');
  bad.name = 'Bad file';
  bad.offers[0].price = -5;
  bad.channels[0].optin_rate = 1.7;
  await page.setInputFiles('[data-action=import]', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
  const problem = notice(page, 'problem').last();
  await problem.waitFor();
  const text = await problem.innerText();
  assert.match(text, /bad\.json/);
  assert.match(text, /offers\[0\]\.price/);
  assert.match(text, /channels\[0\]\.optin_rate/);
  assert.ok(await problem.locator('li').count() >= 2, text);
  assert.equal(await page.locator(nameField).inputValue(), before, 'nothing changed');
  assert.equal(await page.evaluate(() => localStorage.getItem('funnel-lab/autosave')), beforeStored);

  // Not JSON at all, dropped on the page.
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['this is not json'], 'notes.txt', { type: 'text/plain' }));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  await page.locator('.notice[data-notice=problem]', { hasText: 'notes.txt' }).waitFor();
  assert.equal(await page.locator(nameField).inputValue(), before);

  // A good file dropped on the page opens.
  const dropped = JSON.stringify({ ...preset('classic'), name: 'Dropped' });
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, dropped);
  await page.waitForFunction((sel) => document.querySelector(sel).value === 'Dropped', nameField);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a share link opened in a fresh profile gives the same numbers', async () => {
  const { context, page, problems } = await fresh();
  await page.selectOption('[data-action=preset]', 'membership');
  await setField(page, '[data-path="trials"]', '4000');
  await setField(page, '[data-path="seed"]', '11');
  await waitDone(page);
  const numbers = await resultsText(page);
  await page.click('[data-action=share]');
  const link = await page.locator('[data-field=share-url]').inputValue();
  assert.ok(link.startsWith(base) && link.includes('#s1.'), link);
  figures.share_link_membership_chars = link.length;

  const other = await fresh(link);
  await waitDone(other.page);
  assert.match(await status(other.page).innerText(), /4,000 trials/);
  assert.equal(await resultsText(other.page), numbers, 'same scenario, seed and trials: same results');
  assert.equal(await other.page.evaluate(() => location.hash), '', 'the link leaves the address once loaded');
  // A reload shows the autosaved copy, not the link again.
  await other.page.reload();
  await waitDone(other.page);
  assert.equal(await resultsText(other.page), numbers);
  assert.deepEqual(other.problems, []);
  await other.context.close();
  assert.deepEqual(problems, []);
  await context.close();
});

test('markup in a shared name shows as text and runs nothing', async () => {
  const scenario = preset('classic');
  scenario.name = MARKUP;
  scenario.channels[0].name = `${MARKUP}<script>alert(2)</script>`;
  const { context, page, problems } = await fresh(`${base}#${linkFragment(scenario)}`);
  await waitDone(page);
  assert.equal(await page.locator(nameField).inputValue(), MARKUP);
  const row = page.locator('table[data-table=channels] tbody th').first();
  assert.equal(await row.innerText(), `${MARKUP}<script>alert(2)</script>`);
  assert.equal(await page.locator('img[src=x]').count(), 0, 'no element was made from the name');
  // Exports name files safely and keep the text.
  const json = await download(page, 'export-json');
  assert.equal(json.name, 'img-src-x-onerror-alert-1.json');
  assert.equal(JSON.parse(json.bytes.toString()).name, MARKUP);
  assert.deepEqual(problems, [], 'no dialog, no error');
  await context.close();
});

test('a truncated or tampered link says so and loads nothing', async () => {
  const scenario = { ...preset('membership'), name: 'Should not load' };
  const fragment = linkFragment(scenario);
  const cut = fragment.slice(0, Math.floor(fragment.length / 2));
  const middle = Math.floor(fragment.length / 2);
  const changed = fragment.slice(0, middle) + (fragment[middle] === 'A' ? 'B' : 'A') + fragment.slice(middle + 1);
  for (const [what, bad] of [['truncated', cut], ['tampered', changed]]) {
    const { context, page, problems } = await fresh(`${base}#${bad}`);
    const problem = notice(page, 'problem').first();
    await problem.waitFor();
    assert.match(await problem.innerText(), /damaged/, what);
    await waitDone(page);
    assert.notEqual(await page.locator(nameField).inputValue(), 'Should not load', what);
    assert.deepEqual(problems, [], what);
    await context.close();
  }
});

test('opening a link keeps the work it replaces', async () => {
  const { context, page, problems } = await fresh();
  await waitDone(page);
  await setField(page, nameField, 'My own work');
  await waitDone(page);
  const fragment = linkFragment({ ...preset('membership'), name: 'Shared one' });
  // A link pasted into the address bar of the open app: the work is kept under
  // a name (it used to be kept by Undo only), and Undo brings it back.
  await page.evaluate((h) => { location.hash = h; }, fragment);
  await page.waitForFunction((sel) => document.querySelector(sel).value === 'Shared one', nameField);
  await page.locator('li[data-name="My own work (before a shared link)"]').waitFor({ state: 'attached' });
  await page.waitForFunction(() => location.hash === '');
  await page.click('.notice [data-action=undo]');
  await page.waitForFunction((sel) => document.querySelector(sel).value === 'My own work', nameField);
  await setField(page, nameField, 'My newer work');
  await waitDone(page);
  // A link opened in a new tab: the autosaved work is kept under a name.
  const tab = await context.newPage();
  const tabProblems = watch(tab);
  await tab.goto(`${base}#${fragment}`);
  await tab.locator('.notice[data-notice=info]', { hasText: 'My newer work (before a shared link)' }).waitFor();
  await waitDone(tab);
  assert.equal(await tab.locator(nameField).inputValue(), 'Shared one');
  assert.equal(await tab.title(), 'Shared one · Funnel Lab');
  await tab.click('[data-panel=library] > summary');
  await tab.locator('li[data-name="My newer work (before a shared link)"] [data-action=open]').click();
  await tab.waitForFunction((sel) => document.querySelector(sel).value === 'My newer work', nameField);
  assert.deepEqual(tabProblems, []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('results export as CSV (summary and every trial) and charts as PNG', async () => {
  const { context, page, problems } = await fresh();
  await setField(page, '[data-path="trials"]', '2500');
  await waitDone(page);
  const summary = (await download(page, 'summary-csv')).bytes.toString().trim().split('\n');
  assert.equal(summary[0], 'metric,trials_defined,mean,sd,p5,p25,p50,p75,p95');
  assert.ok(summary.some((l) => l.startsWith('profit,2500,')), 'a profit row over 2,500 trials');
  const trials = (await download(page, 'trials-csv')).bytes.toString().trim().split('\n');
  assert.equal(trials.length, 2501, 'a header and one row per trial');
  assert.ok(trials[0].startsWith('trial,visitors,leads,'), trials[0]);
  assert.ok(trials[1].startsWith('1,') && trials[2500].startsWith('2500,'));
  // The per-trial profits agree with the summary's mean.
  const cols = trials[0].split(',');
  const p = cols.indexOf('profit');
  const mean = trials.slice(1).reduce((s, l) => s + Number(l.split(',')[p]), 0) / 2500;
  const row = summary.find((l) => l.startsWith('profit,')).split(',');
  assert.ok(Math.abs(mean - Number(row[2])) <= 1e-6 * Math.abs(mean), `${mean} vs ${row[2]}`);
  const png = await page.locator('figure[data-chart="ProfitHistogram"]').evaluate((f) => f.querySelector('button.png') !== null);
  assert.ok(png);
  const [file] = await Promise.all([page.waitForEvent('download'), page.click('figure[data-chart="ProfitHistogram"] [data-action=png]')]);
  const bytes = fs.readFileSync(await file.path());
  assert.deepEqual([...bytes.subarray(1, 4)], [0x50, 0x4e, 0x47], 'a PNG file');
  assert.ok(bytes.length > 5000, `PNG of ${bytes.length} bytes`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('storage that is blocked, full or holds an unreadable value loses nothing', async () => {
  // Blocked: reading localStorage throws, as in a frame whose storage is blocked.
  const blocked = await fresh(base, () => {
    Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });
  });
  await waitDone(blocked.page);
  await notice(blocked.page, 'storage').waitFor();
  await setField(blocked.page, nameField, 'Still works');
  await waitDone(blocked.page);
  assert.deepEqual(blocked.problems, []);
  await blocked.context.close();

  // Full: every write but the probe's fails with a quota error.
  const full = await fresh(base, () => {
    const set = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k, v) {
      if (k !== 'funnel-lab/probe') throw new DOMException('quota', 'QuotaExceededError');
      return set.call(this, k, v);
    };
  });
  await waitDone(full.page);
  const full_notice = notice(full.page, 'storage');
  await full_notice.waitFor();
  assert.match(await full_notice.innerText(), /full/);
  assert.deepEqual(full.problems, []);
  await full.context.close();

  // Unreadable (corrupt, then from a newer version): kept as it was, never overwritten.
  for (const value of ['{not json', JSON.stringify({ format: 'funnel-lab', version: 99, scenario: {} })]) {
    const { context, page, problems } = await fresh();
    await page.evaluate((v) => localStorage.setItem('funnel-lab/autosave', v), value);
    await page.reload();
    await notice(page, 'problem').first().waitFor();
    assert.match(await notice(page, 'problem').first().innerText(), /could not be read/);
    await waitDone(page);
    await setField(page, nameField, 'Edits must not overwrite it');
    await waitDone(page);
    assert.equal(await page.evaluate(() => localStorage.getItem('funnel-lab/autosave')), value);
    await notice(page, 'storage').waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  }
});

/** Makes reading localStorage throw in frames from `port`, as a browser that blocks storage does. */
function blockStorageOn(port) {
  if (location.port === port) {
    Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });
  }
}

test('the embed works on a course page from another origin, even with storage blocked', async () => {
  const appPort = String(app.address().port);
  for (const block of [false, true]) {
    const { context, page, problems } = await fresh(`${hostBase}course.html`, block ? blockStorageOn : undefined, appPort);
    const frame = page.frameLocator('#lab');
    await frame.locator('.status[data-status="done"]').waitFor({ timeout: 60_000 });
    const inner = page.frames().find((f) => f.url().startsWith(base));
    assert.ok(inner, 'the app runs in the frame');
    assert.notEqual(new URL(inner.url()).origin, new URL(page.url()).origin, 'from another origin');
    if (block) {
      assert.equal(await inner.evaluate(() => { try { return typeof localStorage; } catch (e) { return e.name; } }), 'SecurityError');
    }
    const charts = await frame.locator('figure[data-chart]').evaluateAll((fs) => fs.map((f) => f.dataset.chart));
    assert.deepEqual(charts, ['ProfitHistogram', 'ChannelRoi'], 'the chosen charts only');
    assert.ok(await canvasIsDrawn(inner, 'ProfitHistogram'));
    assert.ok(await canvasIsDrawn(inner, 'ChannelRoi'));
    // Only the picked fields show.
    assert.ok(await frame.locator('[data-path="offers[0].price"]').isVisible());
    assert.ok(await frame.locator('[data-path="channels[0].optin_rate"]').isVisible());
    assert.equal(await frame.locator('[data-path="name"]').isVisible(), false);
    assert.equal(await frame.locator('[data-path="nurture.window_days"]').isVisible(), false);
    assert.equal(await frame.locator('[data-panel=library]').count(), 0);
    // Editing a picked field runs again.
    const card = '[data-card=profit] .card-value';
    const before = await frame.locator(card).innerText();
    await frame.locator('[data-path="offers[0].price"] select.form').selectOption('fixed');
    await frame.locator('[data-path="offers[0].price"] input.part').first().fill('1');
    await inner.waitForFunction(([sel, old]) => document.querySelector('.status').dataset.status === 'done'
      && document.querySelector(sel).innerText !== old, [card, before], { timeout: 60_000 });
    // The full-app link carries the reader's version, without the embed options.
    const href = await frame.locator('[data-action=open-full-app]').getAttribute('href');
    assert.ok(href.startsWith(base) && href.includes('#s1.') && !href.includes('embed'), href);
    assert.equal(await frame.locator('[data-notice=storage]').count(), 0, 'the embed never uses storage');
    await page.screenshot({ path: path.join(artifacts, `embed${block ? '-blocked' : ''}.png`), fullPage: true });
    if (!block) {
      const keys = await inner.evaluate(() => Object.keys(localStorage));
      assert.deepEqual(keys.filter((k) => k.startsWith('funnel-lab/')), [], 'nothing was written');
    }
    assert.deepEqual(problems, []);
    await context.close();
  }
});
