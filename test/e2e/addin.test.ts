/**
 * End to end in headless Chromium: the built task pane (dist/, served over plain http on
 * 127.0.0.1) with the fake Office host injected before the page's scripts, real export files
 * from the shared fixtures through the file input, the mapping step for a file with unfamiliar
 * headers, Build, Refresh and the share-safe copy; then what landed in the fake workbook is
 * compared with the plan the CLI path builds from the same files. Screenshots of each step go to
 * test-results/addin/. Builds dist/ first (webpack, development mode) when it is missing or older
 * than the sources.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { build as esbuild } from 'esbuild';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { importSource } from '../../connectors/index';
import { assembleDataset } from '../../core/dataset';
import { buildKpiWorkbook } from '../../core/plan/kpi-workbook';
import { isFormulaCell } from '../../core/plan/types';
import { nodeSourceFile } from '../../cli/commands/build';
import { sourceFromBytes } from '../../connectors/source';
import { fixture, repoRoot } from '../support/paths';

const dist = join(repoRoot, 'dist');
const shots = join(repoRoot, 'test-results', 'addin');

/** The newest modification time under the add-in's source folders. */
function newestSource(): number {
  let newest = 0;
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const stat = statSync(path);
      if (stat.isDirectory()) walk(path);
      else newest = Math.max(newest, stat.mtimeMs);
    }
  };
  for (const dir of ['addin', 'functions', 'render', 'core', 'connectors']) walk(join(repoRoot, dir));
  return Math.max(newest, statSync(join(repoRoot, 'webpack.config.cjs')).mtimeMs, statSync(join(repoRoot, 'manifest.xml')).mtimeMs);
}

function ensureBuilt(): void {
  let built = 0;
  try {
    built = statSync(join(dist, 'taskpane.js')).mtimeMs;
  } catch {
    /* not built yet */
  }
  if (built >= newestSource()) return;
  execFileSync(process.execPath, [join(repoRoot, 'node_modules', 'webpack', 'bin', 'webpack.js'), '--mode', 'development'], { cwd: repoRoot, stdio: 'pipe' });
}

const mime: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json', '.css': 'text/css', '.png': 'image/png', '.xml': 'application/xml', '.map': 'application/json' };

function serve(): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const path = join(dist, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (!path.startsWith(dist)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = readFileSync(path);
      res.writeHead(200, { 'content-type': mime[extname(path)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, origin: `http://127.0.0.1:${(server.address() as { port: number }).port}` })));
}

/** A charges export whose headers match no profile: the mapping step must map them. */
const clinicHeaders = ['Visit Day', 'Svc Cd', 'Amt Billed', 'Clinician', 'Ticket'];
const clinicCsv = `${clinicHeaders.join(',')}\n03/04/2024,99213,125.00,Dr One,T1\n03/05/2024,99214,180.50,Dr Two,T2\n03/06/2024,99203,210.25,Dr One,T3\n`;

const syntheaFiles = ['claims.csv', 'claims_transactions.csv', 'encounters.csv', 'patients.csv', 'payers.csv', 'providers.csv', 'organizations.csv'];

interface Snapshot {
  sheets: { name: string; frozen?: { rows: number; columns: number }; charts: unknown[]; cells: Record<string, { value: unknown; formula?: string; numberFormat: string }> }[];
  tables: { name: string; sheet: string; range: string; showTotals: boolean }[];
  names: Record<string, { reference: string }>;
  syncs: { bytes: number; calls: number; calculationSuspended: boolean }[];
  createdWorkbooks: number[];
  settings: Record<string, Record<string, Record<string, unknown>>>;
  customFunctions: string[];
}

