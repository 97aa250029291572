import { strict as assert } from 'node:assert';
import type { WorkbookPlan } from '../../../core/plan/types';
import { renderXlsx } from '../../../render/xlsx';
import { compareWithPlan, describeMismatches, recalculateMany, type RecalculatedWorkbook } from '../../support/libreoffice';
import { hostilePayer, hostileProvider, samplePlan } from './sample-plan';
import { formsPlan } from './structured-references';

/** The sample plan with one formula broken on purpose (a SUM range that skips the first row), same expected. */
function brokenPlan(): WorkbookPlan {
  const plan = samplePlan();
  const [dashboard, ...rest] = plan.sheets;
  if (dashboard === undefined) throw new Error('sample plan has no Dashboard');
  return {
    ...plan,
    sheets: [
      {
        ...dashboard,
        cells: dashboard.cells.map((cell) => (cell.at === 'B5' && 'formula' in cell ? { ...cell, formula: "SUM('Data tables'!E3:E5)" } : cell)),
      },
      ...rest,
    ],
  };
}

describe('render/xlsx through LibreOffice', function () {
  this.timeout(180_000);
  let good: RecalculatedWorkbook;
  let broken: RecalculatedWorkbook;
  let forms: RecalculatedWorkbook;

  before(async () => {
    // One soffice run for both workbooks: startup dominates the cost.
    [good, broken, forms] = (await recalculateMany([await renderXlsx(samplePlan()), await renderXlsx(brokenPlan()), await renderXlsx(formsPlan())])) as [
      RecalculatedWorkbook,
      RecalculatedWorkbook,
      RecalculatedWorkbook,
    ];
  });

  describe('compareWithPlan', () => {
    it('finds no mismatch on the sample plan recalculated by LibreOffice', () => {
      const mismatches = compareWithPlan(samplePlan(), good);
      assert.equal(mismatches.length, 0, describeMismatches(mismatches));
    });

    it('reports the formula broken on purpose (proof that LibreOffice recalculated rather than kept our cached value)', () => {
      const mismatches = compareWithPlan(brokenPlan(), broken);
      // B5 and the cells that depend on it (rate, status, over-target flag); nothing else.
      assert.deepEqual(
        mismatches.map((m) => m.ref),
        ['B5', 'B8', 'B10', 'B15'],
        describeMismatches(mismatches),
      );
      // E3:E5 = 100 + 0 + 0, computed by LibreOffice, not the cached 700.25 the renderer wrote.
      assert.equal(mismatches[0]?.expected, 700.25);
      assert.equal(mismatches[0]?.actual, 100);
    });
  });

  describe('formula forms for plan builders', () => {
    it('evaluates every documented structured-reference and function form as Excel does', () => {
      const mismatches = compareWithPlan(formsPlan(), forms);
      assert.equal(mismatches.length, 0, describeMismatches(mismatches));
    });
  });

  describe('hostile imported text', () => {
    it('arrives as literal text in a plain cell and in a table text column', () => {
      assert.equal(good.value('Dashboard', 'A7'), hostileProvider);
      assert.equal(good.value('Data tables', 'B3'), hostileProvider);
      assert.equal(good.value('Data tables', 'C3'), hostilePayer);
      const cell = good.workbook.getWorksheet('Data tables')?.getCell('C3');
      assert.equal(cell?.formula, undefined);
      assert.equal(good.workbook.getWorksheet('Dashboard')?.getCell('A7').formula, undefined);
    });

    it('still matches SUMIFS criteria against the literal text', () => {
      assert.equal(good.value('Dashboard', 'B7'), 100);
    });
  });

  describe('dates', () => {
    it('keeps calendar dates without time-zone drift', () => {
      // 2024-02-29 is Excel serial 45351 (45292 = 2024-01-01, + 31 + 28).
      assert.equal(good.value('Dashboard', 'B2'), 45351);
      assert.equal(good.value('Data tables', 'A2'), 45292);
    });
  });
});
