import { defineKpi, needs } from './define';
import { fact } from './expr';

/** Wait time: arrival to being roomed (or seen). */
export const waitTimeMinutes = defineKpi({
  id: 'wait_time_minutes',
  label: 'Wait time',
  group: 'access and operations',
  unit: 'minutes',
  direction: 'lower',
  numeratorText: 'Σ minutes from arrival to roomed (or to seen by the provider when no rooming time is recorded)',
  denominatorText: 'visits in the period with both times',
  formulaText: 'Σ (roomed − arrived) ÷ visits',
  dateBasis: 'appointment date',
  inclusion: 'visits with an arrival time and a rooming (or seen) time not before it',
  source: 'defined by Practice Workbench: the waiting-room segment of IHI’s cycle time',
  needs: (a) => (!a.waitTimes ? needs('arrival and rooming (or seen) times') : undefined),
  numerator: () => fact('waitMinutes'),
  denominator: () => fact('waitVisits'),
  emptyDenominator: 'no visits with arrival and rooming times in the period',
});
