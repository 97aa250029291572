import { strict as assert } from 'node:assert';
import { expectedAmount } from '../../../core/contracts/pricing';
import { analyzeContracts, buildContractWorkbook } from '../../../core/plan/contracts-workbook';
import { contractBookFromTables, type TableValues } from '../../../core/plan/contracts/from-tables';
import type { CellValue, PlanTable, WorkbookPlan } from '../../../core/plan/types';
import { contractDataset, LOCALITY, REMITS } from './contracts-fixture';

/** A plan table as Excel hands it to code: header row, then values (dates as serial numbers). */
function asExcel(table: PlanTable): TableValues {
  const cell = (v: CellValue) => (v !== null && typeof v === 'object' ? (Date.UTC(+v.date.slice(0, 4), +v.date.slice(5, 7) - 1, +v.date.slice(8, 10)) - Date.UTC(1899, 11, 30)) / 86_400_000 : v);
  return [table.columns.map((c) => c.name), ...table.rows.map((r) => r.map(cell))];
}

function table(plan: WorkbookPlan, name: string): PlanTable {
  const found = plan.sheets.flatMap((s) => s.tables).find((t) => t.table.name === name)?.table;
  assert.ok(found, name);
  return found;
}

describe('core/plan/contracts/from-tables', () => {
  describe('contractBookFromTables', () => {
    it('prices every fixture line exactly as the imported contracts do, from the workbook\'s own tables', async () => {
      const dataset = await contractDataset();
      const analysis = analyzeContracts(dataset, { locality: LOCALITY });
      const plan = buildContractWorkbook(dataset, { locality: LOCALITY }, analysis);
      const medicare = plan.sheets.find((s) => s.name === 'Medicare');
      const value = (at: string) => medicare?.cells.find((c) => c.at === at && 'value' in c);
      const gpci = { locality: LOCALITY, year: 2025, work: Number((value('B6') as { value: number }).value), pe: Number((value('B7') as { value: number }).value), mp: Number((value('B8') as { value: number }).value) };
      const book = contractBookFromTables({
        feeSchedules: asExcel(table(plan, 'FeeSchedules')),
        contractTerms: asExcel(table(plan, 'ContractTerms')),
        medicareRvus: asExcel(table(plan, 'MedicareRvus')),
        gpci,
      });
      let compared = 0;
      for (const r of REMITS) {
        for (const code of [r.procedureCode, r.submittedProcedureCode].filter((c): c is string => c !== undefined)) {
          const line = { payer: [r.payerId ?? '', r.payerName ?? ''], code, units: 1, billedCents: r.chargeCents, serviceDate: r.serviceDate ?? '' };
          const original = expectedAmount(analysis.book, line, { locality: LOCALITY });
          const fromWorkbook = expectedAmount(book, { ...line, payer: original.ok ? (original.value.rate?.payer ?? original.value.term?.payer ?? '') : '' }, { locality: LOCALITY });
          assert.ok(original.ok && fromWorkbook.ok, code);
          assert.equal(fromWorkbook.value.cents, original.value.cents, `${code} on ${line.serviceDate}`);
          compared++;
        }
      }
      assert.equal(compared, REMITS.length + 1);
    });
  });
});