describe('add-in end to end (headless Chromium)', function () {
  this.timeout(120_000);
  let context: BrowserContext;
  let page: Page;
  let server: Server;
  let origin: string;
  let userDataDir: string;
  const errors: string[] = [];
  const snapshot = () => page.evaluate(() => (window as unknown as { __practiceHost: { snapshot(): Snapshot } }).__practiceHost.snapshot());
  const shot = (name: string) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });

  before(async function () {
    this.timeout(400_000);
    ensureBuilt();
    mkdirSync(shots, { recursive: true });
    const host = await esbuild({ entryPoints: [join(repoRoot, 'test', 'fakes', 'browser-host.ts')], bundle: true, format: 'iife', write: false, platform: 'browser', target: 'es2022' });
    ({ server, origin } = await serve());
    userDataDir = mkdtempSync(join(tmpdir(), 'pw-chromium-'));
    // A fresh profile directory each run (playwright passes it as --user-data-dir).
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
      viewport: { width: 380, height: 900 },
      acceptDownloads: true,
    });
    // Office.js from the CDN is replaced by the fake host; nothing else leaves the machine.
    await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) =>
      route.request().url().includes('appsforoffice.microsoft.com') ? route.fulfill({ contentType: 'text/javascript', body: '' }) : route.abort(),
    );
    await context.addInitScript({ content: host.outputFiles[0]?.text ?? '' });
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`${origin}/taskpane.html`);
    await page.getByText('Connected to Excel').waitFor();
  });

  after(async () => {
    await context?.close();
    server?.close();
    if (userDataDir !== undefined) rmSync(userDataDir, { recursive: true, force: true });
  });

  it('loads the shared runtime page: the task pane and every PRACTICE function associated', async () => {
    await shot('01-start');
    const snap = await snapshot();
    const metadata = JSON.parse(readFileSync(join(dist, 'functions.json'), 'utf8')) as { functions: { id: string }[] };
    assert.deepEqual([...snap.customFunctions].sort(), metadata.functions.map((f) => f.id).sort());
    assert.deepEqual(errors, []);
  });

  it('imports real exports through the file input, and asks for a mapping for unfamiliar headers', async () => {
    // Files as the browser hands them over (setInputFiles takes paths or payloads, not both).
    const real = (path: string) => ({ name: basename(path), mimeType: 'application/octet-stream', buffer: readFileSync(path) });
    await page.setInputFiles('#file-input', [
      ...syntheaFiles.map((f) => real(fixture('synthea_csv', f))),
      real(fixture('appointments', 'KaggleV2-May-2016.first20000rows.csv')),
      real(fixture('x12_835', 'oopfactory_5010_Example1.txt')),
      { name: 'clinic-charges.csv', mimeType: 'text/csv', buffer: Buffer.from(clinicCsv) },
    ]);
    assert.equal(await page.locator('#chosen-files li').count(), syntheaFiles.length + 3);
    await shot('02-files-chosen');
    await page.click('#import-button');
    await page.locator('#mapping').waitFor({ state: 'visible' });
    assert.equal(await page.locator('#import-bar').evaluate((bar: HTMLProgressElement) => bar.value), 1);
    assert.equal(await page.textContent('#mapping-file'), 'clinic-charges.csv');
    assert.equal(await page.textContent('#mapping-headers'), clinicHeaders.join(', '));
    await shot('03-mapping-step');
  });

  it('saves the mapping as a profile in the workbook settings and re-imports the file with it', async () => {
    await page.selectOption('#map-serviceDate', 'Visit Day');
    await page.selectOption('#map-procedureCode', 'Svc Cd');
    await page.selectOption('#map-chargeCents', 'Amt Billed');
    await page.selectOption('#map-claimId', 'Ticket');
    await page.click('#mapping-save');
    const row = page.locator('#import-log tbody tr', { hasText: 'clinic-charges.csv' });
    await row.locator('td', { hasText: 'csv · clinic-charges-mapped' }).waitFor();
    assert.equal(await row.locator('td').nth(2).textContent(), '3');
    assert.ok(await page.locator('#mapping').isHidden());
    const snap = await snapshot();
    const saved = snap.settings['practiceWorkbench.profiles']?.['clinic-charges.csv'] as { inputs: Record<string, { headers: string[] }> } | undefined;
    assert.deepEqual(saved?.inputs.chargeCents?.headers, ['Amt Billed']);
    await shot('04-import-log');
  });

  it('lists every import issue, filterable by severity', async () => {
    await page.click('#tab-issues');
    const all = await page.textContent('#issues-count');
    await page.selectOption('#filter-severity', 'error');
    await shot('05-issues');
    const filtered = await page.textContent('#issues-count');
    assert.ok(all !== null && filtered !== null);
    const shown = Number(/^(\d+) of (\d+)/.exec(filtered)?.[1] ?? NaN);
    const rows = await page.locator('#issues-table tbody tr').count();
    assert.equal(rows, Math.min(shown, 500));
    assert.ok(rows > 0, 'the fixtures have at least one error (a rejected 835 claim)');
    for (const severity of await page.locator('#issues-table tbody td.sev').allTextContents()) assert.equal(severity, 'error');
    await page.selectOption('#filter-severity', '');
  });

  it('builds the KPI workbook into the open workbook: the same tables and formulas as the CLI path', async () => {
    await page.click('#tab-build');
    await page.click('#build-button');
    await page.locator('#build-status', { hasText: 'Built' }).waitFor({ timeout: 60_000 });
    await shot('06-built');
    const snap = await snapshot();

    // The CLI path on the same files, with the profile the mapping step saved.
    const profile = snap.settings['practiceWorkbench.profiles']?.['clinic-charges.csv'];
    const results = [];
    for (const f of syntheaFiles) results.push(await importSource(nodeSourceFile(fixture('synthea_csv', f))));
    results.push(await importSource(nodeSourceFile(fixture('appointments', 'KaggleV2-May-2016.first20000rows.csv'))));
    results.push(await importSource(nodeSourceFile(fixture('x12_835', 'oopfactory_5010_Example1.txt'))));
    results.push(await importSource(sourceFromBytes('clinic-charges.csv', Buffer.from(clinicCsv)), { profile }));
    const plan = buildKpiWorkbook(assembleDataset(results), { generatedBy: 'Practice Workbench add-in', practiceName: 'Practice' });

    assert.deepEqual(snap.sheets.map((s) => s.name), ['Sheet1', ...plan.sheets.map((s) => s.name)]);
    for (const sheet of plan.sheets) {
      const landed = snap.sheets.find((s) => s.name === sheet.name);
      for (const { at, table } of sheet.tables) {
        const found = snap.tables.find((t) => t.name === table.name);
        assert.equal(found?.sheet, sheet.name);
        const rows = Number(/:[A-Z]+(\d+)$/.exec(found?.range ?? '')?.[1]) - Number(/^[A-Z]+(\d+)/.exec(at)?.[1]);
        assert.equal(rows, Math.max(table.rows.length, 1), `${table.name} rows`);
      }
      for (const cell of sheet.cells) if (isFormulaCell(cell)) assert.equal(landed?.cells[cell.at]?.formula, `=${cell.formula}`, `${sheet.name}!${cell.at}`);
      assert.deepEqual(landed?.frozen, sheet.frozen !== undefined && (sheet.frozen.rows > 0 || sheet.frozen.columns > 0) ? sheet.frozen : undefined);
    }
    // Every cell of the Facts table landed as the plan has it (text literal, dates as serials).
    const facts = plan.sheets.flatMap((s) => s.tables).find((t) => t.table.name === 'Facts')?.table;
    assert.ok(facts !== undefined);
    const landedFacts = await page.evaluate((name) => (window as unknown as { __practiceHost: { tableValues(n: string): unknown[][] } }).__practiceHost.tableValues(name), 'Facts');
    const serial = (iso: string) => (Date.parse(`${iso}T00:00:00Z`) - Date.parse('1899-12-30T00:00:00Z')) / 86_400_000;
    const expectedRows = facts.rows.map((row) => row.map((v, c) => (facts.columns[c]?.formula !== undefined ? `=${facts.columns[c]?.formula}` : v === null ? null : typeof v === 'object' ? serial(v.date) : typeof v === 'string' ? v.replace(/^'/, '') : v)));
    assert.deepEqual(landedFacts, [facts.columns.map((c) => c.name), ...expectedRows]);
    // The mapped file's charges, by hand: $125.00 + $180.50 + $210.25 in March 2024, with no
    // provider or payer (the file has no such columns mapped).
    const header = landedFacts[0] ?? [];
    const clinic = landedFacts.slice(1).filter((row) => row[header.indexOf('Payer')] === '(no payer)' && row[header.indexOf('Month')] === serial('2024-03-01'));
    assert.equal(clinic.reduce((sum, row) => sum + Number(row[header.indexOf('Charges')]), 0), 515.75);
    assert.ok(snap.syncs.every((s) => s.bytes <= 4 * 1024 * 1024));
    assert.deepEqual(errors, []);
  });

  it('keeps a target the user typed through Refresh', async () => {
    const snap = await snapshot();
    const reference = snap.names['_pw.u.target.no_show_rate']?.reference ?? '';
    const m = /^=(?:'?([^'!]+)'?)!\$([A-Z]+)\$(\d+)$/.exec(reference);
    assert.ok(m !== null, reference);
    const [, sheet = '', column = '', row = ''] = m;
    await page.evaluate(([s, a]) => (window as unknown as { __practiceHost: { setCell(s: string, a: string, v: number): void } }).__practiceHost.setCell(s ?? '', a ?? '', 0.07), [sheet, `${column}${row}`]);
    await page.click('#tab-refresh');
    await page.click('#refresh-button');
    await page.locator('#refresh-status', { hasText: 'Built' }).waitFor({ timeout: 60_000 });
    await shot('07-refreshed');
    const after = await snapshot();
    assert.equal(after.sheets.find((s) => s.name === sheet)?.cells[`${column}${row}`]?.value, 0.07);
    assert.match((await page.textContent('#refresh-status')) ?? '', /Kept \d+ target\(s\), comment\(s\) and input\(s\)/);
  });

  it('makes a share-safe copy, downloadable and opened through Excel.createWorkbook', async () => {
    await page.click('#tab-share');
    await page.click('#share-download');
    await page.locator('#share-link').waitFor({ state: 'visible', timeout: 60_000 });
    assert.match((await page.textContent('#share-removed')) ?? '', /PRACTICE\.\* function/);
    const download = page.waitForEvent('download');
    await page.click('#share-link');
    const file = await (await download).path();
    assert.ok(file !== null && statSync(file).size > 10_000);
    await page.click('#share-open');
    await page.locator('#share-status', { hasText: 'Opened' }).waitFor();
    await shot('08-share-safe');
    assert.equal((await snapshot()).createdWorkbooks.length, 1);
    assert.deepEqual(errors, []);
  });

  it('is keyboard operable: the tabs move with the arrow keys and every control is a real button', async () => {
    await page.focus('#tab-share');
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'tab-issues');
    assert.equal(await page.getAttribute('#tab-issues', 'aria-selected'), 'true');
    assert.equal(await page.locator('[onclick], div[role="button"], span[role="button"]').count(), 0);
    assert.equal(await page.locator('#import-status').getAttribute('aria-live'), 'polite');
  });

  it('takes files dropped on the drop zone', async () => {
    await page.click('#tab-import');
    await page.click('#clear-files');
    await page.evaluate(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(['Visit Day,Svc Cd\n'], 'dropped.csv', { type: 'text/csv' }));
      document.getElementById('drop-zone')?.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    });
    assert.deepEqual(await page.locator('#chosen-files li span:first-child').allTextContents(), ['dropped.csv']);
    assert.equal(await page.isEnabled('#import-button'), true);
  });

  it('builds the Variance workbook from two years of general ledger (P&L by month exports)', async () => {
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    const pl = (year: number, count: number, rent: string) => {
      const heads = months.slice(0, count).map((m) => `${m} ${year}`);
      const line = (account: string, amount: string) => `${account},${heads.map(() => amount).join(',')},`;
      return ['Clinic', 'Profit and Loss by Month', '', `,${heads.join(',')},Total`, 'Income,', line('4000 Patient fees', '100000.00'), 'Expenses,', line('5510 Rent', rent)].join('\r\n');
    };
    await page.click('#tab-import');
    await page.click('#clear-files');
    await page.setInputFiles('#file-input', [
      { name: 'pl-2025.csv', mimeType: 'text/csv', buffer: Buffer.from(pl(2025, 12, '9000.00')) },
      { name: 'pl-2026.csv', mimeType: 'text/csv', buffer: Buffer.from(pl(2026, 3, '9500.00')) },
    ]);
    await page.click('#import-button');
    await page.locator('#import-log tbody tr', { hasText: 'pl-2026.csv' }).waitFor();
    await page.click('#tab-build');
    assert.deepEqual(await page.locator('#workbook-kind option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value)), ['kpi', 'contracts', 'budget', 'variance']);
    await page.selectOption('#workbook-kind', 'variance');
    await page.click('#build-button');
    await page.locator('#build-status', { hasText: /Built ".*budget vs actual 2026/ }).waitFor({ timeout: 60_000 });
    await shot('09-variance-built');
    const snap = await snapshot();
    assert.ok(snap.tables.some((t) => t.name === 'Variance' && t.sheet === 'Variance'));
    assert.ok(snap.sheets.some((sh) => sh.name === 'Owner summary'));
  });
});
