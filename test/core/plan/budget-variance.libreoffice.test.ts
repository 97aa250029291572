/**
 * The acceptance runs through the xlsx renderer and LibreOffice, in ONE soffice run:
 * - the Budget workbook recalculates to the plan's expected values;
 * - a driver edited in the rendered workbook (exceljs) moves the totals by exactly what the core predicts;
 * - the Variance workbook, rebuilt with new actuals after a user typed comments and owners, keeps them on
 *   the same account + month rows and recalculates to the plan's expected values.
 */
import { strict as assert } from 'node:assert';
import ExcelJS from 'exceljs';
import { computeBudget } from '../../../core/budget/model';
import { spreadByWeights, type SpreadMethod } from '../../../core/budget/spread';
import { buildBudgetWorkbook } from '../../../core/plan/budget-workbook';
import { collectUserValues } from '../../../core/plan/user-values';
import type { CellValue, WorkbookPlan } from '../../../core/plan/types';
import { buildVarianceWorkbook } from '../../../core/plan/variance-workbook';
import { renderXlsx } from '../../../render/xlsx';
import { compareWithPlan, describeMismatches, recalculateMany, type RecalculatedWorkbook } from '../../support/libreoffice';
import { fixtureAssumptions } from './budget-fixture';
import { fixtureVarianceInput } from './variance-fixture';

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

/** A cell as a plan value: what a person typed (dates as `{ date }`). */
function reader(wb: ExcelJS.Workbook): (sheet: string, ref: string) => CellValue {
  return (sheet, ref) => {
    const v = wb.getWorksheet(sheet)?.getCell(ref).value;
    if (v === null || v === undefined) return null;
    if (v instanceof Date) return { date: v.toISOString().slice(0, 10) };
    if (typeof v === 'object') {
      if ('richText' in v) return v.richText.map((t) => t.text).join('');
      if ('result' in v) return (v.result as CellValue) ?? null;
      return null;
    }
    return v;
  };
}

/** Row number (1-based) of the Variance table row for account + month, by reading the sheet. */
function varianceRow(ws: ExcelJS.Worksheet, account: string, month: string): number {
  for (let r = 2; r <= ws.rowCount; r++) if (ws.getCell(`A${r}`).value === account && ws.getCell(`D${r}`).value === month) return r;
  throw new Error(`no Variance row for ${account} ${month}`);
}

const EDITS = [
  { account: '5300', month: '2026-02', comment: 'Flu season: more supplies', owner: 'Dana' },
  { account: '4000', month: '2026-01', comment: '=HYPERLINK("http://x") typed by a user', owner: 'Dr Patel' },
  { account: '9999', month: '2026-03', comment: 'Bank charges: ask the bookkeeper', owner: 'Office manager' },
];

