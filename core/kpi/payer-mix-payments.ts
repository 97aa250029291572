import { defineKpi, needs } from './define';
import { fact } from './expr';

/** Payer mix by payments: the share of the practice's payments in each payer class or payer. */
export const payerMixPayments = defineKpi({
  id: 'payer_mix_payments',
  label: 'Payer mix by payments',
  group: 'revenue cycle',
  unit: 'ratio',
  direction: 'neutral',
  share: true,
  numeratorText: 'payments of the payer class (or payer) in the period',
  denominatorText: 'all payments of the practice in the period',
  formulaText: 'payments of the payer class ÷ all payments',
  dateBasis: 'post date',
  inclusion: 'payer class and payer of the claim (the visit’s primary payer); payments on a claim count under the claim’s payer class, patient payments included',
  source: 'MGMA (payer mix); defined by Practice Workbench as a share of the period total so the classes add up to 100%',
  needs: (a) => (!a.payments ? needs('payment rows') : undefined),
  numerator: () => fact('paymentCents'),
  denominator: () => fact('paymentCents', { wholePractice: true }),
  emptyDenominator: 'no payments in the period',
});
