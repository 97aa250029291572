import { strict as assert } from 'node:assert';
import { UNMAPPED } from '../../../core/accounts/chart';
import { buildVarianceWorkbook } from '../../../core/plan/variance-workbook';
import { userRowKey } from '../../../core/plan/user-values';
import { validatePlan } from '../../../core/plan/validate';
import { isFormulaCell, type PlanTable } from '../../../core/plan/types';
import { fixtureVarianceInput } from './variance-fixture';

function table(plan: ReturnType<typeof buildVarianceWorkbook>['plan'], name: string): PlanTable {
  for (const s of plan.sheets) for (const t of s.tables) if (t.table.name === name) return t.table;
  throw new Error(`no table ${name}`);
}

describe('core/plan/variance-workbook', () => {
  describe('buildVarianceWorkbook', () => {
    it('builds a valid, share-safe plan with one row per practice account and month', () => {
      const { plan, report } = buildVarianceWorkbook(fixtureVarianceInput(3));
      assert.deepEqual(validatePlan(plan), []);
      assert.equal(plan.shareSafe, true);
      // 16 practice lines (Unmapped included) × 3 months.
      assert.equal(report.rows.length, 48);
      assert.equal(table(plan, 'Variance').rows.length, 48);
    });

    it('puts the unmapped account on the Unmapped line with an issue naming it and its amount', () => {
      const { plan, report } = buildVarianceWorkbook(fixtureVarianceInput(3));
      const unmapped = report.rows.filter((r) => r.account.id === UNMAPPED).map((r) => r.actual);
      assert.deepEqual(unmapped, [4_511, 4_512, 4_513]);
      const log = table(plan, 'ImportLog');
      const messages = log.rows.map((r) => String(r[7]));
      assert.ok(messages.some((m) => m.includes('6950 Bank charges') && m.includes('$135.36')), messages.join('\n'));
    });

    it('nets refunds into patient revenue and ties net income to the ledger (hand-computed)', () => {
      const { report } = buildVarianceWorkbook(fixtureVarianceInput(1));
      const rev = report.rows.find((r) => r.account.id === '4000');
      // −(−11,010,000) − 25,050 cents of refunds.
      assert.equal(rev?.actual, 11_010_000 - 25_050);
      // Net income = −Σ debits of the month.
      const debits = -11_010_000 + 25_050 - 100_000 + 7_800_000 + 1_050_000 + 1_901_000 + 723_333 + 230_000 + 858_334 + 450_000 + 4_511;
      assert.equal(report.monthNetIncome.actual, -debits);
    });

    it('splits every row into volume, rate and efficiency that add up to its variance', () => {
      const { report } = buildVarianceWorkbook(fixtureVarianceInput(3));
      for (const r of report.rows) assert.equal(r.volume + r.rate + r.efficiency, r.actual - r.budget, `${r.account.id} ${r.month}`);
      const staff = report.rows.find((r) => r.account.id === '5100' && r.monthNo === 1);
      // 1,410 hours × $21.06 = $29,694.60 at standard; staff is fixed in volume, so flexible = budget.
      assert.equal(staff?.atStandard, 2_969_460);
      assert.equal(staff?.volume, 0);
    });

    it('takes comments, owners, thresholds and remapping from the user values', () => {
      const input = fixtureVarianceInput(3);
      const rows = new Map<string, string | number>([
        [userRowKey('Variance', ['5300', '2026-02'], 'Comment'), 'Flu season: more supplies'],
        [userRowKey('Variance', ['5300', '2026-02'], 'Owner'), 'Dana (clinic lead)'],
        [userRowKey('GlAccounts', ['6950 Bank charges'], 'Practice account'), '6200'],
      ]);
      const { plan, report } = buildVarianceWorkbook({ ...input, userValues: { cells: new Map([['materiality:absolute', 1]]), rows } });
      const t = table(plan, 'Variance');
      const row = t.rows.find((r) => r[0] === '5300' && r[3] === '2026-02');
      assert.equal(row?.[24], 'Flu season: more supplies');
      assert.equal(row?.[25], 'Dana (clinic lead)');
      assert.equal(report.mapped.issues.filter((i) => i.code === 'account-unmapped').length, 0);
      assert.ok(report.rows.filter((r) => r.account.id === UNMAPPED).every((r) => r.actual === 0));
      const abs = plan.sheets[0]?.cells.find((c) => c.at === 'B6');
      assert.ok(abs && !isFormulaCell(abs) && abs.value === 1);
    });
  });
});
