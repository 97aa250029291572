/**
 * The contract workbook through the xlsx renderer and LibreOffice, in ONE soffice run:
 * - every formula recalculates to the plan's expected value (Medicare allowed live from RVUs and
 *   GPCIs, rates, percents of Medicare, revenue, variances, summaries, the what-if);
 * - a what-if percent (and a rate change) typed into the rendered workbook (exceljs) changes the
 *   revenue effect by exactly what the core's `whatIf` (`whatIfRateChange`) predicts.
 */
import { strict as assert } from 'node:assert';
import ExcelJS from 'exceljs';
import { whatIf, whatIfRateChange } from '../../../core/contracts/what-if';
import { analyzeContracts, buildContractWorkbook, contractSheets, WHAT_IF_FIRST_ROW } from '../../../core/plan/contracts-workbook';
import { validatePlan } from '../../../core/plan/validate';
import { renderXlsx } from '../../../render/xlsx';
import { compareWithPlan, describeMismatches, recalculateMany } from '../../support/libreoffice';
import { BRIGHTWAY, contractDataset, LOCALITY, NORTHWIND } from './contracts-fixture';

describe('core/plan/contracts-workbook (LibreOffice)', () => {
  describe('buildContractWorkbook', () => {
    it('recalculates to the plan, and a what-if edit moves the revenue effect exactly as the core predicts', async function () {
      this.timeout(240_000);
      const dataset = await contractDataset();
      const analysis = analyzeContracts(dataset, { locality: LOCALITY });
      const plan = buildContractWorkbook(dataset, { locality: LOCALITY, practiceName: 'Test practice' }, analysis);
      assert.deepEqual(validatePlan(plan), []);
      const bytes = await renderXlsx(plan);

      // The manager types new proposals: Brightway at 133.5 % (row 1 of the what-if), Northwind at 104 % (row 2).
      const whatIfSheet = plan.sheets.find((s) => s.name === contractSheets.whatIf);
      const payerAt = (payer: string) => whatIfSheet?.cells.find((c) => 'value' in c && c.value === payer && c.at.startsWith('A'))?.at.slice(1);
      const [brightRow, northRow] = [payerAt(BRIGHTWAY), payerAt(NORTHWIND)];
      assert.deepEqual([brightRow, northRow].sort(), [String(WHAT_IF_FIRST_ROW), String(WHAT_IF_FIRST_ROW + 1)]);
      const edited = new ExcelJS.Workbook();
      await edited.xlsx.load(bytes as unknown as ArrayBuffer);
      const ws = edited.getWorksheet(contractSheets.whatIf);
      assert.ok(ws);
      ws.getCell(`E${brightRow}`).value = 1.335;
      ws.getCell(`E${northRow}`).value = 1.04;
      ws.getCell(`I${brightRow}`).value = 0.035; // and Brightway +3.5 % on every current rate
      const editedBytes = new Uint8Array(await edited.xlsx.writeBuffer());

      // The same data with the Medicare sheet in Rest of Pennsylvania, where 61530 is exactly $2,911.185.
      const pennsylvania = buildContractWorkbook(dataset, { locality: '12502-99' });
      const tie = pennsylvania.sheets.flatMap((s) => s.tables).find((t) => t.table.name === 'MedicareRvus')?.table;
      const tieRow = tie?.rows.findIndex((r) => r[0] === '61530|') ?? -1;
      assert.equal(tie?.columns.find((c) => c.name === 'Non-facility allowed')?.expected?.[tieRow], 2911.19);

      const [recalculated, recalculatedEdit, recalculatedTie] = await recalculateMany([bytes, editedBytes, await renderXlsx(pennsylvania)]);
      assert.ok(recalculated && recalculatedEdit && recalculatedTie);
      const mismatches = [...compareWithPlan(plan, recalculated), ...compareWithPlan(pennsylvania, recalculatedTie)];
      assert.equal(mismatches.length, 0, describeMismatches(mismatches));

      const cents = (v: unknown) => Math.round(Number(v) * 100);
      for (const [payer, row, percent, defaultPercent] of [[BRIGHTWAY, brightRow, 133.5, undefined], [NORTHWIND, northRow, 104, 120]] as const) {
        const predicted = whatIf(analysis.volumes.rows, payer, percent);
        assert.equal(cents(recalculatedEdit.value(contractSheets.whatIf, `F${row}`)), predicted.proposedCents, `${payer} proposed revenue`);
        assert.equal(cents(recalculatedEdit.value(contractSheets.whatIf, `G${row}`)), predicted.changeCents, `${payer} annual change`);
        // The edit moved the change by exactly the core's difference between the two proposals.
        const shown: number = Number(recalculated.value(contractSheets.whatIf, `E${row}`)) * 100;
        if (defaultPercent !== undefined) assert.equal(shown, defaultPercent);
        const before = whatIf(analysis.volumes.rows, payer, Math.round(shown * 10) / 10);
        assert.equal(cents(recalculatedEdit.value(contractSheets.whatIf, `G${row}`)) - cents(recalculated.value(contractSheets.whatIf, `G${row}`)), predicted.changeCents - before.changeCents);
        assert.notEqual(predicted.changeCents, before.changeCents);
      }
      const uplift = whatIfRateChange(analysis.volumes.rows, BRIGHTWAY, 3.5);
      assert.equal(cents(recalculatedEdit.value(contractSheets.whatIf, `K${brightRow}`)), uplift.changeCents);
      assert.equal(cents(recalculated.value(contractSheets.whatIf, `K${brightRow}`)), 0);
      // By hand: Brightway's units at today's rates (99213 ×2 at $120.00, 99214 $165.00, 11102 $130.00, 17110 $140.00, 36415 $3.00): +3.5 % each.
      assert.equal(uplift.changeCents, 2 * (12420 - 12000) + (17078 - 16500) + (13455 - 13000) + (14490 - 14000) + (311 - 300));
    });
  });
});
