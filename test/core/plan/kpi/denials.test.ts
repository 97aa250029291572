/**
 * The Denials section of the KPI workbook: on a hand-built 835 set whose denials are counted by hand
 * in this file; on the demo practice with its 835s, whose denied dollars by CARC are summed here from
 * the raw 835 segments; and on the demo's CSV exports alone (denial adjustments, no remittances),
 * against the simulation's own record of what it denied. All three workbooks recalculated by
 * LibreOffice (one run) with zero mismatches.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadInputs } from '../../../../cli/commands/build';
import { generateDemo, type DemoModel } from '../../../../cli/demo/generate';
import { writeDemo } from '../../../../cli/demo/write-csv';
import { writeDemoX12 } from '../../../../cli/demo/x12-writer';
import { sourceFromBytes } from '../../../../connectors/source';
import { import835 } from '../../../../connectors/x12';
import { aggregate } from '../../../../core/aggregate';
import { assembleDataset, type Dataset } from '../../../../core/dataset';
import { DENIALS_DATA_SHEET, DENIALS_SHEET } from '../../../../core/plan/kpi/denials';
import { buildKpiWorkbook } from '../../../../core/plan/kpi-workbook';
import type { Placed, PlanSheet, WorkbookPlan } from '../../../../core/plan/types';
import { renderXlsx } from '../../../../render/xlsx';
import { compareWithPlan, describeMismatches, recalculateMany, type RecalculatedWorkbook } from '../../../support/libreoffice';

const ISA = 'ISA*00*          *00*          *ZZ*PAYER          *ZZ*CLINIC         *260301*1200*^*00501*000000777*0*P*:';
const HYPERLINK = '=HYPERLINK("http://x","y")';

/** One 835 transaction paid on `date` (YYYYMMDD) by payer `payer` (id `payerId`). */
function transaction(control: string, payment: string, date: string, payer: string, payerId: string, body: string[]): string[] {
  const segments = [
    `ST*835*${control}`,
    `BPR*I*${payment}*C*ACH*CCP*01*999999999*DA*123456*1234567890**01*999999999*DA*654321*${date}`,
    `TRN*1*EFT${control}*1234567890`,
    `DTM*405*${date}`,
    `N1*PR*${payer}`,
    `REF*2U*${payerId}`,
    'N1*PE*FAMILY CLINIC*XX*1234567893',
    'LX*1',
    ...body,
  ];
  return [...segments, `SE*${segments.length + 1}*${control}`];
}

function interchange(transactions: string[][]): string {
  const segments = [ISA, 'GS*HP*PAYER*CLINIC*20260301*1200*1*X*005010X221A1', ...transactions.flat(), `GE*${transactions.length}*1`, 'IEA*1*000000777'];
  return segments.join('~\n') + '~\n';
}

const WELBY = 'NM1*82*1*WELBY*MARCUS****XX*1003000126';
const KILDARE = 'NM1*82*1*KILDARE*JAMES****XX*1003000134';
const line = (code: string, charge: string, paid: string, dos: string, ...cas: string[]) => [`SVC*HC:${code}*${charge}*${paid}**1`, `DTM*472*${dos}`, ...cas];

/**
 * January: A1 denied (CO-16, 100.00), A2 denied (CO-50, 150.00), A5 paid 80.00.
 * February: A1 denied again (still one line, in January), A2 paid on appeal (overturned), A3 denied
 * by status 4 (CO-29, 200.00), A5 reversed (22) and re-adjudicated as denied (CO-97, 80.00), A6 paid
 * nothing but all to the deductible (PR-1: not a denial); payer B denies B1 (OA-18, 60.00).
 */
const JANUARY = interchange([
  transaction('0001', '80', '20260115', 'ACME HEALTH PLAN', 'ACME01', [
    'CLP*A1*1*100*0**12*PCN-A1*11*1', WELBY, ...line('99213', '100', '0', '20260105', 'CAS*CO*16*100'),
    'CLP*A2*1*150*0**12*PCN-A2*11*1', WELBY, ...line('80053', '150', '0', '20260106', 'CAS*CO*50*150'),
    'CLP*A5*1*80*80**12*PCN-A5*11*1', WELBY, ...line('36415', '80', '80', '20260107'),
  ]),
]);
const FEBRUARY = interchange([
  transaction('0002', '40', '20260212', 'ACME HEALTH PLAN', 'ACME01', [
    'CLP*A1*1*100*0**12*PCN-A1B*11*1', WELBY, ...line('99213', '100', '0', '20260105', 'CAS*CO*16*100'),
    'CLP*A2*1*150*120**12*PCN-A2B*11*1', WELBY, ...line('80053', '150', '120', '20260106', 'CAS*CO*45*30'),
    'CLP*A3*4*200*0**12*PCN-A3*11*1', KILDARE, ...line('99215', '200', '0', '20260201', 'CAS*CO*29*200'),
    'CLP*A5*22*-80*-80**12*PCN-A5*11*1', WELBY, ...line('36415', '-80', '-80', '20260107'),
    'CLP*A5*1*80*0**12*PCN-A5C*11*1', WELBY, ...line('36415', '80', '0', '20260107', 'CAS*CO*97*80'),
    'CLP*A6*1*90*0*90*12*PCN-A6*11*1', WELBY, ...line('99212', '90', '0', '20260203', 'CAS*PR*1*90'),
  ]),
  transaction('0003', '0', '20260220', HYPERLINK, 'BETA02', ['CLP*B1*1*60*0**12*PCN-B1*11*1', KILDARE, ...line('99213', '60', '0', '20260210', 'CAS*OA*18*60')]),
]);