describe('core/plan budget and variance workbooks through LibreOffice', function () {
  this.timeout(180_000);
  const built = buildBudgetWorkbook({ practiceName: 'Demo Family Practice', assumptions: fixtureAssumptions(), scenario: 'base', priorYearRevenueByMonth: Array(12).fill(10_000_000), sources: [], issues: [] });
  if (!built.ok) throw new Error(built.error);
  const budget = built.value;
  const NEW_ENCOUNTERS_PER_DAY = 21.5;
  let budgetRecalc: RecalculatedWorkbook;
  let editedRecalc: RecalculatedWorkbook;
  let varianceRecalc: RecalculatedWorkbook;
  const METHODS: readonly SpreadMethod[] = ['even', 'workingDays', 'seasonality', 'manual'];
  let spreadRecalcs: RecalculatedWorkbook[] = [];
  let refreshedPlan: WorkbookPlan;
  let refreshedBytes: Uint8Array;

  before(async () => {
    const budgetBytes = await renderXlsx(budget.plan);
    // A manager edits one driver (base encounters per provider per day) in the file.
    const edited = await load(budgetBytes);
    const cell = budget.driverCells.get('EncountersPerProviderDay')?.base ?? '';
    const assumptions = edited.getWorksheet('Assumptions');
    if (assumptions === undefined) throw new Error('no Assumptions sheet');
    assumptions.getCell(cell).value = NEW_ENCOUNTERS_PER_DAY;
    const editedBytes = new Uint8Array(await edited.xlsx.writeBuffer());

    // Variance: build with actuals through February, the user comments, then refresh through April.
    const first = buildVarianceWorkbook(fixtureVarianceInput(3));
    const wb = await load(await renderXlsx(first.plan));
    const ws = wb.getWorksheet('Variance');
    if (ws === undefined) throw new Error('no Variance sheet');
    for (const e of EDITS) {
      const r = varianceRow(ws, e.account, e.month);
      ws.getCell(`Y${r}`).value = e.comment;
      ws.getCell(`Z${r}`).value = e.owner;
    }
    const userValues = collectUserValues(first.plan, reader(wb));
    refreshedPlan = buildVarianceWorkbook({ ...fixtureVarianceInput(4, 7_777), userValues }).plan;
    refreshedBytes = await renderXlsx(refreshedPlan);

    // Rent made exactly $100,000.01 (prior year 100,000.01, no inflation), spread by each method in turn.
    const spreadVariants: Uint8Array[] = [];
    for (const method of METHODS) {
      const wbm = await load(budgetBytes);
      const sheet = wbm.getWorksheet('Assumptions');
      const op = wbm.getWorksheet('Operating budget');
      if (sheet === undefined || op === undefined) throw new Error('missing sheets');
      sheet.getCell(budget.driverCells.get('PriorYear_5500')?.base ?? '').value = 100_000.01;
      sheet.getCell(budget.driverCells.get('CostInflation')?.base ?? '').value = 0;
      op.getCell(`D${budget.operatingRows.get('5500')}`).value = method;
      spreadVariants.push(new Uint8Array(await wbm.xlsx.writeBuffer()));
    }

    const all = await recalculateMany([budgetBytes, editedBytes, refreshedBytes, ...spreadVariants]);
    if (all.length !== 3 + METHODS.length) throw new Error('LibreOffice returned too few workbooks');
    [budgetRecalc, editedRecalc, varianceRecalc] = all as [RecalculatedWorkbook, RecalculatedWorkbook, RecalculatedWorkbook];
    spreadRecalcs = all.slice(3);
  });

  it('recalculates the Budget workbook to the plan\'s expected values', () => {
    const mismatches = compareWithPlan(budget.plan, budgetRecalc);
    assert.equal(mismatches.length, 0, describeMismatches(mismatches));
  });

  it('moves the totals by exactly what the core predicts when one driver changes', () => {
    const predicted = computeBudget(budget.assumptions, 'base', { EncountersPerProviderDay: NEW_ENCOUNTERS_PER_DAY });
    assert.ok(predicted.ok);
    if (!predicted.ok) return;
    const before = new Map(budget.budget.lines.map((l) => [l.account, l.totalCents]));
    let changed = 0;
    for (const line of predicted.value.lines) {
      const row = budget.operatingRows.get(line.account);
      const was = Number(budgetRecalc.value('Operating budget', `R${row}`));
      const now = Number(editedRecalc.value('Operating budget', `R${row}`));
      assert.equal(Math.round((now - was) * 100), line.totalCents - (before.get(line.account) ?? 0), line.account);
      if (line.totalCents !== before.get(line.account)) changed++;
      // Every month still the core's cent.
      line.months.forEach((c, i) => assert.equal(Math.round(Number(editedRecalc.value('Operating budget', `${String.fromCharCode(70 + i)}${row}`)) * 100), c, `${line.account} month ${i + 1}`));
    }
    // Revenue, supplies, drugs and billing move with encounters; fixed lines do not.
    assert.equal(changed, 4);
    const net = predicted.value.lines.reduce((s, l) => s + (l.account.startsWith('4') ? 1 : -1) * l.totalCents, 0);
    assert.equal(Math.round(Number(editedRecalc.value('Operating budget', `R${budget.netIncomeRow}`)) * 100), net);
  });

  it('spreads $100,000.01 to the cent by every method in the workbook, exactly as the core does', () => {
    const row = budget.operatingRows.get('5500') ?? 0;
    METHODS.forEach((method, k) => {
      const recalc = spreadRecalcs[k];
      if (recalc === undefined) throw new Error('missing workbook');
      const months = Array.from({ length: 12 }, (_, i) => Math.round(Number(recalc.value('Operating budget', `${String.fromCharCode(70 + i)}${row}`)) * 100));
      assert.equal(months.reduce((a, b) => a + b, 0), 10_000_001, method);
      assert.equal(Math.round(Number(recalc.value('Operating budget', `R${row}`)) * 100), 10_000_001, method);
      assert.deepEqual(months, spreadByWeights(10_000_001, budget.budget.weights[method]), method);
    });
  });

  it('keeps every comment and owner on its account and month after a refresh with new actuals', async () => {
    const wb = await load(refreshedBytes);
    const ws = wb.getWorksheet('Variance');
    if (ws === undefined) throw new Error('no Variance sheet');
    for (const e of EDITS) {
      const r = varianceRow(ws, e.account, e.month);
      assert.equal(ws.getCell(`Y${r}`).value, e.comment);
      assert.equal(ws.getCell(`Z${r}`).value, e.owner);
    }
    // Nothing else picked up a comment.
    let comments = 0;
    for (let r = 2; r <= ws.rowCount; r++) if (ws.getCell(`Y${r}`).value) comments++;
    assert.equal(comments, EDITS.length);
    // April rows exist now, and LibreOffice still reads the user's text as text.
    varianceRow(ws, '5300', '2026-04');
    const r = varianceRow(ws, '4000', '2026-01');
    assert.equal(varianceRecalc.value('Variance', `Y${r}`), EDITS[1]?.comment);
  });

  it('recalculates the refreshed Variance workbook to the plan\'s expected values', () => {
    const mismatches = compareWithPlan(refreshedPlan, varianceRecalc);
    assert.equal(mismatches.length, 0, describeMismatches(mismatches));
  });
});
