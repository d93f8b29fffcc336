// End-to-end tests of issue 14's layout items: results in sight while editing
// (desktop and phone), the phone layout, honest status words, the keyboard,
// and embeds that size their frame on a page from another origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { dist, artifacts, serve, servedApp, watch, waitDone, preset } from './support.mjs';

const figures = {};
const app = servedApp({ onClose: () => console.log('figures:', JSON.stringify(figures, null, 2)) });
// A course page on another origin (another port), whose body the embed test
// sets once it has the app's snippet.
const course = {};
let host, hostBase;
before(async () => {
  host = await serve(path.resolve(dist, '..'), course);
  hostBase = `http://127.0.0.1:${host.address().port}/`;
});
after(() => host?.close());

async function open(viewport, url = app.base, init) {
  const context = await app.browser.newContext({ viewport, deviceScaleFactor: 1 });
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(url);
  return { context, page, problems };
}

const box = (page, selector) => page.locator(selector).first().evaluate((e) => {
  const r = e.getBoundingClientRect();
  return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height };
});

const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

test('phone: the first result on the first screen, a small bar, tabs, tooltips and tables that fit', async () => {
  const { context, page, problems } = await open({ width: 375, height: 667 });
  await waitDone(page);
  // The headline is in the sticky bar on the first screen, and the results are
  // shown first (the editor one tap away).
  const bar = await box(page, '.runbar');
  figures.phoneBarShare = +(bar.height / 667).toFixed(3);
  assert.ok(bar.height < 0.15 * 667, `the bar takes ${bar.height}px`);
  const profit = await box(page, '[data-headline-item=profit]');
  assert.ok(profit.bottom <= 667 && profit.top >= 0, JSON.stringify(profit));
  assert.match(await page.locator('[data-headline-item=profit] .headline-value').innerText(), /\$/);
  // The results are shown (the editor is one tap away), and the first card is
  // one tap away: the Results tab brings it right below the bar.
  assert.equal(await page.locator('aside.left').isVisible(), false);
  figures.phoneFirstCardTopBeforeTap = Math.round((await box(page, '[data-card=profit]')).top);
  await page.click('[data-tab=results]');
  await page.waitForTimeout(300);
  const card = await box(page, '[data-card=profit]');
  figures.phoneFirstCardAfterTap = Math.round(card.top);
  assert.ok(card.top >= (await box(page, '.runbar')).bottom - 1 && card.bottom <= 667, `the first card at ${JSON.stringify(card)}`);
  await page.screenshot({ path: path.join(artifacts, 'ux-phone-first-screen.png') });
  // Wide tables: a visible cue, the row names stay, and the last column can be reached.
  await page.locator('table.data[data-table=channels]').waitFor();
  assert.ok(await page.locator('table.data[data-table=channels] .scroll-cue').isVisible());
  const reach = await page.$eval('table.data[data-table=channels]', (t) => {
    const wide = t.scrollWidth > t.clientWidth;
    t.scrollLeft = t.scrollWidth;
    const last = t.querySelector('thead th:last-child').getBoundingClientRect();
    return { wide, lastRight: last.right, tableRight: t.getBoundingClientRect().right };
  });
  assert.ok(reach.wide, 'the table scrolls sideways');
  assert.ok(reach.lastRight <= reach.tableRight + 1, `"loses money" reachable: ${JSON.stringify(reach)}`);
  // Every "?" tooltip inside the viewport, the page never wider than the phone.
  const tips = async () => {
    const hints = await page.locator('.hint').all();
    let shown = 0;
    for (const h of hints) {
      if (!(await h.isVisible())) continue;
      await h.scrollIntoViewIfNeeded();
      await h.click();
      const tip = await h.evaluate((e) => {
        const s = getComputedStyle(e, '::after');
        return { left: parseFloat(s.left), width: parseFloat(s.width), position: s.position, vw: innerWidth };
      });
      assert.equal(tip.position, 'fixed');
      assert.ok(tip.left >= 0 && tip.left + tip.width <= tip.vw, `tooltip at ${JSON.stringify(tip)}`);
      assert.ok(await overflow(page) <= 0, 'the page widened');
      shown++;
    }
    return shown;
  };
  const resultTips = await tips();
  // One tap to the editor; editing keeps the headline (with its change) in sight.
  await page.click('[data-tab=edit]');
  assert.ok(await page.locator('aside.left').isVisible());
  assert.equal(await page.locator('.layout > .right').isVisible(), false);
  figures.phoneTooltipsChecked = resultTips + await tips();
  await page.locator('[data-path="offers[0].price"] input.part').first().waitFor();
  await page.locator('[data-path="offers[0].price"] select.form').selectOption('fixed');
  await page.locator('[data-path="offers[0].price"] input.part').first().fill('9');
  await page.locator('[data-headline-item=profit] .change').waitFor({ timeout: 60_000 });
  const changed = await box(page, '[data-headline-item=profit] .change');
  assert.ok(changed.bottom <= 667 && changed.top >= 0);
  await waitDone(page);
  await page.screenshot({ path: path.join(artifacts, 'ux-phone-edit.png') });
  await page.click('[data-tab=results]');
  await page.screenshot({ path: path.join(artifacts, 'ux-phone-results.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test('desktop: the results stay in view while the editor scrolls, with the change since the last run', async () => {
  const { context, page, problems } = await open({ width: 1280, height: 800 }, `${app.base}?preset=tripwire-ladder`);
  await waitDone(page);
  const profit = page.locator('[data-headline-item=profit]');
  assert.equal(await profit.locator('.change').count(), 0, 'no change on the first run');
  // The editor scrolled to its last field, at the bottom of the window.
  await page.locator('aside.left input[type=text]').last().evaluate((e) => e.scrollIntoView({ block: 'end' }));
  figures.desktopScrolledBy = await page.evaluate(() => Math.round(scrollY));
  assert.ok(figures.desktopScrolledBy > 1500, 'the editor is long');
  const cards = await box(page, '.right .cards');
  assert.ok(cards.top >= 0 && cards.top < 400, `cards at ${JSON.stringify(cards)}`);
  const bar = await box(page, '.runbar');
  assert.ok(bar.top === 0 && cards.top >= bar.bottom, 'the column sits below the sticky bar');
  // An edit low in the editor: the change shows in the bar.
  await page.locator('[data-path="offers[2].price"] select.form').selectOption('fixed');
  await page.locator('[data-path="offers[2].price"] input.part').first().fill('1');
  await page.waitForFunction(() => document.querySelector('[data-headline-item=profit] .change')
    && document.querySelector('.status').dataset.status === 'done', null, { timeout: 60_000 });
  assert.match(await profit.locator('.change').innerText(), /^▼ \$[\d,.]+$/);
  assert.ok((await box(page, '.right .cards')).top >= 0);
  await page.screenshot({ path: path.join(artifacts, 'ux-desktop-scrolled.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test('the page sets its text in few fonts (each size and weight is a font lookup that can hold the page)', async () => {
  const { context, page, problems } = await open({ width: 1280, height: 800 });
  await waitDone(page);
  // Every panel open, so that its text is laid out too.
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  const fonts = await page.evaluate(() => {
    const root = getComputedStyle(document.documentElement).fontFamily;
    const seen = new Map();
    const note = (el, pseudo) => {
      const cs = getComputedStyle(el, pseudo);
      // Code (links, snippets, JSON) is set in the monospace font, on purpose.
      const family = cs.fontFamily === root ? 'page font' : /monospace/.test(cs.fontFamily) ? 'code font' : cs.fontFamily;
      const key = `${family} ${cs.fontSize} ${cs.fontWeight} ${cs.fontStyle}`;
      if (!seen.has(key)) seen.set(key, `${el.tagName.toLowerCase()}.${el.className}${pseudo ?? ''}`);
    };
    for (const el of document.body.querySelectorAll('*')) {
      if (el.getClientRects().length === 0) continue;
      const text = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
      if (text || /^(INPUT|SELECT|BUTTON|TEXTAREA)$/.test(el.tagName)) note(el);
      if (el.type === 'file') note(el, '::file-selector-button');
    }
    return Object.fromEntries(seen);
  });
  figures.fonts = fonts;
  const keys = Object.keys(fonts);
  assert.ok(keys.every((k) => /^(page|code) font/.test(k)), `text in another font: ${JSON.stringify(fonts)}`);
  const pageFonts = keys.filter((k) => k.startsWith('page font'));
  assert.ok(pageFonts.length <= 8, `${pageFonts.length} sizes and weights of the page's font: ${JSON.stringify(fonts)}`);
  assert.deepEqual(problems, []);
  await context.close();
});

/** Records every text the status line and the empty results say, from the start. */
function recordWords() {
  window.__said = new Set();
  const note = () => document.querySelectorAll('.status, .dashboard .empty').forEach((e) => window.__said.add(e.innerText.trim()));
  new MutationObserver(note).observe(document, { subtree: true, childList: true, characterData: true });
}

test('status words say what is happening; keyboard: a skip link, no tab stop per "?", focus visible', async () => {
  const { context, page, problems } = await open({ width: 1280, height: 800 }, app.base, recordWords);
  await waitDone(page);
  await page.selectOption('[data-action=preset]', 'membership');
  await waitDone(page);
  const said = [...await page.evaluate(() => [...window.__said])].filter(Boolean);
  figures.statusWords = said.slice(0, 8);
  assert.ok(said.some((s) => s.startsWith('Simulating…')), JSON.stringify(said));
  for (const s of said) {
    assert.ok(!/finish typing|once the scenario is valid/.test(s), `said "${s}" while the scenario was valid`);
  }
  // Keyboard: the skip link first, then every stop; no "?" badge among them.
  // The skip link is the page's first focusable element; count from it.
  const first = await page.evaluate(() => document.querySelector('a[href], button:not(:disabled), input, select, textarea, summary, [tabindex]:not([tabindex="-1"])').dataset.action);
  assert.equal(first, 'skip-to-results');
  await page.focus('.skip-link');
  const stops = [{ action: 'skip-to-results', outline: true, cls: '', path: null }];
  for (let i = 0; i < 400; i++) {
    await page.keyboard.press('Tab');
    const here = await page.evaluate(() => {
      const e = document.activeElement;
      const s = getComputedStyle(e);
      return { tag: e.tagName, cls: e.className, path: e.dataset.path ?? e.closest('[data-path]')?.dataset.path ?? null,
        action: e.dataset.action ?? null, outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 };
    });
    if (here.tag === 'BODY' || (stops.length && here.action === 'skip-to-results')) break;
    stops.push(here);
  }
  figures.tabStops = stops.length;
  assert.equal(stops[0].action, 'skip-to-results');
  assert.equal(stops.filter((s) => /\bhint\b/.test(s.cls)).length, 0, 'a "?" is a tab stop');
  assert.ok(stops.every((s) => s.outline), `focus not visible on ${JSON.stringify(stops.find((s) => !s.outline))}`);
  const toPrice = stops.findIndex((s) => s.path === 'offers[0].price') + 1;
  figures.pressesToEntryOfferPrice = toPrice;
  // 74 while every "?" was a stop (issue 14); the fields before it remain.
  assert.ok(toPrice > 0 && toPrice <= 60, `${toPrice} presses to the entry offer's price`);
  // The field names its help for screen readers.
  // The fields name their help for screen readers: every described field
  // points at its own "?" with the term and its meaning.
  const help = await page.$$eval('aside.left [aria-describedby]', (els) => els.map((e) => {
    const h = document.getElementById(e.getAttribute('aria-describedby'));
    return { hint: !!h?.classList.contains('hint'), label: h?.getAttribute('aria-label') ?? '' };
  }));
  figures.fieldsWithHelp = help.length;
  assert.ok(help.length > 20, `${help.length} fields name their help`);
  assert.ok(help.every((h) => h.hint && /\S: \S/.test(h.label)), JSON.stringify(help.find((h) => !h.hint || !h.label)));
  // The skip link takes focus to the results.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'results');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the embed posts its height and the snippet sizes the iframe on a page from another origin', async () => {
  // The author makes the snippet in the app: labelled checkboxes by section.
  const { context, page, problems } = await open({ width: 1280, height: 900 }, `${app.base}?preset=tripwire-ladder`);
  await waitDone(page);
  await page.locator('[data-panel=embed] summary').waitFor();
  await page.click('[data-panel=embed] summary');
  const choices = await page.locator('[data-field-choice]').evaluateAll((b) => b.map((x) => x.dataset.fieldChoice));
  figures.pickerFields = choices.length;
  for (const p of ['name', 'currency', 'offers[0].id', 'offers[0].name', 'channels[0].name']) {
    assert.ok(!choices.includes(p), `${p} is offered`);
  }
  const legends = await page.locator('.field-choices legend').allInnerTexts();
  const tripwire = preset('tripwire-ladder').offers[0].name;
  assert.ok(legends.includes(tripwire) && legends.includes('Nurture'), JSON.stringify(legends));
  const price = page.locator('.field-choices', { has: page.locator('legend', { hasText: tripwire }) })
    .locator('label', { hasText: /^Price$/ });
  await price.locator('input').check();
  await page.locator('[data-chart-choice=funnel]').uncheck();
  const snippet = await page.locator('[data-field=iframe]').inputValue();
  const attr = +snippet.match(/height="(\d+)"/)[1];
  figures.snippetHeight = attr;
  assert.match(snippet, /<script>[\s\S]*funnel-lab:height[\s\S]*<\/script>$/);
  await context.close();
  assert.deepEqual(problems, []);
  course['/course.html'] = ['text/html', `<!doctype html><meta charset="utf-8"><title>Course</title><link rel="icon" href="data:,">
    <meta name="viewport" content="width=device-width, initial-scale=1"><style>body{margin:8px}</style>
    <h1>Lesson 3: pricing the tripwire</h1>${snippet}<p id="after">After the embed.</p>`];
  for (const width of [716, 375]) {
    const reader = await open({ width, height: 800 }, `${hostBase}course.html`);
    const frame = reader.page.frameLocator('iframe');
    await frame.locator('.status[data-status="done"]').waitFor({ timeout: 60_000 });
    const inner = reader.page.frames().find((f) => f.url().startsWith(app.base));
    assert.notEqual(new URL(inner.url()).origin, new URL(reader.page.url()).origin);
    assert.ok(await frame.locator('[data-path="offers[0].price"]').isVisible());
    // The iframe grows (or shrinks) to the embed's height, with no inner scrollbar.
    await reader.page.waitForFunction(() => {
      const f = document.querySelector('iframe');
      return f.style.height && Math.abs(f.getBoundingClientRect().height - parseFloat(f.style.height)) < 1;
    });
    await reader.page.waitForTimeout(300);
    const sizes = await inner.evaluate(() => ({ body: Math.ceil(document.body.getBoundingClientRect().height), scroll: document.documentElement.scrollHeight, view: innerHeight }));
    const frameHeight = await reader.page.$eval('iframe', (f) => f.getBoundingClientRect().height);
    figures[`embedAt${width}`] = { frame: frameHeight, body: sizes.body, snippetAttr: attr };
    assert.ok(Math.abs(frameHeight - sizes.body) <= 2, JSON.stringify({ frameHeight, ...sizes }));
    // In a 700 px column, the height computed for pages without the script is close.
    if (width === 716) assert.ok(Math.abs(attr - sizes.body) < 0.05 * sizes.body, `computed ${attr}, real ${sizes.body}`);
    assert.ok(sizes.scroll <= sizes.view + 1, 'the embed scrolls inside its frame');
    assert.ok(await overflow(reader.page) <= 0);
    await reader.page.screenshot({ path: path.join(artifacts, `ux-embed-${width}.png`), fullPage: true });
    assert.deepEqual(reader.problems, []);
    await reader.context.close();
  }
});
