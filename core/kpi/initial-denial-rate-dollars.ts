import { defineKpi } from './define';
import { denialDateBasis, denialInclusion, denialNeeds } from './denials-common';
import { constant, div, fact } from './expr';

/** Initial denial rate by billed dollars, HFMA variant: the denominator is a 3-month average. */
export const initialDenialRateDollars = defineKpi({
  id: 'initial_denial_rate_dollars',
  label: 'Initial denial rate (dollars, 3-month base)',
  group: 'revenue cycle',
  unit: 'ratio',
  direction: 'lower',
  numeratorText: 'billed charges of claims initially denied in the period',
  denominatorText:
    'average monthly billed charges of claims adjudicated over the 3 months ending with the month (for a trailing-12-month or year-to-date column: in the period)',
  formulaText: 'denied charges ÷ average monthly adjudicated charges (3 months ending with the month)',
  dateBasis: denialDateBasis,
  inclusion: denialInclusion,
  source: 'HFMA MAP Keys (initial denial rate, dollars), denominator averaged over three months; same-month variant: initial_denial_rate_dollars_same_month',
  needs: denialNeeds,
  numerator: () => fact('deniedCents'),
  denominator: (p) => (p.kind === 'month' ? div(fact('adjudicatedCents', { window: 'trailing3' }), constant(3)) : fact('adjudicatedCents')),
  emptyDenominator: 'no claims adjudicated in the 3 months ending with the period',
});
