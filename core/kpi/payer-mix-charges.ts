import { defineKpi, needs } from './define';
import { fact } from './expr';

/** Payer mix by charges: the share of the practice's gross charges in each payer class or payer. */
export const payerMixCharges = defineKpi({
  id: 'payer_mix_charges',
  label: 'Payer mix by charges',
  group: 'revenue cycle',
  unit: 'ratio',
  direction: 'neutral',
  share: true,
  numeratorText: 'gross charges of the payer class (or payer) in the period',
  denominatorText: 'all gross charges of the practice in the period',
  formulaText: 'gross charges of the payer class ÷ all gross charges',
  dateBasis: 'date of service',
  inclusion: 'payer class and payer of the claim (the visit’s primary payer); payments on a claim count under the claim’s payer class, patient payments included',
  source: 'MGMA (payer mix); defined by Practice Workbench as a share of the period total so the classes add up to 100%',
  needs: (a) => (!a.charges ? needs('charge lines') : undefined),
  numerator: () => fact('chargeCents'),
  denominator: () => fact('chargeCents', { wholePractice: true }),
  emptyDenominator: 'no gross charges in the period',
});
