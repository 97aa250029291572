import { strict as assert } from 'node:assert';
import { importSource } from '../../../connectors/index';
import { sourceFromBytes } from '../../../connectors/source';
import { budgetFromInputs, ledgerAmounts, varianceInputFrom } from '../../../core/plan/ledger-inputs';
import { assembleDataset } from '../../../core/dataset';

const pl = (year: number, months: number, fees: string, rent: string) => {
  const names = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'].slice(0, months).map((m) => `${m} ${year}`);
  return [
    'Clinic',
    'Profit and Loss by Month',
    '',
    `,${names.join(',')},Total`,
    'Income,',
    `4000 Patient fees,${names.map(() => fees).join(',')},`,
    'Expenses,',
    `5510 Rent,${names.map(() => rent).join(',')},`,
  ].join('\r\n');
};
const imported = (name: string, text: string) => importSource(sourceFromBytes(name, new TextEncoder().encode(text)));

describe('core/plan/ledger-inputs', () => {
  describe('ledgerAmounts', () => {
    it('gives each P&L cell as a debit by account and month (income is a credit)', async () => {
      const amounts = ledgerAmounts([await imported('pl.csv', pl(2025, 2, '"1,000.50"', '900.00'))]);
      assert.deepEqual(
        amounts.map((a) => [a.account.number, a.month, a.debitCents]).sort(),
        [
          ['4000', '2025-01', -100_050],
          ['4000', '2025-02', -100_050],
          ['5510', '2025-01', 90_000],
          ['5510', '2025-02', 90_000],
        ].sort(),
      );
    });
  });

  describe('budgetFromInputs', () => {
    it('budgets the year after the last full year of the ledger', async () => {
      const built = budgetFromInputs({ dataset: assembleDataset([]), priorYear: [await imported('pl.csv', pl(2025, 12, '1000.00', '900.00'))], name: 'Clinic' });
      assert.ok(typeof built !== 'string', String(built));
      assert.equal(built.built.budget.year, 2026);
      // Prior-year revenue by month is the P&L's patient fees.
      assert.deepEqual(built.priorRevenue, Array(12).fill(100_000));
    });
    it('says so when the ledger holds no amounts', () => {
      assert.match(String(budgetFromInputs({ dataset: assembleDataset([]), priorYear: [], name: 'Clinic' })), /no amounts/);
    });
  });

  describe('varianceInputFrom', () => {
    it('takes the budget year actuals through their last month', async () => {
      const o = { dataset: assembleDataset([]), priorYear: [await imported('pl25.csv', pl(2025, 12, '1000.00', '900.00'))], name: 'Clinic' };
      const input = varianceInputFrom(o, [await imported('pl26.csv', pl(2026, 3, '1100.00', '950.00'))]);
      assert.ok(typeof input !== 'string', String(input));
      assert.equal(input.year, 2026);
      assert.equal(input.asOfMonth, 3);
      assert.equal(input.actuals.filter((a) => a.account.number === '5510').reduce((s, a) => s + a.debitCents, 0), 3 * 95_000);
    });
  });
});
