import { strict as assert } from 'node:assert';
import { filterChoices, filterIssues, issuePlace } from '../../addin/issues-filter';
import { shareSafeCopy, shareSafeNoteSheet } from '../../addin/share-safe';
import type { Issue } from '../../core/issues';
import type { WorkbookPlan } from '../../core/plan/types';

const plan: WorkbookPlan = {
  kind: 'kpi',
  title: 'KPIs',
  shareSafe: false,
  namedRanges: [],
  sheets: [
    {
      name: 'Dashboard',
      cells: [
        { at: 'B2', formula: 'PRACTICE.NOSHOWRATE(C2,D2)', expected: 0.1 },
        { at: 'B3', formula: 'SUM(Data[Paid])', expected: 20 },
      ],
      tables: [
        {
          at: 'A5',
          table: {
            name: 'Data',
            rowKey: ['Claim'],
            columns: [
              { name: 'Claim', type: 'text' },
              { name: 'Patient key', type: 'text' },
              { name: 'Unique patients', type: 'integer' },
              { name: 'Paid', type: 'money' },
              { name: 'Comment', type: 'text', userOwned: true },
            ],
            rows: [
              ['C1', 'p-7f3a', 1, 10, 'called Mrs Smith'],
              ['C2', 'p-99b1', 1, 10, null],
            ],
          },
        },
      ],
    },
  ],
};

describe('addin/share-safe', () => {
  describe('shareSafeCopy', () => {
    it('replaces PRACTICE.* calls by their values and keeps native formulas', () => {
      const { plan: copy } = shareSafeCopy(plan);
      const cells = copy.sheets[0]?.cells ?? [];
      assert.deepEqual(cells[0], { at: 'B2', value: 0.1 });
      assert.deepEqual(cells[1], { at: 'B3', formula: 'SUM(Data[Paid])', expected: 20 });
    });
    it('empties patient-level text columns and typed comments, keeps counts', () => {
      const { plan: copy, removed } = shareSafeCopy(plan);
      assert.deepEqual(copy.sheets[0]?.tables[0]?.table.rows, [
        ['C1', null, 1, 10, null],
        ['C2', null, 1, 10, null],
      ]);
      assert.match(removed.join(' '), /1 formula\(s\) calling PRACTICE/);
      assert.match(removed.join(' '), /Data\[Patient key\]/);
      assert.match(removed.join(' '), /1 comment\(s\)/);
    });
    it('adds a note sheet saying what was removed and marks the plan share-safe', () => {
      const { plan: copy, removed } = shareSafeCopy(plan);
      assert.equal(copy.shareSafe, true);
      const note = copy.sheets.find((s) => s.name === shareSafeNoteSheet);
      assert.deepEqual(note?.cells.slice(2).map((c) => ('value' in c ? c.value : null)), removed);
    });
  });
});

describe('addin/issues-filter', () => {
  const issues: Issue[] = [
    { code: 'money-invalid', severity: 'error', message: 'x', location: { file: 'a.csv', line: 3, column: 'Charge' } },
    { code: 'date-ambiguous', severity: 'warning', message: 'y', location: { file: 'b.csv', line: 9 } },
    { code: 'money-invalid', severity: 'error', message: 'z', location: { file: 'b.csv', segment: 4 } },
  ];
  describe('filterIssues', () => {
    it('filters by severity, file and code together', () => {
      assert.equal(filterIssues(issues, {}).length, 3);
      assert.deepEqual(filterIssues(issues, { severity: 'error', file: 'b.csv' }).map((i) => i.message), ['z']);
      assert.deepEqual(filterIssues(issues, { code: 'money-invalid' }).map((i) => i.message), ['x', 'z']);
    });
  });
  describe('filterChoices', () => {
    it('offers each file and code once, sorted', () => {
      assert.deepEqual(filterChoices(issues), { files: ['a.csv', 'b.csv'], codes: ['date-ambiguous', 'money-invalid'] });
    });
  });
  describe('issuePlace', () => {
    it('says where in words', () => {
      assert.equal(issuePlace(issues[0] as Issue), 'a.csv, line 3, column Charge');
    });
  });
});
