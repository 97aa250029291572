import { strict as assert } from 'node:assert';
import ExcelJS from 'exceljs';
import { UNMAPPED } from '../../../core/accounts/chart';
import { defaultMappingRules, mapActuals } from '../../../core/accounts/mapping';
import type { GlEntry, PlLine } from '../../../core/model';
import { importGl, splitAccount } from '../../../connectors/gl';
import { sourceFromBytes } from '../../../connectors/source';

const utf8 = (text: string) => new TextEncoder().encode(text);

/** QuickBooks Online "Profit and Loss by Month", exported to CSV: title lines, parenthesised negatives,
 * a sub-account group with its "Total …" line, an extra unlabelled subtotal ("Staff costs"), an
 * account no rule maps (6950 Bank charges), and the report's own Net Income line. */
const qboPl = [
  'Demo Family Practice',
  'Profit and Loss by Month',
  'January - March 2025',
  '',
  ',Jan 2025,Feb 2025,Mar 2025,Total',
  'Income,,,,',
  '4000 Patient fees,"$100,000.00","$90,000.50","$110,000.00","$300,000.50"',
  '4010 Refunds to patients,(500.00),(250.25),-,(750.25)',
  '4800 Other income,"1,000.00",0.00,500.00,"1,500.00"',
  'Total Income,"$100,500.00","$89,750.25","$110,500.00","$300,750.25"',
  'Expenses,,,,',
  '5000 Physician salaries,"50,000.00","50,000.00","50,000.00","150,000.00"',
  '5100 Payroll Expenses,,,,',
  '   5110 Front desk wages,"8,000.00","8,000.00","8,000.00","24,000.00"',
  '   5120 MA wages,"12,000.00","12,000.00","12,500.00","36,500.00"',
  '   Staff costs,"20,000.00","20,000.00","20,500.00","60,500.00"',
  'Total 5100 Payroll Expenses,"20,000.00","20,000.00","20,500.00","60,500.00"',
  '5500 Rent,"9,000.00","9,000.00","9,000.00","27,000.00"',
  '6950 Bank charges,45.10,39.90,51.00,136.00',
  'Total Expenses,"79,045.10","79,039.90","79,551.00","237,636.00"',
  'Net Operating Income,"21,454.90","10,710.35","30,949.00","63,114.25"',
  'Net Income,"$21,454.90","$10,710.35","$30,949.00","$63,114.25"',
  '',
  '"Cash Basis Friday, April 4, 2025 09:12 AM GMT-04:00"',
].join('\r\n');

