import { serve, launch, waitDone } from './support.mjs';
const server = await serve(process.env.DIST);
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await launch();
const presets = (process.env.PRESETS ?? 'classic,lg-lc-am,tripwire-ladder,customer-journey,membership,example').split(',');
for (const width of [1280, 375]) {
  const context = await browser.newContext({ locale: 'ru-RU', viewport: { width, height: 900 } });
  const page = await context.newPage();
  for (const id of presets) {
    await page.goto(`${base}?preset=${id}`);
    await waitDone(page, 120000);
    await page.$$eval('details.panel', (ds) => ds.forEach((d) => { d.open = true; }));
    const over = await page.evaluate(() => document.documentElement.scrollWidth);
    console.log(id, width, 'scrollWidth', over);
    await page.screenshot({ path: `/tmp/shots/${id}-${width}.png`, fullPage: true });
  }
  await context.close();
}
await browser.close();
server.close();