async function handDataset(): Promise<Dataset> {
  const results = [];
  for (const [name, text] of [['jan.835', JANUARY], ['feb.835', FEBRUARY]] as const) results.push(await import835(sourceFromBytes(name, new TextEncoder().encode(text))));
  return assembleDataset(results);
}

/** Rows of a block of the Denials sheet: key in column A → row number, from the subtitle to the first gap. */
function block(sheet: PlanSheet, title: string): Map<string, number> {
  const at = new Map(sheet.cells.map((c) => [c.at, c]));
  const start = sheet.cells.find((c) => 'value' in c && c.value === title && c.style === 'subtitle');
  assert.ok(start, title);
  const out = new Map<string, number>();
  for (let row = Number(start.at.slice(1)) + 2; at.has(`A${row}`); row++) out.set(String((at.get(`A${row}`) as Placed & { value: unknown }).value), row);
  return out;
}

const sheetOf = (plan: WorkbookPlan, name: string) => {
  const s = plan.sheets.find((x) => x.name === name);
  assert.ok(s, name);
  return s;
};

function cents(text: string): number {
  const negative = text.startsWith('-');
  const [whole, fraction = ''] = text.replace('-', '').split('.');
  const value = Number(whole) * 100 + Number((fraction + '00').slice(0, 2));
  return negative ? -value : value;
}

/**
 * Unique denied lines of raw 835 texts, summed by CARC for payments in [from, to] (YYYYMMDD): a line
 * (payer, claim, date of service, code, occurrence) is denied when its claim status is 4, or it was
 * paid 0 on a positive charge with no PR adjustment and some other positive adjustment (not CR, not
 * CARC 23); it counts once, at its earliest denial, under the CARC of its largest adjustment.
 */
function deniedByCarc(texts: readonly string[], from: string, to: string): Map<string, { lines: number; cents: number }> {
  interface Svc { key: string; date: string; status: string; charge: number; paid: number; cas: { group: string; reason: string; cents: number }[] }
  const all: Svc[] = [];
  for (const text of texts) {
    let date = '';
    let payer = '';
    let claim = '';
    let status = '';
    let seen = new Map<string, number>();
    let svc: Svc | undefined;
    for (const raw of text.split('~')) {
      const e = raw.trim().split('*');
      if (e[0] === 'BPR') date = e[16] ?? '';
      else if (e[0] === 'N1' && e[1] === 'PR') payer = e[2] ?? '';
      else if (e[0] === 'CLP') {
        claim = e[1] ?? '';
        status = e[2] ?? '';
        seen = new Map();
        svc = undefined;
      } else if (e[0] === 'SVC') {
        svc = { key: `${payer}|${claim}|${e[1] ?? ''}`, date, status, charge: cents(e[2] ?? '0'), paid: cents(e[3] ?? '0'), cas: [] };
        all.push(svc);
      } else if (e[0] === 'DTM' && e[1] === '472' && svc !== undefined) {
        const key = `${svc.key}|${e[2] ?? ''}`;
        seen.set(key, (seen.get(key) ?? 0) + 1);
        svc.key = `${key}|${seen.get(key) ?? 0}`;
      } else if (e[0] === 'CAS' && svc !== undefined) {
        for (let i = 2; i + 1 < e.length; i += 3) if ((e[i] ?? '') !== '') svc.cas.push({ group: e[1] ?? '', reason: e[i] ?? '', cents: cents(e[i + 1] ?? '0') });
      } else if (e[0] === 'LX' || e[0] === 'SE') svc = undefined;
    }
  }
  const first = new Map<string, Svc>();
  for (const s of [...all].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))) {
    if (s.status === '22' || s.status === '25') continue;
    const denial = s.cas.some((c) => c.cents > 0 && c.group !== 'PR' && c.group !== 'CR' && c.reason !== '23');
    const denied = s.status === '4' || (s.paid === 0 && s.charge > 0 && !s.cas.some((c) => c.group === 'PR' && c.cents > 0) && denial);
    if (denied && !first.has(s.key)) first.set(s.key, s);
  }
  const out = new Map<string, { lines: number; cents: number }>();
  for (const s of first.values()) {
    if (s.date < from || s.date > to) continue;
    const reason = [...s.cas].sort((a, b) => b.cents - a.cents)[0]?.reason ?? 'none';
    const g = out.get(reason) ?? { lines: 0, cents: 0 };
    g.lines += 1;
    g.cents += s.charge;
    out.set(reason, g);
  }
  return out;
}

