// The page in Russian and English: a Russian browser gets Russian text and
// numbers throughout; switching keeps the scenario and its results; an embed
// with lang=ru; a share link keeps its language in a fresh profile unless the
// reader chose another; numbers are read by the page's language; the Russian
// catalogue is fetched only when the page needs it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { servedApp, artifacts, watch, status, waitDone, setField } from './support.mjs';

const app = servedApp();

/** A page in a fresh profile whose browser prefers `locale`. */
async function open(url, locale = 'en-US', viewport = { width: 1280, height: 900 }) {
  const context = await app.browser.newContext({ locale, viewport });
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(url);
  return { context, page, problems };
}

const card = (page, name) => page.locator(`[data-card=${name}] .card-value`);
const digits = (text) => text.replace(/\D/g, '');

/** Latin words of three letters or more that are not names, abbreviations or data. */
function englishWords(text) {
  const allowed = new Set(['Funnel', 'Lab', 'CAC', 'CLTV', 'ROI', 'ROAS', 'MRR', 'EPL', 'JSON', 'CSV', 'PNG',
    'Ctrl', 'Cmd', 'lead', 'generation', 'conversion', 'account', 'management', 'course']);
  return (text.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !allowed.has(w));
}

test('a Russian browser gets the page in Russian, with Russian numbers', async () => {
  const { context, page, problems } = await open(app.base, 'ru-RU');
  await waitDone(page);
  assert.equal(await page.getAttribute('html', 'lang'), 'ru');
  assert.equal(await page.locator('aside.left h2').innerText(), 'Ваша воронка');
  assert.match(await status(page).innerText(), /^10\u00a0000 испытаний за \d+(,\d)? с$/);
  // Thousands grouped by a (no-break) space, a decimal comma, the symbol after.
  assert.match(await card(page, 'profit').innerText(), /^−?\d{1,3}(\u00a0\d{3})*\u00a0\$$/);
  assert.match(await card(page, 'prob_loss').innerText(), /^\d+,\d%$/);
  assert.match(await page.locator('figure[data-chart="Funnel"] .chart-text').innerText(), /^Медианы по 10\u00a0000 испытаниям: Посетители — /);
  // Every word on the page, with every panel and the glossary open.
  await page.$$eval('details', (ds) => ds.forEach((d) => { d.open = true; }));
  const text = await page.locator('body').innerText();
  assert.deepEqual(englishWords(text), [], 'English words on the Russian page');
  await page.screenshot({ path: path.join(artifacts, 'ru-default.png'), fullPage: true });

  // Switching to English keeps the scenario and its results.
  const profit = await card(page, 'profit').innerText();
  const name = await page.locator('[data-path="name"]').inputValue();
  await page.locator('button.lang[data-lang=en]').click();
  await page.locator('aside.left h2', { hasText: 'Your funnel' }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.locator('[data-path="name"]').inputValue(), name, 'the scenario is kept');
  assert.equal(await status(page).getAttribute('data-status'), 'done', 'nothing runs again');
  assert.match(await card(page, 'profit').innerText(), /^−?\$\d{1,3}(,\d{3})*$/);
  assert.equal(digits(await card(page, 'profit').innerText()), digits(profit), 'the same results');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the Russian texts are fetched only by a page in Russian; without them the page starts in English and says why', async () => {
  // An English page never asks for them; switching to Russian fetches them once, tagged by the build.
  const { context, page, problems } = await open(app.base);
  const asked = [];
  page.on('request', (r) => { if (/ru\.ftl/.test(r.url())) asked.push(r.url()); });
  await waitDone(page);
  assert.deepEqual(asked, [], 'an English page fetched the Russian catalogue');
  await page.locator('button.lang[data-lang=ru]').click();
  await page.locator('aside.left h2', { hasText: 'Ваша воронка' }).waitFor();
  assert.equal(asked.length, 1);
  assert.match(asked[0], /\/ru\.ftl\?v=[0-9a-f]+$/);
  assert.deepEqual(problems, []);
  await context.close();

  // A Russian browser whose fetch fails gets a working English page and a notice.
  const failing = await app.browser.newContext({ locale: 'ru-RU', viewport: { width: 1280, height: 900 } });
  await failing.route('**/ru.ftl*', (route) => route.abort());
  const other = await failing.newPage();
  await other.goto(app.base);
  await waitDone(other);
  assert.equal(await other.getAttribute('html', 'lang'), 'en');
  assert.equal(await other.locator('aside.left h2').innerText(), 'Your funnel');
  assert.match(await other.locator('.notice.problem').first().innerText(), /Russian texts could not be loaded/);
  await failing.close();
});

