import { strict as assert } from 'node:assert';
import { analyzeContracts, buildContractWorkbook, contractSheets } from '../../../core/plan/contracts-workbook';
import { isFormulaCell, type Placed, type PlanSheet, type WorkbookPlan } from '../../../core/plan/types';
import { validatePlan } from '../../../core/plan/validate';
import { BRIGHTWAY, contractDataset, LOCALITY, NORTHWIND, REMITS } from './contracts-fixture';

const sheet = (plan: WorkbookPlan, name: string) => plan.sheets.find((s) => s.name === name) as PlanSheet;
const cell = (s: PlanSheet, at: string) => s.cells.find((c) => c.at === at);
const valueOf = (c: Placed | undefined) => (c !== undefined && !isFormulaCell(c) ? c.value : undefined);

describe('core/plan/contracts-workbook', () => {
  describe('buildContractWorkbook', () => {
    let plan: WorkbookPlan;
    before(async () => {
      const dataset = await contractDataset();
      plan = buildContractWorkbook(dataset, { locality: LOCALITY, practiceName: '=cmd|evil' }, analyzeContracts(dataset, { locality: LOCALITY }));
    });

    it('is a valid, share-safe plan with the sheets of the issue', () => {
      assert.deepEqual(validatePlan(plan), []);
      assert.equal(plan.shareSafe, true);
      assert.deepEqual(plan.sheets.map((s) => s.name), ['About', 'Compare', 'Expected vs paid', 'Effective rate', 'What-if', 'Medicare', 'Fee schedules', 'Import log']);
    });

    it('writes no claim numbers (not even inside line control numbers) and sanitises imported text', () => {
      const claimIds = [...new Set(REMITS.map((r) => r.claimId))];
      const leaks = (v: unknown) => typeof v === 'string' && claimIds.some((id) => v === id || v.includes(`${id}-`));
      for (const s of plan.sheets) {
        for (const c of s.cells) if (!isFormulaCell(c)) assert.ok(!leaks(c.value), `${s.name}!${c.at}`);
        for (const t of s.tables) for (const row of t.table.rows) for (const v of row) assert.ok(!leaks(v), `${t.table.name}: ${String(v)}`);
      }
      assert.equal(valueOf(cell(sheet(plan, 'About'), 'A1')), "'=cmd|evil: payer contracts");
    });

    it('compares 99213 by hand: Medicare $92.64 in Bakersfield, Northwind 120% = $111.17 (111.168), Brightway $120.00 from its renewed schedule', () => {
      const compare = sheet(plan, contractSheets.compare);
      const row = compare.cells.find((c) => !isFormulaCell(c) && c.value === '99213')?.at.slice(1);
      assert.ok(row);
      const d = cell(compare, `D${row}`);
      assert.ok(d && isFormulaCell(d));
      assert.equal(d.expected, 92.64);
      // Payers in contract order: Northwind (terms) F:H, Brightway I:K.
      assert.equal(valueOf(cell(compare, 'F4')), NORTHWIND);
      assert.equal(valueOf(cell(compare, 'I4')), BRIGHTWAY);
      const nw = cell(compare, `F${row}`);
      const bw = cell(compare, `I${row}`);
      assert.ok(nw && isFormulaCell(nw) && bw && isFormulaCell(bw));
      assert.equal(nw.formula, `ROUND($D${row}*$F$3,2)`);
      assert.equal(nw.expected, 111.17);
      assert.equal(bw.expected, 120);
      const pct = cell(compare, `J${row}`);
      assert.ok(pct && isFormulaCell(pct));
      assert.equal(pct.expected, 12000 / 9264);
    });

    it('weights each payer\'s percent of Medicare by the practice\'s units over codes both price (36415, not priced by Medicare, left out)', () => {
      const compare = sheet(plan, contractSheets.compare);
      const total = compare.cells.find((c) => !isFormulaCell(c) && c.value === 'Total / weighted')?.at.slice(1);
      const pct = cell(compare, `G${total}`);
      assert.ok(pct && isFormulaCell(pct));
      // Northwind: (4 × 111.17 + 2 × 156.01 + 122.63 + 141.18) / (4 × 92.64 + 2 × 130.01 + 102.19 + 117.65)
      assert.equal(pct.expected, (4 * 11117 + 2 * 15601 + 12263 + 14118) / (4 * 9264 + 2 * 13001 + 10219 + 11765));
    });

    it('lists the priced lines with their findings and the money to recover by payer', () => {
      const payments = sheet(plan, contractSheets.payments);
      const byPayer = payments.tables.find((t) => t.table.name === 'VarianceByPayer')?.table;
      assert.ok(byPayer);
      const underpaid = byPayer.columns.find((c) => c.name === 'Underpaid');
      const payers = byPayer.rows.map((r) => r[0]);
      // Brightway: $5.00 (renewal) + $45.00 recode (165.00 − 120.00) + MPPR line 17110 ($140.00 − $70.00); Northwind: $6.17 + $156.01 denial.
      assert.deepEqual(Object.fromEntries(payers.map((p, i) => [p, underpaid?.expected?.[i]])), { [BRIGHTWAY]: 5 + 45 + 70, [NORTHWIND]: (617 + 15601) / 100 });
    });
  });
});
