import { strict as assert } from 'node:assert';
import { collectUserValues, userRowKey } from '../../../core/plan/user-values';
import type { CellValue, WorkbookPlan } from '../../../core/plan/types';

/** Two tables side by side, both with a "Practice account" column; only the first is user-owned. */
const plan: WorkbookPlan = {
  kind: 'variance',
  title: 't',
  shareSafe: true,
  namedRanges: [],
  sheets: [
    {
      name: 'Mapping',
      cells: [{ at: 'A1', value: 5, userKey: 'threshold' }],
      tables: [
        { at: 'A3', table: { name: 'GlAccounts', rowKey: ['GL account'], columns: [{ name: 'GL account', type: 'text' }, { name: 'Practice account', type: 'text', userOwned: true }], rows: [['6950 Bank', null]] } },
        { at: 'D3', table: { name: 'Rules', columns: [{ name: 'Rule', type: 'text' }, { name: 'Practice account', type: 'text' }], rows: [['x', '5000']] } },
      ],
    },
  ],
};

describe('core/plan/user-values', () => {
  describe('collectUserValues', () => {
    it('reads keyed cells and user-owned columns by header, rows until the key is empty, and not from a table further right', () => {
      // The workbook has three account rows (an older build with more rows than the plan).
      const sheet: Record<string, CellValue> = {
        A1: 7,
        A3: 'GL account',
        B3: 'Practice account',
        D3: 'Rule',
        E3: 'Practice account',
        A4: '6950 Bank',
        B4: '6200',
        E4: '5000',
        A5: '7000 Misc',
        B5: null,
        E5: '5100',
        A6: '4000 Fees',
        B6: '4000',
      };
      const values = collectUserValues(plan, (s, ref) => (s === 'Mapping' ? (sheet[ref] ?? null) : null));
      assert.deepEqual([...values.cells], [['threshold', 7]]);
      assert.deepEqual(
        [...values.rows],
        [
          [userRowKey('GlAccounts', ['6950 Bank'], 'Practice account'), '6200'],
          [userRowKey('GlAccounts', ['4000 Fees'], 'Practice account'), '4000'],
        ],
      );
    });
  });
});
