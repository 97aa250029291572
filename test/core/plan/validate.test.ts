import { strict as assert } from 'node:assert';
import type { PlanSheet, PlanTable, WorkbookPlan } from '../../../core/plan/types';
import { assertValidPlan, validatePlan } from '../../../core/plan/validate';

const facts: PlanTable = {
  name: 'Facts',
  columns: [
    { name: 'Payer', type: 'text' },
    { name: 'Paid', type: 'money' },
    { name: 'Double', type: 'money', formula: '[@Paid]*2', expected: [2, 4] },
  ],
  rows: [
    ['A', 1, null],
    ['B', 2, null],
  ],
};

function plan(sheets: PlanSheet[], extra: Partial<WorkbookPlan> = {}): WorkbookPlan {
  return { kind: 'kpi', title: 't', shareSafe: true, namedRanges: [], sheets, ...extra };
}

const data: PlanSheet = { name: 'Data', cells: [], tables: [{ at: 'A1', table: facts }] };

function codes(p: WorkbookPlan): string[] {
  return validatePlan(p).map((problem) => problem.code);
}

describe('core/plan/validate', () => {
  describe('validatePlan', () => {
    it('accepts a well-formed plan', () => {
      const summary: PlanSheet = { name: 'Summary sheet', cells: [{ at: 'B2', formula: 'SUMIFS(Facts[Paid],Facts[Payer],"="&A2)', expected: 1 }], tables: [] };
      assert.deepEqual(validatePlan(plan([data, summary], { namedRanges: [{ name: 'Target_rate', ref: "'Summary sheet'!$B$2" }] })), []);
    });

    it('rejects sheet names Excel refuses, and duplicates regardless of case', () => {
      assert.deepEqual(codes(plan([{ ...data, name: 'A/B' }])), ['sheet-name-invalid']);
      assert.deepEqual(codes(plan([{ ...data, name: 'x'.repeat(32) }])), ['sheet-name-invalid']);
      assert.deepEqual(codes(plan([data, { name: 'DATA', cells: [], tables: [] }])), ['sheet-name-duplicate']);
    });

    it('rejects invalid and duplicate table names', () => {
      assert.deepEqual(codes(plan([{ ...data, tables: [{ at: 'A1', table: { ...facts, name: 'AB12' } }] }])), ['table-name-invalid']);
      assert.deepEqual(codes(plan([{ ...data, tables: [{ at: 'A1', table: { ...facts, name: 'My table' } }] }])), ['table-name-invalid']);
      const again: PlanSheet = { name: 'Other', cells: [], tables: [{ at: 'A1', table: facts }] };
      assert.deepEqual(codes(plan([data, again])), ['table-name-duplicate']);
    });

    it('rejects a cell inside a table (header to last row) and two cells at one address', () => {
      assert.deepEqual(codes(plan([{ ...data, cells: [{ at: 'B3', value: 1 }] }])), ['cell-overlaps-table']);
      assert.deepEqual(codes(plan([{ ...data, cells: [{ at: 'E1', value: 1 }, { at: 'E1', value: 2 }] }])), ['cell-duplicate']);
      assert.deepEqual(codes(plan([{ ...data, cells: [{ at: 'A4', value: 1 }] }])), []);
    });

    it('rejects a formula without expected, with a leading =, or with an unsupported function', () => {
      const cells = [{ at: 'E1', formula: 'SUM(Facts[Paid])' } as unknown as PlanSheet['cells'][number]];
      assert.deepEqual(codes(plan([{ ...data, cells }])), ['formula-expected-missing']);
      assert.deepEqual(codes(plan([{ ...data, cells: [{ at: 'E1', formula: '=SUM(Facts[Paid])', expected: 3 }] }])), ['formula-leading-equals']);
      assert.deepEqual(codes(plan([{ ...data, cells: [{ at: 'E1', formula: 'XLOOKUP("A",Facts[Payer],Facts[Paid])', expected: 1 }] }])), ['formula-function-unsupported']);
    });

    it('rejects references to sheets, tables or columns the plan does not have', () => {
      const cells = [
        { at: 'E1', formula: "'Nowhere'!A1", expected: 0 },
        { at: 'E2', formula: 'SUM(Fact[Paid])', expected: 0 },
        { at: 'E3', formula: 'SUM(Facts[Pay])', expected: 0 },
        { at: 'E4', formula: 'ROWS(Facts[#All])', expected: 0 },
        { at: 'E5', formula: 'ROWS(Facts)', expected: 2 },
      ];
      assert.deepEqual(codes(plan([{ ...data, cells }])), ['formula-unknown-sheet', 'formula-unknown-table', 'formula-unknown-column', 'formula-whole-table', 'formula-whole-table']);
    });

    it('requires one expected value per row of a calculated column', () => {
      const table: PlanTable = { ...facts, columns: [facts.columns[0]!, facts.columns[1]!, { ...facts.columns[2]!, expected: [2] }] };
      assert.deepEqual(codes(plan([{ ...data, tables: [{ at: 'A1', table }] }])), ['table-expected-missing']);
    });

    it('keeps the first column of a totals row for its label', () => {
      const table: PlanTable = { ...facts, showTotals: true, columns: [{ ...facts.columns[0]!, total: { function: 'count', expected: 2 } }, facts.columns[1]!, facts.columns[2]!] };
      assert.deepEqual(codes(plan([{ ...data, tables: [{ at: 'A1', table }] }])), ['table-total-first-column']);
    });

    it('requires a rowKey for user-owned columns', () => {
      const table: PlanTable = { ...facts, columns: [...facts.columns, { name: 'Comment', type: 'text', userOwned: true }], rows: facts.rows.map((r) => [...r, null]) };
      assert.deepEqual(codes(plan([{ ...data, tables: [{ at: 'A1', table }] }])), ['table-row-key-missing']);
    });

    it('rejects invalid names and names pointing at missing sheets', () => {
      assert.deepEqual(codes(plan([data], { namedRanges: [{ name: 'A1', ref: 'Data!$A$1' }] })), ['name-invalid']);
      assert.deepEqual(codes(plan([data], { namedRanges: [{ name: 'Rate', ref: 'Nowhere!$A$1' }] })), ['name-ref-unknown-sheet']);
      assert.deepEqual(codes(plan([data], { namedRanges: [{ name: 'Rate', ref: 'Data!A1' }] })), ['name-ref-invalid']);
    });

    it('rejects custom-function calls in a share-safe workbook only', () => {
      const cells = [{ at: 'E1', formula: 'PRACTICE.KPI("no_show_rate")', expected: 0.1 }];
      assert.deepEqual(codes(plan([{ ...data, cells }])), ['formula-custom-function']);
      assert.deepEqual(codes(plan([{ ...data, cells }], { shareSafe: false })), []);
    });

    it('requires a visible sheet', () => {
      assert.deepEqual(codes(plan([{ ...data, hidden: true }])), ['no-visible-sheet']);
    });

    it('rejects impossible dates and non-finite numbers', () => {
      assert.deepEqual(codes(plan([{ ...data, cells: [{ at: 'E1', value: { date: '2023-02-29' } }, { at: 'E2', value: Number.NaN }] }])), ['value-invalid', 'value-invalid']);
    });
  });

  describe('assertValidPlan', () => {
    it('throws with every problem listed', () => {
      assert.throws(() => assertValidPlan(plan([{ ...data, name: 'A:B' }])), /sheet-name-invalid/);
    });
  });
});
