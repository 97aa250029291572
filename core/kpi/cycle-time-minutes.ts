import { defineKpi, needs } from './define';
import { fact } from './expr';

/** Visit cycle time: arrival to check-out. */
export const cycleTimeMinutes = defineKpi({
  id: 'cycle_time_minutes',
  label: 'Visit cycle time',
  group: 'access and operations',
  unit: 'minutes',
  direction: 'lower',
  numeratorText: 'Σ minutes from arrival (check-in) to check-out',
  denominatorText: 'visits in the period with both times',
  formulaText: 'Σ (checked out − arrived) ÷ visits',
  dateBasis: 'appointment date',
  inclusion: 'visits with an arrival and a check-out time, check-out not before arrival',
  source: 'IHI (office visit cycle time: patient arrival to departure)',
  needs: (a) => (!a.cycleTimes ? needs('arrival and check-out times') : undefined),
  numerator: () => fact('cycleMinutes'),
  denominator: () => fact('cycleVisits'),
  emptyDenominator: 'no visits with arrival and check-out times in the period',
});
