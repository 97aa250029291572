import { defineKpi } from './define';
import { denialDateBasis, denialInclusion, denialNeeds } from './denials-common';
import { fact } from './expr';

/** Initial denial rate by billed dollars, simple variant: denials and adjudications of the same period. */
export const initialDenialRateDollarsSameMonth = defineKpi({
  id: 'initial_denial_rate_dollars_same_month',
  label: 'Initial denial rate (dollars, same month)',
  group: 'revenue cycle',
  unit: 'ratio',
  direction: 'lower',
  numeratorText: 'billed charges of claims initially denied in the period',
  denominatorText: 'billed charges of claims adjudicated in the same period',
  formulaText: 'denied charges ÷ adjudicated charges',
  dateBasis: denialDateBasis,
  inclusion: denialInclusion,
  source: 'HFMA MAP Keys (initial denial rate, dollars), simple same-period variant',
  needs: denialNeeds,
  numerator: () => fact('deniedCents'),
  denominator: () => fact('adjudicatedCents'),
  emptyDenominator: 'no claims adjudicated in the period',
});
