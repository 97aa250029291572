import { strict as assert } from 'node:assert';
import { applyUserValues, orphanSheetName, planReader, userCellName, userKeyOfName } from '../../../core/plan/refresh';
import type { CellValue, PlanSheet, WorkbookPlan } from '../../../core/plan/types';
import { collectUserValues } from '../../../core/plan/user-values';

/** A KPI-like plan: a target input and a table of monthly rows with a user-owned Comment column. */
function build(months: readonly { month: string; provider: string; visits: number }[]): WorkbookPlan {
  const dashboard: PlanSheet = {
    name: 'Dashboard',
    cells: [
      { at: 'A1', value: 'No-show target', style: 'label' },
      { at: 'B1', value: 0.05, format: 'percent', style: 'input', userKey: 'target:no_show_rate' },
    ],
    tables: [
      {
        at: 'A3',
        table: {
          name: 'Visits',
          rowKey: ['Month', 'Provider'],
          columns: [
            { name: 'Month', type: 'text' },
            { name: 'Provider', type: 'text' },
            { name: 'Visits', type: 'integer' },
            { name: 'Comment', type: 'text', userOwned: true },
          ],
          rows: months.map((m) => [m.month, m.provider, m.visits, null]),
        },
      },
    ],
  };
  return { kind: 'kpi', title: 'KPI', shareSafe: true, namedRanges: [], sheets: [dashboard] };
}

/** What the user's workbook holds: the rendered plan plus the user's typing (sheet!ref → value). */
function edited(plan: WorkbookPlan, edits: Record<string, CellValue>): (sheet: string, ref: string) => CellValue {
  const read = planReader(plan);
  return (sheet, ref) => (`${sheet}!${ref}` in edits ? (edits[`${sheet}!${ref}`] ?? null) : read(sheet, ref));
}

function comments(plan: WorkbookPlan): Record<string, CellValue> {
  const table = plan.sheets[0]?.tables[0]?.table;
  const out: Record<string, CellValue> = {};
  for (const row of table?.rows ?? []) if (row[3] !== null) out[`${String(row[0])} ${String(row[1])}`] = row[3] ?? null;
  return out;
}

describe('core/plan/refresh', () => {
  const january = [
    { month: '2024-01', provider: 'Dr Adams', visits: 100 },
    { month: '2024-01', provider: 'Dr Baker', visits: 80 },
  ];
  // February data: rows re-ordered, Dr Baker's January row gone (provider left), a new month added.
  const february = [
    { month: '2024-02', provider: 'Dr Adams', visits: 90 },
    { month: '2024-01', provider: 'Dr Adams', visits: 101 },
  ];

  describe('applyUserValues', () => {
    it('keeps a changed target and a comment on the same month and provider after a rebuild with new data', () => {
      const first = build(january);
      // Table header at A3, so Dr Adams January is row 4 and its Comment is D4.
      const values = collectUserValues(first, edited(first, { 'Dashboard!B1': 0.08, 'Dashboard!D4': 'Payer audit in progress' }));
      const { plan, orphans } = applyUserValues(build(february), values);
      const target = plan.sheets[0]?.cells.find((c) => c.userKey === 'target:no_show_rate');
      assert.equal(target !== undefined && 'value' in target ? target.value : undefined, 0.08);
      assert.deepEqual(comments(plan), { '2024-01 Dr Adams': 'Payer audit in progress' });
      assert.deepEqual(orphans, []);
      assert.deepEqual(
        plan.sheets.map((s) => s.name),
        ['Dashboard'],
      );
    });

    it('keeps a comment whose row no longer exists on an Orphaned comments sheet', () => {
      const first = build(january);
      const values = collectUserValues(first, edited(first, { 'Dashboard!D5': 'Left in March' }));
      const { plan, orphans } = applyUserValues(build(february), values);
      assert.deepEqual(orphans, [{ where: 'Visits', key: ['2024-01', 'Dr Baker'], column: 'Comment', value: 'Left in March' }]);
      const sheet = plan.sheets.find((s) => s.name === orphanSheetName);
      assert.deepEqual(sheet?.tables[0]?.table.rows, [['Visits', '2024-01 · Dr Baker', 'Comment', 'Left in March', '["Visits","2024-01","Dr Baker","Comment"]']]);
    });

    it('returns an orphaned comment to its row when the row comes back, and lets a cleared one go', () => {
      const first = build(january);
      const second = applyUserValues(build(february), collectUserValues(first, edited(first, { 'Dashboard!D5': 'Left in March' }))).plan;
      // Third build: Dr Baker's January row is back (a late correction).
      const third = applyUserValues(build(january), collectUserValues(second, planReader(second)));
      assert.deepEqual(comments(third.plan), { '2024-01 Dr Baker': 'Left in March' });
      assert.deepEqual(third.orphans, []);
      // Or the user clears the orphan (Value column D, first data row 5 under the header at A4).
      const cleared = applyUserValues(build(february), collectUserValues(second, edited(second, { 'Orphaned comments!D5': null })));
      assert.deepEqual(cleared.orphans, []);
      assert.equal(cleared.plan.sheets.length, 1);
    });

    it('lists a target whose cell the new plan no longer has', () => {
      const first = build(january);
      const values = collectUserValues(first, edited(first, { 'Dashboard!B1': 0.1 }));
      const withoutTarget: WorkbookPlan = { ...build(february), sheets: [{ ...build(february).sheets[0]!, cells: [] }] };
      const { orphans } = applyUserValues(withoutTarget, values);
      assert.deepEqual(orphans, [{ where: 'cell', key: ['target:no_show_rate'], column: '', value: 0.1 }]);
    });
  });

  describe('planReader', () => {
    it('reads placed cells, table headers and table rows of a plan', () => {
      const read = planReader(build(january));
      assert.equal(read('Dashboard', 'B1'), 0.05);
      assert.equal(read('Dashboard', 'C3'), 'Visits');
      assert.equal(read('Dashboard', 'B5'), 'Dr Baker');
      assert.equal(read('Dashboard', 'Z9'), null);
    });
  });
});

describe('core/plan/refresh names', () => {
  describe('userCellName', () => {
    it('turns a user key into an Excel name and back', () => {
      assert.equal(userCellName('target:no_show_rate'), '_pw.u.target.no_show_rate');
      assert.equal(userCellName('rate:Aetna PPO/99213.26'), '_pw.u.rate.Aetna_x0020_PPO_x002F_99213_x002E_26');
      for (const key of ['target:no_show_rate', 'rate:Aetna PPO/99213.26', 'comment:Café:2024-01']) assert.equal(userKeyOfName(userCellName(key)), key);
      assert.match(userCellName('comment:Café:2024-01'), /^[A-Za-z_][A-Za-z0-9_.]*$/);
    });

    it('ignores names that are not user keys', () => {
      assert.equal(userKeyOfName('Target_rate'), undefined);
    });
  });
});
