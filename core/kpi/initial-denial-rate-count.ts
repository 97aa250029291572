import { defineKpi } from './define';
import { denialDateBasis, denialInclusion, denialNeeds } from './denials-common';
import { constant, div, fact } from './expr';

/** Initial denial rate by claim count, HFMA variant: the denominator is a 3-month average. */
export const initialDenialRateCount = defineKpi({
  id: 'initial_denial_rate_count',
  label: 'Initial denial rate (claims, 3-month base)',
  group: 'revenue cycle',
  unit: 'ratio',
  direction: 'lower',
  numeratorText: 'claims initially denied in the period',
  denominatorText:
    'average monthly claims adjudicated over the 3 months ending with the month (for a trailing-12-month or year-to-date column: claims adjudicated in the period)',
  formulaText: 'initial denials ÷ average monthly claims adjudicated (3 months ending with the month)',
  dateBasis: denialDateBasis,
  inclusion: denialInclusion,
  source: 'HFMA MAP Keys (initial denial rate: claims denied ÷ claims adjudicated), denominator averaged over three months; same-month variant: initial_denial_rate_count_same_month',
  needs: denialNeeds,
  numerator: () => fact('denials'),
  denominator: (p) => (p.kind === 'month' ? div(fact('claimsAdjudicated', { window: 'trailing3' }), constant(3)) : fact('claimsAdjudicated')),
  emptyDenominator: 'no claims adjudicated in the 3 months ending with the period',
});
