import { defineKpi, needs } from './define';
import { fact } from './expr';

/** Average payment per encounter. */
export const avgPaymentPerEncounter = defineKpi({
  id: 'avg_payment_per_encounter',
  label: 'Average payment per encounter',
  group: 'revenue cycle',
  unit: 'money',
  direction: 'higher',
  numeratorText: 'payments posted in the period',
  denominatorText: 'encounters in the period',
  formulaText: 'payments ÷ encounters',
  dateBasis: 'payments by post date; encounters by encounter date',
  inclusion: 'encounters are encounter records, or, without an encounter file, one per claim on its first date of service',
  source: 'MGMA (total collections per encounter), period-matched',
  needs: (a) => (!a.payments ? needs('payment rows') : !a.encounters ? needs('encounters or charge lines') : undefined),
  numerator: () => fact('paymentCents'),
  denominator: () => fact('encounters'),
  emptyDenominator: 'no encounters in the period',
});