/** Xero "Profit and Loss" with monthly columns, saved as XLSX: numbers as numbers, names "(code)" last. */
async function xeroPlXlsx(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Profit and Loss');
  const rows: (string | number | null)[][] = [
    ['Profit and Loss'],
    ['Demo Family Practice'],
    ['For the 2 months ended 28 February 2025'],
    [],
    ['Account', '31 Jan 2025', '28 Feb 2025', 'Total'],
    ['Trading Income'],
    ['Patient fees (4000)', 100000, 90000.5, 190000.5],
    ['Total Trading Income', 100000, 90000.5, 190000.5],
    ['Gross Profit', 100000, 90000.5, 190000.5],
    ['Operating Expenses'],
    ['Medical supplies (5310)', 3000.25, -120.1, 2880.15],
    ['Bank charges (6950)', 45.1, 39.9, 85],
    ['Total Operating Expenses', 3045.35, -80.2, 2965.15],
    ['Net Profit', 96954.65, 90080.7, 187035.35],
  ];
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** QuickBooks Online "General Ledger" CSV: account headings above postings, "Total for" lines, signed Amount. */
const qboGl = [
  'Demo Family Practice',
  'General Ledger',
  'January 2025',
  '',
  ',Date,Transaction Type,Num,Name,Class,Memo/Description,Split,Amount,Balance',
  '4000 Patient fees,,,,,,,,,',
  ',01/31/2025,Deposit,,,North,January deposits,1000 Checking,"-100,000.00","-100,000.00"',
  'Total for 4000 Patient fees,,,,,,,,"-$100,000.00",',
  '6950 Bank charges,,,,,,,,,',
  ',01/15/2025,Expense,,First Bank,North,Monthly fee,1000 Checking,45.10,45.10',
  ',02/15/2025,Expense,,First Bank,South,Monthly fee,1000 Checking,39.90,85.00',
  'Total for 6950 Bank charges,,,,,,,,$85.00,',
  '5500 Rent,,,,,,,,,',
  ',01/01/2025,Bill,,Landlord LLC,,January rent,2000 Accounts Payable,"9,000.00","9,000.00"',
  ',13/01/2025,Bill,,Landlord LLC,,bad date,2000 Accounts Payable,1.00,1.00',
  'Total for 5500 Rent,,,,,,,,"$9,000.00",',
  '',
  'TOTAL,,,,,,,,"-$90,914.00",',
].join('\n');

/** Xero "Account Transactions" XLSX: one row per posting, account code and name columns, Debit and Credit. */
async function xeroGlXlsx(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Account Transactions');
  ws.addRow(['Account Transactions']);
  ws.addRow(['Date', 'Source', 'Description', 'Reference', 'Debit', 'Credit', 'Account Code', 'Account', 'Tracking']);
  ws.addRow([new Date(Date.UTC(2025, 0, 31)), 'Receive Money', 'Deposits', '', null, 100000, '4000', 'Patient fees', 'North']);
  ws.addRow([new Date(Date.UTC(2025, 0, 15)), 'Spend Money', 'Fee', '', 45.1, null, '6950', 'Bank charges', 'North']);
  ws.addRow([new Date(Date.UTC(2025, 1, 3)), 'Spend Money', 'Gloves', '', 310.25, null, '05310', 'Medical supplies', '']);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const sumBy = <T>(xs: readonly T[], f: (x: T) => number) => xs.reduce((s, x) => s + f(x), 0);

describe('connectors/gl', () => {
  describe('splitAccount', () => {
    it('splits number and name in the ways packages write them', () => {
      assert.deepEqual(splitAccount('6000 · Rent'), { number: '6000', name: 'Rent' });
      assert.deepEqual(splitAccount('  5110 Front desk wages'), { number: '5110', name: 'Front desk wages' });
      assert.deepEqual(splitAccount('Patient fees (4000)'), { number: '4000', name: 'Patient fees' });
      assert.deepEqual(splitAccount('6000-10 - Rent North'), { number: '6000-10', name: 'Rent North' });
      assert.deepEqual(splitAccount('Bank charges'), { name: 'Bank charges' });
    });
  });

  describe('importGl (P&L by month, QuickBooks CSV)', () => {
    let result: Awaited<ReturnType<typeof importGl>>;
    before(async () => {
      result = await importGl(sourceFromBytes('pl-by-month.csv', utf8(qboPl)));
    });

    it('reads the account rows month by month and skips headers, Total lines and the unlabelled subtotal', () => {
      assert.equal(result.profile, 'pl-by-month');
      const lines = result.records as PlLine[];
      const accounts = [...new Set(lines.map((l) => `${l.accountNumber} ${l.accountName}`))];
      assert.deepEqual(accounts, ['4000 Patient fees', '4010 Refunds to patients', '4800 Other income', '5000 Physician salaries', '5110 Front desk wages', '5120 MA wages', '5500 Rent', '6950 Bank charges']);
      assert.ok(result.issues.some((i) => i.code === 'pl-subtotal-skipped' && i.message.includes('Staff costs')));
      const refunds = lines.filter((l) => l.accountNumber === '4010').map((l) => [l.month, l.amountCents, l.debitCents]);
      // "(500.00)" in the income section: −$500 of income, a $500 debit; "-" is no amount.
      assert.deepEqual(refunds, [['2025-01', -50_000, 50_000], ['2025-02', -25_025, 25_025]]);
    });

    it('ties the account rows to the report\'s own Net Income line in every month and the total', () => {
      assert.deepEqual(result.extraSummary?.reportedNetIncomeCents, { '2025-01': 2_145_490, '2025-02': 1_071_035, '2025-03': 3_094_900, total: 6_311_425 });
      assert.deepEqual(result.extraSummary?.computedNetIncomeCents, result.extraSummary?.reportedNetIncomeCents);
      assert.equal(result.issues.filter((i) => i.severity === 'error').length, 0, JSON.stringify(result.issues));
    });

    it('maps the accounts, puts the unmapped one on the Unmapped line with an issue naming it and its amount, and still ties', () => {
      const lines = result.records as PlLine[];
      const mapped = mapActuals(
        lines.map((l) => ({ account: { number: l.accountNumber, name: l.accountName }, month: l.month, debitCents: l.debitCents })),
        defaultMappingRules,
        'pl-by-month.csv',
      );
      assert.equal(mapped.issues.length, 1);
      assert.match(mapped.issues[0]?.message ?? '', /6950 Bank charges.*\$136\.00/);
      assert.equal(mapped.byLine.get(UNMAPPED)?.get('2025-01'), 4_510);
      // Net income from the mapped lines = the report's Net Income, month by month.
      for (const [month, expected] of [['2025-01', 2_145_490], ['2025-02', 1_071_035], ['2025-03', 3_094_900]] as const) {
        let net = 0;
        for (const [line, months] of mapped.byLine) net += (line.startsWith('4') ? 1 : -1) * (months.get(month) ?? 0);
        assert.equal(net, expected, month);
      }
      // Revenue line 4000 = patient fees less refunds: 100,000.00 − 500.00 in January.
      assert.equal(mapped.byLine.get('4000')?.get('2025-01'), 9_950_000);
    });

    it('reports a report whose rows do not tie to its Net Income line', async () => {
      const broken = qboPl.replace('Net Income,"$21,454.90"', 'Net Income,"$21,455.90"');
      const r = await importGl(sourceFromBytes('broken.csv', utf8(broken)));
      const errors = r.issues.filter((i) => i.code === 'pl-does-not-tie');
      assert.equal(errors.length, 1);
      assert.match(errors[0]?.message ?? '', /\$21,454\.90.*\$21,455\.90/);
    });
  });

  describe('importGl (P&L by month, Xero XLSX)', () => {
    it('reads month-end date headers, "(code)" account names and numeric cells, and ties to Net Profit', async () => {
      const r = await importGl(sourceFromBytes('Profit_and_Loss.xlsx', await xeroPlXlsx()));
      assert.equal(r.format, 'xlsx');
      const lines = r.records as PlLine[];
      assert.deepEqual(r.extraSummary?.months, ['2025-01', '2025-02']);
      assert.equal(lines.length, 6);
      const supplies = lines.filter((l) => l.accountNumber === '5310').map((l) => l.amountCents);
      assert.deepEqual(supplies, [300_025, -12_010]);
      assert.deepEqual(r.extraSummary?.computedNetIncomeCents, { '2025-01': 9_695_465, '2025-02': 9_008_070, total: 18_703_535 });
      assert.equal(r.issues.filter((i) => i.severity === 'error').length, 0, JSON.stringify(r.issues));
    });
  });

  describe('importGl (P&L by month, Sage-style code and name columns)', () => {
    it('reads the code and name from their own columns and sub-accounts indented by column', async () => {
      const csv = [
        'Profit and Loss',
        'Code,Name,,Jan-25,Feb-25,Total',
        'Sales,,,,,',
        '4000,Patient fees,,"1,000.00",500.00,"1,500.00"',
        'Overheads,,,,,',
        ',Rent,,,,',
        ',,5510 Rent - North,100.00,100.00,200.00',
        ',,5520 Rent - South,50.00,50.00,100.00',
        'Net Profit,,,850.00,350.00,"1,200.00"',
      ].join('\n');
      const r = await importGl(sourceFromBytes('sage.csv', utf8(csv)));
      const lines = r.records as PlLine[];
      assert.deepEqual([...new Set(lines.map((l) => `${l.accountNumber}|${l.accountName}|${l.section}`))], ['4000|Patient fees|income', '5510|Rent - North|expense', '5520|Rent - South|expense']);
      assert.equal(r.issues.filter((i) => i.severity === 'error').length, 0, JSON.stringify(r.issues));
    });
  });

  describe('importGl (GL detail)', () => {
    it('reads QuickBooks account headings, signed amounts and class, and skips Total lines', async () => {
      const r = await importGl(sourceFromBytes('general-ledger.csv', utf8(qboGl)));
      assert.equal(r.profile, 'gl-detail');
      const entries = r.records as GlEntry[];
      assert.equal(entries.length, 4);
      assert.deepEqual(
        entries.map((e) => [e.date, e.accountNumber, e.amountCents, e.className ?? '']),
        [
          ['2025-01-31', '4000', -10_000_000, 'North'],
          ['2025-01-15', '6950', 4_510, 'North'],
          ['2025-02-15', '6950', 3_990, 'South'],
          ['2025-01-01', '5500', 900_000, ''],
        ],
      );
      // 13/01/2025 cannot be month/day once the column reads month-first from 01/31/2025.
      assert.deepEqual(r.issues.map((i) => [i.code, i.location.line]), [['date-invalid', 15]]);
      // The export's TOTAL line: −90,914.00 = Σ of the postings read, plus the rejected $1.00 row.
      assert.equal(sumBy(entries, (e) => e.amountCents) + 100, -9_091_400);
    });

    it('reads Xero debit/credit columns with account codes (leading zeros kept) and tracking', async () => {
      const r = await importGl(sourceFromBytes('Account_Transactions.xlsx', await xeroGlXlsx()));
      const entries = r.records as GlEntry[];
      assert.deepEqual(
        entries.map((e) => [e.date, e.accountNumber, e.accountName, e.amountCents, e.className ?? '']),
        [
          ['2025-01-31', '4000', 'Patient fees', -10_000_000, 'North'],
          ['2025-01-15', '6950', 'Bank charges', 4_510, 'North'],
          ['2025-02-03', '05310', 'Medical supplies', 31_025, ''],
        ],
      );
    });

    it('says so when a file is neither layout', async () => {
      const r = await importGl(sourceFromBytes('x.csv', utf8('a,b\n1,2\n')));
      assert.deepEqual(r.issues.map((i) => i.code), ['gl-layout-unknown']);
    });
  });
});
