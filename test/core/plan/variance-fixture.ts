/** Actuals for the variance workbook tests: GL amounts for the fixture budget year, by hand. */
import type { LedgerAmount } from '../../../core/accounts/mapping';
import { defaultMappingRules } from '../../../core/accounts/mapping';
import { computeBudget, variableShare, volumeByMonth } from '../../../core/budget/model';
import type { VarianceWorkbookInput } from '../../../core/plan/variance-workbook';
import { fixtureAssumptions, YEAR } from './budget-fixture';

const gl = (number: string, name: string, month: number, debitCents: number): LedgerAmount => ({
  account: { number, name },
  month: `${YEAR}-${String(month).padStart(2, '0')}`,
  debitCents,
});

/** Months 1..n of actuals: revenue is a credit (negative debit); 6950 Bank charges matches no default rule. */
export function fixtureActuals(months: number, bump = 0): LedgerAmount[] {
  const out: LedgerAmount[] = [];
  for (let m = 1; m <= months; m++) {
    out.push(
      gl('4000', 'Patient fees', m, -(11_000_000 + m * 10_000 + bump)),
      gl('4010', 'Patient refunds', m, 25_050),
      gl('4800', 'Other income', m, -100_000),
      gl('5010', 'Physician salaries', m, 7_800_000),
      gl('5110', 'Front desk wages', m, 1_050_000),
      gl('5120', 'MA wages', m, 1_900_000 + m * 1_000),
      gl('5310', 'Medical supplies', m, 720_000 + m * 3_333),
      gl('5410', 'Vaccines', m, 230_000),
      gl('5510', 'Rent', m, 858_334),
      gl('6010', 'Clearinghouse fees', m, 450_000),
      gl('6950', 'Bank charges', m, 4_510 + m),
      // The cash side of a GL detail export: a balance-sheet account, left out of the variance.
      gl('1000', 'Operating account', m, 123_456),
    );
  }
  return out;
}

/** The variance input for the fixture budget (base scenario), actuals through `months`. */
export function fixtureVarianceInput(months: number, bump = 0): VarianceWorkbookInput {
  const a = fixtureAssumptions();
  const b = computeBudget(a, 'base');
  if (!b.ok) throw new Error(b.error);
  const budget = new Map(b.value.lines.map((l) => [l.account, l.months]));
  return {
    practiceName: 'Demo Family Practice',
    budgetLabel: 'Base scenario',
    year: YEAR,
    asOfMonth: months,
    budget,
    actuals: fixtureActuals(months, bump),
    actualsFile: 'general-ledger.csv',
    rules: defaultMappingRules,
    variableShare: new Map(b.value.lines.map((l) => [l.account, variableShare(l.behaviour)])),
    budgetVolume: volumeByMonth(b.value),
    actualVolume: [1_050, 1_020, 1_160, 1_100, 0, 0, 0, 0, 0, 0, 0, 0],
    // Support staff: paid hours per month, standard cost per hour = budget staff cost / budgeted hours.
    inputs: new Map([['5100', { units: [1_410, 1_380, 1_455, 1_440, 0, 0, 0, 0, 0, 0, 0, 0], standardPriceCents: 2_106 }]]),
    materiality: { absoluteCents: 500_000, percent: 0.05, mode: 'AND' },
    sources: [{ file: 'general-ledger.csv', rows: months * 11 }],
    issues: [],
  };
}
