import { defineKpi, needs } from './define';
import { distinct, fact } from './expr';

/** Visits per provider per clinic day. */
export const visitsPerProviderDay = defineKpi({
  id: 'visits_per_provider_day',
  label: 'Visits per provider day',
  group: 'volume and productivity',
  unit: 'count',
  direction: 'higher',
  numeratorText: 'encounters in the period',
  denominatorText: 'clinic days: distinct provider × calendar day pairs with at least one encounter',
  formulaText: 'encounters ÷ provider clinic days',
  dateBasis: 'encounter date',
  inclusion: 'a clinic day is a day the provider saw at least one patient (schedules and FTEs are not in the exports)',
  source: 'defined by Practice Workbench: MGMA reports visits per provider per day; without provider schedules a clinic day is a day with at least one visit',
  needs: (a) => (!a.encounters ? needs('encounters or charge lines') : undefined),
  numerator: () => fact('encounters'),
  denominator: () => distinct('clinicDays'),
  emptyDenominator: 'no clinic days in the period',
});
