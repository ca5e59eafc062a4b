// The dashboard in a real browser (Debian's chromium, driven by playwright-core; no browser is downloaded),
// against `npm start` on free ports with the demo data on the samples' day, keys required: the demo lift
// (samples/changes/lift-4100003.json, signed) and the nightly recompute (scheduled every few seconds here)
// so Northwind qualifies in Business Applications and at-risk badges exist. Asserts what a person looks for,
// saves screenshots to .local/screenshots/ and prints the page's load time (measured, not asserted).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { freePortStackEnv } from '../../../devtools/host/stack-env.js';
import { clockOnDay } from '../../../shared/adapters/system/clock.js';
import { LOCAL_DEV_WEBHOOK_SECRET, pushChanges } from '../../../shared/ingestion/push-client.js';
import { waitFor } from '../helpers.js';

const root = path.resolve(import.meta.dirname, '../../..');
const CHROMIUM = '/usr/bin/chromium';
const SAMPLES_DAY = '2026-11-21';
const SAMPLE_PARTNERS = ['4100001', '4100002', '4100003', '4100004', '4100005', '4100006'];
const NORTHWIND = '4100003';
export const SCREENSHOTS = path.join(root, '.local', 'screenshots');

const haveChromium = existsSync(CHROMIUM);
const inCi = process.env.CI === 'true' || process.env.CI === '1';
if (!haveChromium && !inCi)
  console.warn(`dashboard browser test skipped: ${CHROMIUM} is absent (apt-get install -y chromium); CI installs it and never skips`);

const START_MS = 300_000; // stand-ins + a page build on a busy 2-core machine
const STEP_MS = 120_000;

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

interface Stack {
  base: string;
  cosmos: string;
  output: () => string;
  stop: () => Promise<void>;
}

