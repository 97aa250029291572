import { defineKpi } from './define';
import { denialDateBasis, denialInclusion, denialNeeds } from './denials-common';
import { fact } from './expr';

/** Initial denial rate by claim count, simple variant: denials and adjudications of the same period. */
export const initialDenialRateCountSameMonth = defineKpi({
  id: 'initial_denial_rate_count_same_month',
  label: 'Initial denial rate (claims, same month)',
  group: 'revenue cycle',
  unit: 'ratio',
  direction: 'lower',
  numeratorText: 'claims initially denied in the period',
  denominatorText: 'claims adjudicated in the same period',
  formulaText: 'initial denials ÷ claims adjudicated',
  dateBasis: denialDateBasis,
  inclusion: denialInclusion,
  source: 'HFMA MAP Keys (initial denial rate), simple same-period variant',
  needs: denialNeeds,
  numerator: () => fact('denials'),
  denominator: () => fact('claimsAdjudicated'),
  emptyDenominator: 'no claims adjudicated in the period',
});
