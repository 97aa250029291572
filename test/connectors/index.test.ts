/**
 * `importSource` routes general-ledger exports to the GL connector by their headers and shape (not
 * their names), through the real `practice inspect --json`: a QuickBooks-style GL detail and a P&L
 * by month written here, with totals computed here from the numbers written.
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../support/paths';

const run = promisify(execFile);

interface FileReport {
  file: string;
  format: string;
  profile: string | null;
  rowsRead: number;
  recordsImported: number;
  rowsRejected: number;
  issues: { code: string; severity: string }[];
  summary: Record<string, unknown>;
}

async function inspect(...args: string[]): Promise<FileReport[]> {
  const { stdout } = await run(process.execPath, [join(repoRoot, 'bin', 'practice.js'), 'inspect', ...args, '--json'], { cwd: repoRoot });
  return (JSON.parse(stdout) as { files: FileReport[] }).files;
}

/** 1234.5 → "1,234.50" as QuickBooks writes it (quoted when it has a comma). */
function qb(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const text = `${sign}${Math.floor(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
  return text.includes(',') ? `"${text}"` : text;
}

/** Postings as [date, type, num, name, memo, account, split account, cents]: each transaction written under both accounts. */
const POSTINGS: [string, string, string, string, string, string, string, number][] = [
  ['01/05/2026', 'Deposit', '1', '', 'Insurance deposit', '1000 Operating account', '4000 Patient fees - insurance', 125_000],
  ['01/20/2026', 'Check', '101', 'Acme Supplies', 'Gloves', '6100 Medical supplies', '1000 Operating account', 31_045],
  ['02/01/2026', 'Check', '102', 'Landlord LLC', 'Rent', '6200 Rent', '1000 Operating account', 200_000],
  ['02/14/2026', 'Deposit', '2', '', 'Patient payments', '1000 Operating account', '4010 Patient fees - patients', 48_210],
];

function glDetail(): { text: string; debit: number; credit: number; postings: number } {
  // Each posting debits `account` and credits the split account.
  const byAccount = new Map<string, string[][]>();
  let debit = 0;
  let credit = 0;
  for (const [date, type, num, name, memo, account, split, cents] of POSTINGS) {
    for (const [acct, other, amount] of [[account, split, cents], [split, account, -cents]] as const) {
      const rows = byAccount.get(acct) ?? [];
      rows.push(['', date, type, num, name, memo, other, qb(amount)]);
      byAccount.set(acct, rows);
      if (amount > 0) debit += amount;
      else credit -= amount;
    }
  }
  const lines = ['Family Clinic', 'General Ledger', 'January - February 2026', '', ',Date,Transaction Type,Num,Name,Memo/Description,Split,Amount,Balance'];
  for (const [acct, rows] of [...byAccount.entries()].sort()) {
    lines.push(`${acct},,,,,,,,`);
    for (const r of rows) lines.push(`${r.join(',')},`); // Balance column left empty
    lines.push(`Total for ${acct},,,,,,,,`);
  }
  lines.push('TOTAL,,,,,,,0.00,');
  return { text: lines.join('\r\n') + '\r\n', debit, credit, postings: POSTINGS.length * 2 };
}

const MONTHS = ['Jan 2026', 'Feb 2026', 'Mar 2026'];
const INCOME: [string, number[]][] = [
  ['4000 Patient fees - insurance', [1_000_000, 1_150_050, 980_025]],
  ['4010 Patient fees - patients', [200_000, 210_000, 190_000]],
];
const EXPENSES: [string, number[]][] = [
  ['6100 Medical supplies', [50_000, 45_025, 61_000]],
  ['6200 Rent', [200_000, 200_000, 200_000]],
  ['6300 Salaries and wages', [700_000, 700_000, 712_345]],
];

function plByMonth(): { text: string; net: number[] } {
  const sum = (rows: [string, number[]][], m: number) => rows.reduce((s, [, v]) => s + (v[m] ?? 0), 0);
  const row = (label: string, values: number[]) => [label, ...values.map(qb), qb(values.reduce((s, v) => s + v, 0))].join(',');
  const months = MONTHS.map((_, m) => m);
  const net = months.map((m) => sum(INCOME, m) - sum(EXPENSES, m));
  const lines = [
    'Family Clinic',
    'Profit and Loss by Month',
    'January - March 2026',
    '',
    `,${MONTHS.join(',')},Total`,
    'Income,,,,',
    ...INCOME.map(([l, v]) => row(l, v)),
    row('Total Income', months.map((m) => sum(INCOME, m))),
    'Expenses,,,,',
    ...EXPENSES.map(([l, v]) => row(l, v)),
    row('Total Expenses', months.map((m) => sum(EXPENSES, m))),
    row('Net Income', net),
  ];
  return { text: lines.join('\n') + '\n', net };
}

describe('connectors/index', function () {
  this.timeout(60_000);
  const dir = mkdtempSync(join(tmpdir(), 'gl-route-'));
  const gl = glDetail();
  const pl = plByMonth();
  // Names that say nothing: recognition is by headers and shape.
  writeFileSync(join(dir, 'export1.csv'), gl.text);
  writeFileSync(join(dir, 'export2.csv'), pl.text);
  // A billing export with a date, an account and an amount is still a billing export.
  writeFileSync(join(dir, 'export3.csv'), 'Date,Account,Patient,CPT,Amount\n01/05/2026,A100,P1,99213,125.00\n');
  after(() => rmSync(dir, { recursive: true, force: true }));
  let reports: FileReport[] = [];
  before(async () => {
    reports = await inspect(dir);
  });
  const report = (name: string) => reports.find((r) => r.file.endsWith(name));

  describe('importSource', () => {
    it('reads a QuickBooks-style GL detail through the GL connector: every posting, debits = credits = the amounts written', () => {
      const r = report('export1.csv');
      assert.ok(r);
      assert.equal(r.format, 'csv');
      assert.equal(r.profile, 'gl-detail');
      assert.equal(r.recordsImported, gl.postings);
      assert.equal(r.rowsRejected, 0);
      assert.deepEqual(r.summary.recordsByType, { 'gl-entry': gl.postings });
      assert.equal(r.summary.debitCents, gl.debit);
      assert.equal(r.summary.creditCents, gl.credit);
      assert.equal(gl.debit, gl.credit);
      assert.equal(r.summary.accounts, 5);
    });

    it('reads a P&L by month through the GL connector: the report’s net income ties to the accounts, month by month', () => {
      const r = report('export2.csv');
      assert.ok(r);
      assert.equal(r.format, 'csv');
      assert.equal(r.profile, 'pl-by-month');
      assert.deepEqual(r.summary.months, ['2026-01', '2026-02', '2026-03']);
      const expected = { '2026-01': pl.net[0], '2026-02': pl.net[1], '2026-03': pl.net[2], total: pl.net.reduce((s, v) => s + v, 0) };
      assert.deepEqual(r.summary.reportedNetIncomeCents, expected);
      assert.deepEqual(r.summary.computedNetIncomeCents, expected);
      assert.deepEqual(r.issues.filter((i) => i.severity !== 'info'), []);
    });

    it('leaves a billing export with date, account and amount columns, and any file read with --profile, to the CSV importer', async () => {
      const billing = report('export3.csv');
      assert.ok(billing);
      assert.notEqual(billing.profile, 'gl-detail');
      assert.notEqual(billing.profile, 'pl-by-month');
      assert.ok(!('gl-entry' in (billing.summary.recordsByType as object)));
      const [forced] = await inspect(join(dir, 'export1.csv'), '--profile', 'canonical-transactions');
      assert.notEqual(forced?.profile, 'gl-detail');
    });
  });
});