async function startStack(mailDir: string): Promise<Stack> {
  const env = freePortStackEnv(process.env, mailDir, {
    // npm start keeps its data in LOCAL_DATA_DIR: this run starts empty in a folder of its own.
    LOCAL_DATA_DIR: path.join(mailDir, 'data'),
    LOCAL_TODAY: SAMPLES_DAY,
    LOCAL_REQUIRE_KEYS: 'true',
    MAIL_SETTLE_SECONDS: '2',
    // The nightly runs when the test fires it (POST /admin/functions), after the import and the lift: its
    // per-partner-and-day message ids would make a run before the import complete the only one of the day.
    NIGHTLY_RECOMPUTE_SCHEDULE: '0 0 0 1 1 *',
  });
  const child = spawn('npm', ['start'], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const pgid = child.pid!;
  const stop = async () => {
    if (groupAlive(pgid)) process.kill(-pgid, 'SIGINT');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
    if (groupAlive(pgid)) process.kill(-pgid, 'SIGKILL');
  };
  try {
    const health = await waitFor(
      'the ready line of npm start',
      async () => {
        if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
        return /health: (http:\/\/\S+)\/api\/health/.exec(output)?.[1];
      },
      START_MS,
    );
    const cosmos = /cosmos\s+pid \d+\s+(https:\/\/\S+)/.exec(output)?.[1];
    if (!cosmos) throw new Error(`no Cosmos endpoint in the start-up output:\n${output}`);
    const build = /Dashboard: (building|built|dist\/web is up to date|could not).*$/gm;
    console.log(`npm start: ${[...output.matchAll(build)].map((m) => m[0]).join(' | ')}`);
    return { base: health.replace('localhost', '127.0.0.1'), cosmos, output: () => output, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** `npm run --silent pcs -- keys create …` against the stack's Cosmos stand-in: the key alone on stdout. */
function createKey(cosmos: string, args: string[]): string {
  const env: NodeJS.ProcessEnv = { ...process.env, COSMOS_ENDPOINT: cosmos };
  delete env.COSMOS_KEY;
  const r = spawnSync('npm', ['run', '--silent', 'pcs', '--', 'keys', 'create', ...args], {
    cwd: root,
    env,
    encoding: 'utf8',
    timeout: STEP_MS,
  });
  const key = r.stdout.trim();
  if (r.status !== 0 || !/^\S+$/.test(key))
    throw new Error(`pcs keys create ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return key;
}

async function getJson<T>(url: string, key: string): Promise<T> {
  const res = await fetch(url, { headers: { 'x-functions-key': key } });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

interface DetailArea {
  area: string;
  status: string;
  score: { total: number } | null;
  atRisk: unknown;
}

async function shot(page: Page, name: string): Promise<string> {
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  console.log(`screenshot: ${path.relative(root, file)}`);
  return file;
}

/** Opens the page, answers the key prompt (a 401 shows it), and waits for the view. */
async function signIn(page: Page, base: string, key: string): Promise<void> {
  await page.goto(`${base}/`);
  await page.getByTestId('key-form').waitFor({ timeout: STEP_MS });
  await page.getByTestId('key-input').fill(key);
  await page.getByRole('button', { name: 'Use this key' }).click();
}

describe.skipIf(!haveChromium && !inCi)('dashboard in the browser', () => {
  let stack: Stack | undefined;
  let browser: Browser | undefined;
  let mailDir: string;
  let adminKey: string;
  let partnerKey: string;
  const contexts: BrowserContext[] = [];

  beforeAll(
    async () => {
      if (!haveChromium) throw new Error(`${CHROMIUM} is missing: .ci/run installs it with apt-get install -y chromium`);
      await mkdir(SCREENSHOTS, { recursive: true });
      mailDir = await mkdtemp(path.join(os.tmpdir(), 'dt-web-mail-'));
      stack = await startStack(mailDir);
      const { base, cosmos } = stack;

      adminKey = createKey(cosmos, ['--admin']);
      partnerKey = createKey(cosmos, ['--partner', NORTHWIND]);

      // Every sample partner scored, then the demo lift, signed on the stack's clock (the samples' day).
      await waitFor(
        'the six sample partners to be scored',
        async () => {
          const all = await Promise.all(
            SAMPLE_PARTNERS.map((id) => fetch(`${base}/api/partners/${id}`, { headers: { 'x-functions-key': adminKey } })),
          );
          return all.every((r) => r.status === 200) || undefined;
        },
        STEP_MS,
      );
      const lift = JSON.parse(await readFile(path.join(root, 'samples/changes/lift-4100003.json'), 'utf8')) as unknown;
      // Signed as devtools/host/demo.ts does, on the stack's clock (moved to the samples' day); should the
      // webhook check use the real clock instead, the same change signed now.
      let pushed = await pushChanges(`${base}/api/changes`, lift, LOCAL_DEV_WEBHOOK_SECRET, { timestamp: clockOnDay(SAMPLES_DAY).now() });
      if (pushed.status === 401 && /timestamp/i.test(JSON.stringify(pushed.body)))
        pushed = await pushChanges(`${base}/api/changes`, lift, LOCAL_DEV_WEBHOOK_SECRET, { id: `msg_dashboard_${Date.now()}` });
      expect(pushed.status, JSON.stringify(pushed.body)).toBe(202);
      await waitFor(
        'Northwind to qualify in Business Applications',
        async () => {
          const d = await getJson<{ areas: DetailArea[] }>(`${base}/api/partners/${NORTHWIND}`, adminKey);
          const ba = d.areas.find((a) => a.area === 'businessApplications');
          return ba?.status === 'qualified' && (ba.score?.total ?? 0) >= 70 ? true : undefined;
        },
        STEP_MS,
      );
      // The nightly, fired now that every partner is scored, finds the areas at risk next month.
      const fired = await fetch(`${base}/admin/functions/nightlyRecompute`, { method: 'POST' });
      expect(fired.status).toBe(202);
      await waitFor(
        'the nightly recompute to mark an area at risk',
        async () => {
          for (const id of SAMPLE_PARTNERS) {
            const d = await getJson<{ areas: DetailArea[] }>(`${base}/api/partners/${id}`, adminKey);
            if (d.areas.some((a) => a.atRisk)) return true;
          }
          return undefined;
        },
        STEP_MS,
      );

      browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
        // launch() gives every run a fresh temporary user-data dir of its own (removed on close).
      });
    },
    START_MS + 4 * STEP_MS,
  );

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close().catch(() => {});
    await stack?.stop();
    if (stack) {
      // The stack's output, an artifact beside the screenshots (what the host logged during the test).
      const log = path.join(SCREENSHOTS, 'npm-start.log');
      await writeFile(log, stack.output());
      console.log(`npm start output: ${path.relative(root, log)}`);
    }
    await rm(mailDir, { recursive: true, force: true }).catch(() => {});
  }, 60_000);

  async function newPage(): Promise<Page> {
    const context = await browser!.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    contexts.push(context);
    // No request may leave the stack's origin (fonts, CDNs): everything is bundled.
    const origin = new URL(stack!.base).origin;
    const outside: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(origin) || url.startsWith('blob:') || url.startsWith('data:')) return route.continue();
      outside.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    (page as Page & { outside: string[] }).outside = outside;
    return page;
  }

  it(
    'asks for a key when the API answers 401',
    async () => {
      const page = await newPage();
      const unauthorized = page.waitForResponse((r) => r.url().includes('/api/') && r.status() === 401);
      await page.goto(`${stack!.base}/`);
      await unauthorized;
      await expect(page.getByTestId('key-form').isVisible()).resolves.toBe(true);
      await expect(page.getByTestId('key-form').textContent()).resolves.toMatch(/key is needed/i);
      expect((page as Page & { outside: string[] }).outside).toEqual([]);
    },
    STEP_MS,
  );

  it(
    'admin: portfolio, filter, CSV export, Northwind above 70, operations',
    async () => {
      const page = await newPage();
      const { base } = stack!;
      await signIn(page, base, adminKey);
      const rows = page.locator('[data-testid="portfolio"] tbody tr[data-partner-id]');
      await rows.first().waitFor({ timeout: STEP_MS });

      // Load time, measured in the browser: a reload with the key in sessionStorage, until the rows show.
      await page.reload();
      await rows.first().waitFor({ timeout: STEP_MS });
      const timing = await page.evaluate(() => {
        const nav = (
          performance.getEntriesByType as unknown as (type: string) => Array<{ domContentLoadedEventEnd: number; loadEventEnd: number }>
        )('navigation')[0];
        return { domContentLoaded: nav?.domContentLoadedEventEnd ?? NaN, load: nav?.loadEventEnd ?? NaN, rowsShown: performance.now() };
      });
      // The first Tab of a fresh page reaches the skip link, the next ones the navigation.
      await page.keyboard.press('Tab');
      await expect(page.locator(':focus').textContent()).resolves.toBe('Skip to content');
      await page.keyboard.press('Tab');
      await expect(page.locator(':focus').textContent()).resolves.toBe('Portfolio');
      console.log(
        `dashboard load time (chromium, local host): DOMContentLoaded ${timing.domContentLoaded.toFixed(0)} ms, load ${timing.load.toFixed(0)} ms, portfolio rows shown by ${timing.rowsShown.toFixed(0)} ms`,
      );

      // Every sample partner, with a badge per area; Northwind Qualified in Business Applications; an At risk badge.
      const ids = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-partner-id')));
      for (const id of SAMPLE_PARTNERS) expect(ids).toContain(id);
      const northwindBa = page.locator(`tr[data-partner-id="${NORTHWIND}"] td[data-col="businessApplications"]`);
      await expect(northwindBa.locator('.badge').first().textContent()).resolves.toBe('Qualified');
      await page.locator('.badge.atRisk').first().waitFor({ timeout: STEP_MS });
      await expect(page.getByTestId('summary-partners').textContent()).resolves.toMatch(/^\d+$/);
      await shot(page, 'portfolio');

      // The filter finds Northwind.
      await page.getByTestId('filter-q').fill('Northwind');
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      await waitFor('the search to show Northwind alone', async () => ((await rows.count()) === 1 ? true : undefined), STEP_MS);
      await expect(rows.first().getAttribute('data-partner-id')).resolves.toBe(NORTHWIND);

      // The CSV export holds exactly the rows shown.
      await page.getByRole('button', { name: 'Clear filters' }).click();
      await page.getByTestId('filter-status').selectOption('atRisk');
      await waitFor(
        'the at-risk filter',
        async () => {
          const n = await rows.count();
          const text =
            (await page
              .getByTestId('row-count')
              .textContent()
              .catch(() => '')) ?? '';
          return n > 0 && text.includes(`${n} partner`) ? n : undefined;
        },
        STEP_MS,
      );
      for (const tr of await rows.all()) await expect(tr.locator('.badge.atRisk').count()).resolves.toBeGreaterThan(0);
      const shown = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-partner-id')));
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
      const csv = await readFile((await download.path())!, 'utf8');
      const lines = csv.trim().split(/\r\n/);
      expect(lines[0]).toMatch(/^partnerId,name,/);
      expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(shown);
      console.log(`CSV export (${download.suggestedFilename()}): ${lines.length - 1} rows = the ${shown.length} shown`);

      // Sorting is a button in the header with aria-sort.
      await page.getByTestId('filter-status').selectOption('');
      // Let the list reload first: a header re-rendered under the key press would drop it.
      await page.waitForLoadState('networkidle');
      const nameHeader = page.locator('th', { has: page.getByRole('button', { name: /^Name/ }) });
      // By keyboard: focus the header's button and press Enter, then again for descending.
      await nameHeader.getByRole('button').focus();
      await page.keyboard.press('Enter');
      await waitFor(
        'the sort by name',
        async () => ((await nameHeader.getAttribute('aria-sort')) === 'ascending' ? true : undefined),
        STEP_MS,
      );
      await nameHeader.getByRole('button').focus();
      await page.keyboard.press('Enter');
      await waitFor(
        'the sort by name, descending',
        async () => ((await nameHeader.getAttribute('aria-sort')) === 'descending' ? true : undefined),
        STEP_MS,
      );
      await rows.first().waitFor({ timeout: STEP_MS });

      // Northwind's partner view: Business Applications above the 70 line, Qualified.
      await page.locator(`a[href="#/partners/${NORTHWIND}"]`).first().click();
      await page.getByTestId('partner-view').waitFor({ timeout: STEP_MS });
      const baRow = page.locator('[data-testid="area-chart-table"] tr[data-area-label="Business Applications"]');
      const baTotal = Number(await baRow.locator('td').first().textContent());
      expect(baTotal).toBeGreaterThanOrEqual(70);
      await expect(baRow.locator('td').nth(1).textContent()).resolves.toBe('above');
      await expect(page.locator('article[data-area="businessApplications"]').getAttribute('data-status')).resolves.toBe('qualified');
      await expect(page.locator('canvas[role="img"]').first().getAttribute('aria-label')).resolves.toMatch(/Business Applications 72\.5/);
      // Every section loaded (the charts drawn, the plans in words, the explanation grouped by reason).
      await page.locator('[data-testid="recommendations"] .plans').waitFor({ timeout: STEP_MS });
      await page.locator('[data-testid="explanations"] .metric-explanation').first().waitFor({ timeout: STEP_MS });
      await page.locator('[data-testid="forecast"] table').waitFor({ timeout: STEP_MS });
      await page.locator('[data-testid="claims"] :is(table, p.muted)').first().waitFor({ timeout: STEP_MS });
      // The lift's transition and its mail.
      await expect(page.getByTestId('activity').textContent()).resolves.toMatch(/In progress → Qualified/);
      await waitFor(
        'every partner section to load',
        async () => ((await page.locator('[data-testid="partner-view"] [aria-busy="true"]').count()) === 0 ? true : undefined),
        STEP_MS,
      );
      await shot(page, 'partner-4100003');

      // Operations: the import with its rejected rows.
      await page.getByRole('link', { name: 'Operations' }).click();
      await page.getByTestId('operations-view').waitFor({ timeout: STEP_MS });
      await page.locator('[data-testid="rejected-rows"]').first().waitFor({ timeout: STEP_MS });
      const imports = (await page.getByTestId('imports-table').textContent()) ?? '';
      expect(imports).toMatch(/tailspin-partner-tool-export\.csv/);
      expect(imports).toMatch(/unknown value "RESELLER"/);
      // Rejected and dead-lettered messages answered (empty on the demo data), nothing still loading.
      await waitFor(
        'every operations section to load',
        async () => ((await page.locator('[data-testid="operations-view"] [aria-busy="true"]').count()) === 0 ? true : undefined),
        STEP_MS,
      );
      await expect(page.getByTestId('rejected-messages').textContent()).resolves.toMatch(/No rejected messages|Reason/);
      await expect(page.getByTestId('dead-letters').textContent()).resolves.toMatch(/No dead-lettered messages|Reason/);
      await shot(page, 'operations');
      expect((page as Page & { outside: string[] }).outside).toEqual([]);
    },
    4 * STEP_MS,
  );

  it(
    "a partner key sees its partner only and gets the no-access message on another's",
    async () => {
      const page = await newPage();
      const { base } = stack!;
      await signIn(page, base, partnerKey);
      // A key for one partner opens that partner directly.
      await page.getByTestId('partner-view').waitFor({ timeout: STEP_MS });
      await expect(page.getByTestId('partner-view').getAttribute('data-partner-id')).resolves.toBe(NORTHWIND);

      await page.goto(`${base}/#/`);
      const rows = page.locator('[data-testid="portfolio"] tbody tr[data-partner-id]');
      await rows.first().waitFor({ timeout: STEP_MS });
      await waitFor('the portfolio to settle', async () => ((await page.getByTestId('row-count').isVisible()) ? true : undefined), STEP_MS);
      await expect(rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-partner-id')))).resolves.toEqual([NORTHWIND]);

      await page.goto(`${base}/#/partners/4100001`);
      await page.getByTestId('forbidden').waitFor({ timeout: STEP_MS });
      await expect(page.getByTestId('forbidden').textContent()).resolves.toMatch(/no access to partner 4100001/);

      await page.goto(`${base}/#/operations`);
      await page.getByTestId('admin-only').first().waitFor({ timeout: STEP_MS });
      await shot(page, 'partner-key-operations');
    },
    3 * STEP_MS,
  );
});