describe('core/plan/kpi/denials', function () {
  this.timeout(240_000);
  const dir = mkdtempSync(join(tmpdir(), 'denials-sheet-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  let handPlan: WorkbookPlan;
  let demoPlan: WorkbookPlan;
  let csvPlan: WorkbookPlan;
  let truth: DemoModel['truth']['denials'] = [];
  let demoRemits: string[] = [];
  let demoMonth = '';
  let recalculated: RecalculatedWorkbook[] = [];

  before(async () => {
    const hand = await handDataset();
    handPlan = buildKpiWorkbook(hand, { practiceName: 'Test' }, aggregate(hand, { reportMonth: '2026-02' }));

    const model = generateDemo({ months: 6, providers: 4, seed: 11, endMonth: '2026-03' });
    const data = join(dir, 'demo-data');
    await writeDemo(model, data);
    demoRemits = writeDemoX12(model, join(data, 'x12')).filter((f) => f.kind === '835').map((f) => f.path);
    const loaded = await loadInputs([data, ...demoRemits], dir);
    const aggregates = aggregate(loaded.dataset);
    demoMonth = aggregates.lastClosedMonth ?? '';
    demoPlan = buildKpiWorkbook(loaded.dataset, { practiceName: 'Demo' }, aggregates);
    // The CSV exports alone: denials only as adjustments posted with their CARC.
    const csvOnly = await loadInputs([data], dir);
    csvPlan = buildKpiWorkbook(csvOnly.dataset, { practiceName: 'Demo' }, aggregate(csvOnly.dataset, { reportMonth: demoMonth }));
    truth = model.truth.denials;
    recalculated = await recalculateMany([await renderXlsx(handPlan), await renderXlsx(demoPlan), await renderXlsx(csvPlan)]);
  });

  describe('denialsSheets', () => {
    it('is part of the KPI workbook when there are remittances, before Definitions; not otherwise', () => {
      const names = handPlan.sheets.map((s) => s.name);
      assert.ok(names.indexOf(DENIALS_SHEET) > 0 && names.indexOf(DENIALS_SHEET) < names.indexOf('Definitions'), names.join(', '));
      assert.ok(names.includes(DENIALS_DATA_SHEET));
      const none = buildKpiWorkbook(assembleDataset([]), {});
      assert.ok(!none.sheets.some((s) => s.name === DENIALS_SHEET));
    });

    it('counts the hand-built denials: a repeat denial once, the reversal netted, the deductible line not a denial', () => {
      const sheet = sheetOf(handPlan, DENIALS_SHEET);
      const all = block(sheet, 'All denials');
      const v = (ref: string) => recalculated[0]?.value(DENIALS_SHEET, ref);
      // Report month February: A3 200, A5 80, B1 60. Trailing 12 months adds January's A1 100 and A2 150.
      assert.deepEqual([v(`B${all.get('Unique denied lines')}`), v(`C${all.get('Unique denied lines')}`)], [3, 5]);
      assert.deepEqual([v(`B${all.get('Denied charges')}`), v(`C${all.get('Denied charges')}`)], [340, 590]);
      assert.deepEqual([v(`B${all.get('Times denied (repeat denials included)')}`), v(`C${all.get('Times denied (repeat denials included)')}`)], [3, 6]);
      assert.equal(v(`C${all.get('Overturned later (paid on appeal or resubmission)')}`), 1);

      const carc = block(sheet, 'By reason (CARC)');
      assert.deepEqual([...carc.keys()], ['29', '50', '16', '97', '18']);
      const f = (key: string, c: string) => v(`${c}${carc.get(key)}`);
      assert.deepEqual(['29', '50', '16', '97', '18'].map((k) => f(k, 'F')), [200, 150, 100, 80, 60]);
      assert.deepEqual(['29', '16'].map((k) => f(k, 'D')), [200, 0]);
      assert.equal(f('29', 'B'), 'Timely filing');
      assert.equal(f('97', 'B'), 'Bundling/NCCI');
      assert.ok(Math.abs((f('29', 'G') as number) - 200 / 590) < 1e-12);

      const top = block(sheet, 'Top denial reasons, trailing 12 months');
      assert.equal(v(`A${[...top.values()][0]}`), '29');
      assert.ok(Math.abs((v(`D${[...top.values()][0]}`) as number) - 1 / 5) < 1e-12);

      const group = block(sheet, 'By group code');
      assert.deepEqual([v(`F${group.get('CO')}`), v(`F${group.get('OA')}`)], [530, 60]);
      const payer = block(sheet, 'By payer');
      assert.deepEqual([v(`E${payer.get('ACME01')}`), v(`F${payer.get('ACME01')}`), v(`F${payer.get('BETA02')}`)], [4, 530, 60]);
      // An imported payer name that looks like a formula arrives as that literal text.
      assert.equal(v(`B${payer.get('BETA02')}`), HYPERLINK);
      const provider = block(sheet, 'By rendering provider');
      assert.deepEqual([v(`F${provider.get('1003000126')}`), v(`F${provider.get('1003000134')}`)], [330, 260]);
      const procedure = block(sheet, 'By procedure');
      assert.deepEqual([v(`E${procedure.get('99213')}`), v(`F${procedure.get('99213')}`)], [2, 160]);
    });

    it('holds no claim id or patient identifier in the data table', () => {
      const table = sheetOf(handPlan, DENIALS_DATA_SHEET).tables[0]?.table;
      assert.ok(table);
      const text = JSON.stringify(table.rows);
      for (const id of ['A1', 'A2', 'A3', 'A5', 'B1', 'PCN']) assert.ok(!text.includes(`"${id}`), id);
      assert.equal(table.rows.reduce((s, r) => s + (r[9] as number), 0), 5);
    });

    it('gives on the demo practice the denied dollars by CARC summed from the raw 835 segments', () => {
      const texts = demoRemits.map((p) => readFileSync(p, 'utf8'));
      const [y, m] = demoMonth.split('-').map(Number) as [number, number];
      const from = new Date(Date.UTC(y, m - 12, 1)).toISOString().slice(0, 10).replaceAll('-', '');
      const to = `${demoMonth.replace('-', '')}31`;
      const expected = deniedByCarc(texts, from, to);
      assert.ok(expected.size >= 2, `demo denial reasons: ${[...expected.keys()].join(',')}`);
      const rows = block(sheetOf(demoPlan, DENIALS_SHEET), 'By reason (CARC)');
      const v = (ref: string) => recalculated[1]?.value(DENIALS_SHEET, ref);
      assert.deepEqual([...rows.keys()].sort(), [...expected.keys()].sort());
      for (const [carc, e] of expected) {
        assert.equal(v(`E${rows.get(carc)}`), e.lines, `lines of CARC ${carc}`);
        assert.equal(Math.round((v(`F${rows.get(carc)}`) as number) * 100), e.cents, `dollars of CARC ${carc}`);
      }
    });

    it('gives on the demo CSVs alone (no 835) the denials the simulation made: lines and dollars by CARC, overturned lines', () => {
      const [y, m] = demoMonth.split('-').map(Number) as [number, number];
      const from = new Date(Date.UTC(y, m - 12, 1)).toISOString().slice(0, 10);
      const to = `${demoMonth}-31`;
      const expected = new Map<string, { lines: number; cents: number }>();
      let overturned = 0;
      for (const d of truth) {
        if (d.deniedOn < from || d.deniedOn > to) continue;
        const g = expected.get(d.carc) ?? { lines: 0, cents: 0 };
        g.lines += 1;
        g.cents += d.chargeCents;
        expected.set(d.carc, g);
        if (d.outcome === 'overturned') overturned += 1;
      }
      assert.ok(expected.size >= 3);
      const sheet = sheetOf(csvPlan, DENIALS_SHEET);
      const v = (ref: string) => recalculated[2]?.value(DENIALS_SHEET, ref);
      const rows = block(sheet, 'By reason (CARC)');
      assert.deepEqual([...rows.keys()].sort(), [...expected.keys()].sort());
      for (const [carc, e] of expected) {
        assert.equal(v(`E${rows.get(carc)}`), e.lines, `lines of CARC ${carc}`);
        assert.equal(Math.round((v(`F${rows.get(carc)}`) as number) * 100), e.cents, `dollars of CARC ${carc}`);
      }
      assert.equal(v(`C${block(sheet, 'All denials').get('Overturned later (paid on appeal or resubmission)')}`), overturned);
    });

    it('is recalculated by LibreOffice to the plan, every formula of the three workbooks', () => {
      for (const [i, plan] of [handPlan, demoPlan, csvPlan].entries()) {
        const r = recalculated[i];
        assert.ok(r);
        const mismatches = compareWithPlan(plan, r);
        assert.equal(mismatches.length, 0, describeMismatches(mismatches));
      }
    });
  });
});
