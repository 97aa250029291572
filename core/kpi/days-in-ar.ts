import { defineKpi, needs } from './define';
import { daysIn3Months, div, fact, openAr, sub } from './expr';

/** Net days in A/R (HFMA MAP Keys). */
export const daysInAr = defineKpi({
  id: 'days_in_ar',
  label: 'Days in A/R (net)',
  group: 'revenue cycle',
  unit: 'days',
  direction: 'lower',
  numeratorText: 'net A/R: open balances of all claims at the last day of the period (charges − payments − adjustments posted by then), credit balances included',
  denominatorText:
    'average daily net patient service revenue over the 3 months ending with the period: (charges − contractual adjustments) ÷ calendar days of those 3 months',
  formulaText: 'net A/R ÷ ((charges − contractual adjustments over the last 3 months) ÷ days in those 3 months)',
  dateBasis: 'A/R as of the month end (post dates); revenue by date of service (charges) and post date (adjustments)',
  inclusion: 'all payers and patient balances; for a trailing-12-month or year-to-date column, the A/R at its last month end',
  source: 'HFMA MAP Keys: net days in A/R = net A/R ÷ average daily net patient service revenue (prior 3 months)',
  needs: (a) =>
    !a.arAging
      ? needs('charge lines and payment rows linked by claim (to derive open A/R)')
      : !a.contractualAdjustments
        ? needs('contractual adjustments (to compute net revenue)')
        : undefined,
  numerator: () => openAr(),
  denominator: () => div(sub(fact('chargeCents', { window: 'trailing3' }), fact('contractualAdjustmentCents', { window: 'trailing3' })), daysIn3Months()),
  emptyDenominator: 'no net revenue in the 3 months ending with the period',
});
