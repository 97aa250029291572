import { strict as assert } from 'node:assert';
import type ExcelJS from 'exceljs';
import { applyUserValues, orphanSheetName } from '../../../core/plan/refresh';
import type { PlanSheet, WorkbookPlan } from '../../../core/plan/types';
import { loadWorkbook, readUserValues, renderXlsx } from '../../../render/xlsx';
import { samplePlan } from './sample-plan';

/** Next month's plan: Dr Baker's row first, the February Dr Adams row gone. */
function refreshedPlan(): WorkbookPlan {
  const plan = samplePlan();
  const [dashboard, data] = plan.sheets as [PlanSheet, PlanSheet];
  const placed = data.tables[0];
  if (placed === undefined) throw new Error('sample plan has no table');
  const [janAdams, janHostile, , febBaker] = placed.table.rows;
  const columns = placed.table.columns.map((c) => (c.formula === undefined ? c : { ...c, expected: [null, 0.60025, 100 / 250.5] }));
  const rows = [febBaker, janAdams, janHostile].map((r) => [...(r ?? [])]);
  rows.forEach((r) => (r[6] = null)); // a fresh build knows no comments
  return { ...plan, sheets: [dashboard, { ...data, tables: [{ ...placed, table: { ...placed.table, columns, rows } }] }] };
}

describe('render/xlsx/user-values', () => {
  describe('readUserValues', () => {
    it('carries a target and a comment the user typed in the file into the rebuilt workbook, and lists the orphan', async () => {
      const wb = await loadWorkbook(await renderXlsx(samplePlan()));
      (wb.getWorksheet('Dashboard') as ExcelJS.Worksheet).getCell('B9').value = 0.55;
      // Dr Baker's February row is row 5 of Data tables; the user types text that looks like a formula.
      (wb.getWorksheet('Data tables') as ExcelJS.Worksheet).getCell('G5').value = '+ call payer';
      const edited = new Uint8Array(await wb.xlsx.writeBuffer());

      const values = await readUserValues(edited, refreshedPlan());
      assert.equal(values.cells.get('target:collection_rate'), 0.55);
      const { plan, orphans } = applyUserValues(refreshedPlan(), values);
      // The plan's own February comment (row 4) has no row any more: it is an orphan, not lost.
      assert.deepEqual(orphans, [{ where: 'Charges', key: ['2024-02-01', 'Dr Adams', 'Aetna'], column: 'Comment', value: 'Payer slow in Feb' }]);

      const rebuilt = await loadWorkbook(await renderXlsx(plan));
      assert.equal(rebuilt.getWorksheet('Dashboard')?.getCell('B9').value, 0.55);
      const data = rebuilt.getWorksheet('Data tables') as ExcelJS.Worksheet;
      assert.equal(data.getCell('B2').value, 'Dr Baker');
      assert.equal(data.getCell('G2').value, '+ call payer');
      assert.equal(data.getCell('G3').value, null);
      assert.equal(rebuilt.getWorksheet(orphanSheetName)?.getCell('D5').value, 'Payer slow in Feb');
    });

    it('carries orphans over a second refresh through the file', async () => {
      const first = applyUserValues(refreshedPlan(), await readUserValues(await renderXlsx(samplePlan()), refreshedPlan()));
      const again = applyUserValues(refreshedPlan(), await readUserValues(await renderXlsx(first.plan), refreshedPlan()));
      assert.deepEqual(again.orphans, first.orphans);
      // And back on the sample plan, whose February row exists, the comment returns to its row.
      const back = applyUserValues(samplePlan(), await readUserValues(await renderXlsx(again.plan), samplePlan()));
      assert.deepEqual(back.orphans, []);
      assert.equal(back.plan.sheets[1]?.tables[0]?.table.rows[2]?.[6], 'Payer slow in Feb');
    });
  });
});
