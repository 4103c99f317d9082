// Screenshots one trace in the Aspire dashboard (docs/images): node trace.js LOGIN_URL TRACE_ID OUT.png [HEIGHT]
// Needs playwright-core from npm and Debian's chromium; eng/run.sh prints the login URL.
const { chromium } = require('playwright-core');
(async () => {
  const [login, traceId, out, height] = process.argv.slice(2);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  const page = await browser.newPage({ viewport: { width: 1600, height: Number(height ?? 900) } });
  await page.goto(login, { timeout: 120000 });
  await page.waitForTimeout(5000);
  await page.goto(`${new URL(login).origin}/traces/detail/${traceId}`, { timeout: 120000 });
  await page.waitForSelector('text=Trace', { timeout: 120000 });
  await page.waitForTimeout(15000);
  // A loopback run has no trusted certificate; the dashboard's banner about it is noise here.
  await page.locator('[aria-label="Close"]').first().click({ timeout: 2000 }).catch(() => {});
  await page.screenshot({ path: out, fullPage: true });
  console.log((await page.locator('body').innerText()).slice(0, 3000));
  await browser.close();
})().catch(e => { console.error(e); process.exit(1); });
