import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../helpers/chromium.js';
import { runCli, tempDir } from '../../helpers/cli.js';
import { T0 } from '../../helpers/clock.js';
import { fillStore, fixtureSessions, writeFixtureBank } from '../../helpers/report-store.js';

// The HTML report in real headless Chromium (Debian's package, installed by the helper when
// missing; the test fails, not skips, when it cannot be).
// Evaluated in the page (this project's TypeScript has no DOM types).
const BODY_BG = 'getComputedStyle(document.body).backgroundColor';
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
}, 600_000);
afterAll(async () => {
  await browser?.close();
});

async function htmlReport(dir: string, extra: string[] = []): Promise<string> {
  const bank = join(dir, 'bank');
  mkdirSync(bank);
  writeFixtureBank(bank);
  const data = join(dir, 'data');
  fillStore(data, fixtureSessions());
  const out = join(dir, 'report.html');
  const r = await runCli(['--bank', bank, '--data-dir', data, 'report', '--format', 'html', '--out', out, ...extra], { now: () => T0 });
  expect(r.stderr).toContain(`Report written to ${out}`);
  expect(r.code).toBe(0);
  return out;
}

describe('HTML report in headless Chromium', () => {
  it('loads with no request leaving the file, draws every chart point, runs no planted script, and screenshots', async () => {
    const dir = tempDir();
    const file = await htmlReport(dir);
    const url = pathToFileURL(file).href;
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const requests: string[] = [];
    await context.route('**/*', async (route) => {
      requests.push(route.request().url());
      if (route.request().url() === url) await route.continue();
      else await route.abort();
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => problems.push(`console ${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`error: ${e.message}`));
    page.on('dialog', (d) => problems.push(`dialog: ${d.message()}`));
    await page.goto(url, { waitUntil: 'load' });

    expect(requests).toEqual([url]);
    expect(problems).toEqual([]);

    // The planted <script> is shown as text and never ran.
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.locator('#missed').innerText()).toContain('Why did <script>window.__pwned=1</script> the deploy fail?');

    // Ten answers: ten points on the line chart; eight forecast columns; seven topic bars.
    expect(await page.locator('svg.line-chart circle.pt').count()).toBe(10);
    expect(await page.locator('svg.line-chart').getAttribute('data-points')).toBe('10');
    expect(await page.locator('svg.column-chart rect.col').count()).toBe(8);
    expect(await page.locator('#topics svg.bar-chart rect.bar').count()).toBe(7);
    // The stylesheet was allowed by its CSP hash: the page is styled, the chart line drawn.
    expect(await page.evaluate(BODY_BG)).toBe('rgb(246, 247, 251)');
    const box = await page.locator('svg.line-chart').boundingBox();
    expect(box!.width).toBeGreaterThan(600);

    const shots = tempDir('sre-drill-shots-');
    const shot = join(shots, 'report-light.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(20_000);
    expect(readFileSync(shot).subarray(1, 4).toString()).toBe('PNG');
    await context.close();
  });

  it('follows a dark colour scheme and prints', async () => {
    const dir = tempDir();
    const file = await htmlReport(dir, ['--last']);
    const page = await browser.newPage({ colorScheme: 'dark' });
    await page.goto(pathToFileURL(file).href);
    expect(await page.evaluate(BODY_BG)).toBe('rgb(15, 19, 32)');
    // The mock session's report reminds of questions to ask, and has three answers on its chart.
    expect(await page.locator('#asks li').count()).toBe(3);
    expect(await page.locator('svg.line-chart circle.pt').count()).toBe(3);
    const pdf = join(tempDir('sre-drill-shots-'), 'report.pdf');
    await page.emulateMedia({ media: 'print' });
    expect(await page.evaluate(BODY_BG)).toBe('rgb(255, 255, 255)');
    await page.pdf({ path: pdf });
    expect(existsSync(pdf) && statSync(pdf).size > 10_000).toBe(true);
    await page.close();
  });
});
