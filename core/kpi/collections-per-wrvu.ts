import { defineKpi, needs } from './define';
import { fact } from './expr';

/** Collections per work RVU. */
export const collectionsPerWrvu = defineKpi({
  id: 'collections_per_wrvu',
  label: 'Collections per wRVU',
  group: 'volume and productivity',
  unit: 'money',
  direction: 'higher',
  numeratorText: 'payments posted in the period',
  denominatorText: 'work RVUs of charge lines with a date of service in the period',
  formulaText: 'payments ÷ work RVUs',
  dateBasis: 'payments by post date; wRVUs by date of service',
  inclusion: 'work RVUs from the CMS RVU file (PPRRVU)',
  source: 'MGMA (collections per work RVU), period-matched',
  needs: (a) => (!a.workRvus ? needs('the CMS RVU file') : !a.payments ? needs('payment rows') : undefined),
  numerator: () => fact('paymentCents'),
  denominator: () => fact('workRvus'),
  emptyDenominator: 'no work RVUs in the period',
});
