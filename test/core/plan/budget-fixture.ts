/** A small hand-checkable practice budget for the budget and variance workbook tests. */
import { defaultAssumptions, type BudgetAssumptions } from '../../../core/budget/model';

export const YEAR = 2026;

/**
 * 3 providers × 220 clinic days × 20 encounters = 13,200 encounters. Awkward amounts on purpose
 * (prior-year rent $100,000.01, an odd salvage) so the spreading and depreciation are tested at the cent.
 */
export function fixtureAssumptions(): BudgetAssumptions {
  return defaultAssumptions({
    year: YEAR,
    providers: 3,
    clinicDays: 220,
    encountersPerProviderDay: 20,
    mix: { medicare: 0.35, medicaid: 0.15, commercial: 0.42, self_pay: 0.05, other: 0.03 },
    netRatePerEncounter: { medicare: 98.37, medicaid: 61.2, commercial: 131.05, self_pay: 44.44, other: 88.01 },
    priorYear: { '4900': 12_345.67, '5500': 100_000.01, '5600': 18_000, '5700': 24_500.5, '5800': 15_000, '5900': 6_000, '6100': 9_876.54, '6200': 4_321.09 },
    staff: [
      { role: { id: 'FD', label: 'Front desk' }, fte: 2.5, hourlyRate: 19.25 },
      { role: { id: 'MA', label: 'Medical assistants' }, fte: 4, hourlyRate: 21.4 },
      { role: { id: 'BILL', label: 'Billing staff' }, fte: 1.5, hourlyRate: 24.1 },
    ],
    providerCompPerFte: 265_000,
    suppliesPerEncounter: 6.35,
    drugsPerEncounter: 2.1,
    itCostPerProviderSeat: 7_200,
    billingPercentOfRevenue: 0.045,
    capital: [
      { name: 'Exam room ultrasound', costCents: 3_500_000, salvageCents: 350_001, lifeMonths: 60, inServiceMonth: '2026-04', paidMonth: '2026-03' },
      { name: 'Front desk computers', costCents: 900_000, salvageCents: 0, lifeMonths: 36, inServiceMonth: '2025-07', paidMonth: '2025-06' },
    ],
    // Prior-year share of revenue by month, basis points.
    seasonality: [790, 780, 860, 840, 850, 820, 780, 830, 860, 880, 830, 880],
  });
}
