import { defineKpi, needs } from './define';
import { openAr } from './expr';

/** Share of A/R older than 90 days. */
export const arOver90Pct = defineKpi({
  id: 'ar_over_90_pct',
  label: 'A/R over 90 days',
  group: 'revenue cycle',
  unit: 'ratio',
  direction: 'lower',
  numeratorText: 'open balances of claims whose first date of service is more than 90 days before the month end',
  denominatorText: 'all open balances at the month end',
  formulaText: 'A/R aged over 90 days ÷ total A/R',
  dateBasis: 'aged by date of service, as of the last day of the period',
  inclusion: 'open A/R per claim derived from charges minus payments and adjustments posted by the month end; credit balances included',
  source: 'HFMA MAP Keys (aged A/R as a percentage of total billed A/R), aged from date of service',
  needs: (a) => (!a.arAging ? needs('charge lines and payment rows linked by claim (to derive open A/R)') : undefined),
  numerator: () => openAr(90),
  denominator: () => openAr(),
  emptyDenominator: 'no open A/R at the month end',
});
