import { defineKpi, needs } from './define';
import { fact } from './expr';

/** Payer mix by encounters: the share of the practice's encounters in each payer class or payer. */
export const payerMixEncounters = defineKpi({
  id: 'payer_mix_encounters',
  label: 'Payer mix by encounters',
  group: 'revenue cycle',
  unit: 'ratio',
  direction: 'neutral',
  share: true,
  numeratorText: 'encounters of the payer class (or payer) in the period',
  denominatorText: 'all encounters of the practice in the period',
  formulaText: 'encounters of the payer class ÷ all encounters',
  dateBasis: 'encounter date',
  inclusion: 'payer class and payer of the claim (the visit’s primary payer); payments on a claim count under the claim’s payer class, patient payments included',
  source: 'MGMA (payer mix); defined by Practice Workbench as a share of the period total so the classes add up to 100%',
  needs: (a) => (!a.encounters ? needs('encounters or charge lines') : undefined),
  numerator: () => fact('encounters'),
  denominator: () => fact('encounters', { wholePractice: true }),
  emptyDenominator: 'no encounters in the period',
});
