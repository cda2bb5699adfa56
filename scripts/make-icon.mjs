// Renders images/icon.svg into images/icon.png (128×128, the size the Marketplace and the Extensions view use)
// with the e2e host's Chromium. Run after editing the SVG; the PNG is committed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHROMIUM, REPO, requireTool } from '../test/e2e/host/paths.mjs';

const { chromium } = requireTool('playwright-core');
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
  const svg = readFileSync(join(REPO, 'images/icon.svg'), 'utf8');
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.locator('svg').screenshot({ path: join(REPO, 'images/icon.png'), omitBackground: true });
  console.log('images/icon.png written');
} finally {
  await browser.close();
}
