import { defineKpi, needs } from './define';
import { fact } from './expr';

/** Encounters (visits) in the period. */
export const encounters = defineKpi({
  id: 'encounters',
  label: 'Encounters',
  group: 'volume and productivity',
  unit: 'count',
  direction: 'higher',
  numeratorText: 'encounters with an encounter date in the period',
  denominatorText: undefined,
  formulaText: 'count of encounters',
  dateBasis: 'encounter date',
  inclusion: 'every imported encounter record (all visit classes); without an encounter file, one per claim on its first date of service',
  source: 'MGMA (total encounters)',
  needs: (a) => (!a.encounters ? needs('encounters or charge lines') : undefined),
  numerator: () => fact('encounters'),
});