test('numbers are read as the page writes them', async () => {
  const { context, page, problems } = await open(app.base);
  await waitDone(page);
  const fixed = page.locator('[data-path="fixed_costs_per_month"] input.part').first();
  await fixed.fill('1,500');
  await waitDone(page);
  assert.equal(await page.locator('[data-path="fixed_costs_per_month"] .read-as').innerText(), '', 'written the English way');
  await fixed.fill('1500.50');
  assert.equal(await page.locator('[data-path="fixed_costs_per_month"] .read-as').innerText(), '= 1,500.5');
  await fixed.fill('1,500');
  // The page in Russian shows the value as read.
  await page.locator('button.lang[data-lang=ru]').click();
  await page.locator('aside.left h2', { hasText: 'Ваша воронка' }).waitFor();
  assert.equal(await fixed.inputValue(), '1500', '“1,500” was read as 1500');
  const touches = '[data-path="nurture.touches_per_week"]';
  await setField(page, touches, '2,5');
  await waitDone(page);
  await setField(page, touches, '1.500');
  const error = page.locator('.field.invalid .error').first();
  assert.equal(await error.innerText(), '«1.500» можно прочитать как 1,5 или как 1\u00a0500: напишите одно из них');
  await setField(page, touches, '1.5');
  await page.locator(`.field:has(${touches}) .read-as`, { hasText: '= 1,5' }).waitFor();
  await waitDone(page);
  assert.deepEqual(problems, []);
  await context.close();
});

test('an embed with lang=ru is in Russian and remembers nothing', async () => {
  const { context, page, problems } = await open(`${app.base}?embed&lang=ru&preset=membership&charts=profit-histogram`);
  await waitDone(page);
  assert.equal(await page.locator('a.full-app').innerText(), 'Открыть полную версию ↗');
  assert.match(await page.locator('.embed-title').innerText(), /разговорный английский/);
  assert.match(await page.locator('figure .chart-text').innerText(), /^Медианная прибыль /);
  assert.equal(await page.evaluate(() => localStorage.length), 0, 'an embed writes no storage');
  const href = await page.locator('a.full-app').getAttribute('href');
  await context.close();
  // Its full-app link opens in Russian in an English browser.
  const full = await open(href);
  await full.page.locator('aside.left h2', { hasText: 'Ваша воронка' }).waitFor();
  assert.deepEqual([...problems, ...full.problems], []);
  await full.context.close();
});

test('a share link opens in the sharer\'s language unless the reader chose another', async () => {
  const { context, page, problems } = await open(`${app.base}?lang=ru`);
  await waitDone(page);
  await page.locator('[data-action=share]').click();
  const link = await page.locator('[data-field=share-url]').inputValue();
  assert.ok(!link.includes('lang='), 'the language travels inside the link');
  await context.close();

  const reader = await open(link, 'en-US');
  await reader.page.locator('aside.left h2', { hasText: 'Ваша воронка' }).waitFor();
  await waitDone(reader.page);
  await reader.context.close();

  // A reader who chose English before keeps English.
  const english = await open(app.base, 'en-US');
  await english.page.locator('button.lang[data-lang=ru]').click();
  await english.page.locator('button.lang[data-lang=en]').click();
  const tab = await english.context.newPage();
  await tab.goto(link);
  await tab.locator('aside.left h2', { hasText: 'Your funnel' }).waitFor();
  await waitDone(tab);
  assert.deepEqual([...problems, ...reader.problems], []);
  await english.context.close();
});

test('switching the language while results arrive breaks nothing', async () => {
  // The page is rebuilt in the new language; a chart or table that left the
  // page must not run its pending task. On a slowed CPU (as in CI under load)
  // the old page's tasks land after the switch every time.
  const { context, page, problems } = await open(app.base);
  await waitDone(page);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
  const fixed = page.locator('[data-path="fixed_costs_per_month"] input.part').first();
  for (let i = 0; i < 8; i++) {
    await fixed.fill(String(1000 + i * 37));
    await page.waitForTimeout((i % 4) * 20);
    const to = i % 2 === 0 ? 'ru' : 'en';
    await page.locator(`button.lang[data-lang=${to}]`).click();
    await page.locator('aside.left h2', { hasText: to === 'ru' ? 'Ваша воронка' : 'Your funnel' }).waitFor();
  }
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await waitDone(page);
  assert.equal(await fixed.inputValue(), String(1000 + 7 * 37), 'the last edit is kept');
  assert.deepEqual(problems, []);
  await context.close();
});
