import { launch } from './support.mjs';
import fs from 'node:fs';
const browser = await launch();
const page = await browser.newPage();
for (const name of process.argv.slice(2)) {
  const png = fs.readFileSync(`/tmp/i18n-shots/${name}.png`);
  const w = name.endsWith('375') ? 375 : 1280;
  const seg = w === 375 ? 1500 : 1100;
  await page.setViewportSize({ width: w, height: 800 });
  await page.setContent(`<body style="margin:0"><img id=i src="data:image/png;base64,${png.toString('base64')}"></body>`);
  await page.waitForFunction(() => document.getElementById('i').complete);
  const h = await page.evaluate(() => document.getElementById('i').naturalHeight);
  for (let y = 0, k = 0; y < h; y += seg, k++) {
    await page.screenshot({ path: `/tmp/i18n-shots/crops/${name}-${k}.png`, fullPage: true, clip: { x: 0, y, width: w, height: Math.min(seg, h - y) } });
  }
}
await browser.close();
