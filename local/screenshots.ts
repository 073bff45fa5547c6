/**
 * `npm run screenshots`: the board's pages as PNG files under docs/board/, taken by
 * Debian's Chromium from the demo month replayed into a local system (as of its last
 * evening, so every run draws the same court). Chinese text needs a CJK font on the
 * machine: `apt-get install fonts-noto-cjk`.
 */
import './quiet-env.js';
import { execFileSync } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './chromium.js';
import { replayMonth, startDemoSystem } from './demo-month.js';

const OUT = fileURLToPath(new URL('../docs/board/', import.meta.url));

function hasChineseFont(): boolean {
  try {
    return execFileSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).trim() !== '';
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  if (!hasChineseFont()) console.warn('No Chinese font found (fc-list :lang=zh): the pictures would show boxes. Install one: apt-get install fonts-noto-cjk');
  await mkdir(OUT, { recursive: true });
  const demo = await startDemoSystem();
  const browser = await launchChromium({ viewport: { width: 1280, height: 800 } });
  try {
    console.log('replaying the demo month…');
    await replayMonth(demo);
    const url = demo.system.url ?? '';
    const page = await browser.context.newPage();
    const shot = async (name: string, fullPage = true) => {
      await page.screenshot({ path: `${OUT}${name}.png`, fullPage });
      console.log(`  docs/board/${name}.png`);
    };
    await page.goto(demo.system.loginUrl());
    await page.waitForSelector('[data-testid=overdue-total]');
    await shot('overview');
    await page.goto(`${url}/#/overdue`);
    await page.waitForSelector('table.overdue');
    await shot('overdue');
    await page.locator('table.overdue a.case-no').first().click();
    await page.waitForSelector('.case-page h2.case-title');
    await page.locator('table.nodes details').nth(2).evaluate((d) => d.setAttribute('open', ''));
    await shot('case');
    await page.goto(`${url}/#/metrics?from=2026-10-01&to=2026-11-01`);
    await page.waitForSelector('#view section.panel');
    await shot('metrics');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${url}/#/`);
    await page.waitForSelector('[data-testid=overdue-total]');
    await shot('overview-phone', false);
  } finally {
    await browser.close();
    await demo.system.close();
    await rm(demo.dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error('screenshots failed:', (error as Error).message);
  process.exit(1);
});
