import { defineKpi, needs } from './define';
import { add, fact } from './expr';

/** No-show rate among appointments that were due to happen. */
export const noShowRate = defineKpi({
  id: 'no_show_rate',
  label: 'No-show rate',
  group: 'access and operations',
  unit: 'ratio',
  direction: 'lower',
  numeratorText: 'appointments marked no-show in the period',
  denominatorText: 'appointments completed plus no-shows in the period',
  formulaText: 'no-shows ÷ (completed + no-shows)',
  dateBasis: 'appointment date',
  inclusion: 'cancelled and late-cancelled appointments are left out of both (they are measured by the late-cancellation rate)',
  source:
    'defined by Practice Workbench: MGMA divides no-shows by all scheduled appointments; we divide by the appointments that were due to be kept (completed + no-show) so cancellations made in time, whose slots could be refilled, do not dilute the rate',
  needs: (a) => (!a.appointments ? needs('appointment outcomes (completed, no-show, cancelled) from a scheduling export') : undefined),
  numerator: () => fact('noShows'),
  denominator: () => add(fact('completed'), fact('noShows')),
  emptyDenominator: 'no completed or no-show appointments in the period',
});
