import { defineKpi, needs } from './define';
import { distinct } from './expr';

/** Unique patients seen in the period (a distinct count, precomputed per period and slice). */
export const uniquePatients = defineKpi({
  id: 'unique_patients',
  label: 'Unique patients',
  group: 'volume and productivity',
  unit: 'count',
  direction: 'higher',
  numeratorText: 'distinct patients with at least one encounter in the period',
  denominatorText: undefined,
  formulaText: 'count of distinct patients',
  dateBasis: 'encounter date',
  inclusion: 'patients are counted by pseudonymous key; a patient seen in several months counts once in a trailing-12-month or year-to-date column',
  source: 'MGMA (unique patients seen)',
  needs: (a) => (!a.patients ? needs('a patient identifier on encounters or charge lines') : undefined),
  numerator: () => distinct('uniquePatients'),
});
