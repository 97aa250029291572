import { defineKpi, needs } from './define';
import { add, fact } from './expr';

/** Late-cancellation rate. */
export const lateCancelRate = defineKpi({
  id: 'late_cancel_rate',
  label: 'Late-cancellation rate',
  group: 'access and operations',
  unit: 'ratio',
  direction: 'lower',
  numeratorText: 'appointments cancelled late (status late cancel, as the scheduling system marks it) in the period',
  denominatorText: 'appointments completed, no-show or cancelled late in the period',
  formulaText: 'late cancels ÷ (completed + no-shows + late cancels)',
  dateBasis: 'appointment date',
  inclusion: 'the late-cancel window (often 24 hours) is the scheduling system’s; timely cancellations are left out',
  source: 'defined by Practice Workbench: a late cancellation is a slot lost like a no-show, so it is measured over the same kept-or-lost appointments',
  needs: (a) =>
    !a.appointments
      ? needs('appointment outcomes (completed, no-show, cancelled) from a scheduling export')
      : !a.cancellations
        ? needs('cancellations in the scheduling export (this one records none)')
        : undefined,
  numerator: () => fact('lateCancels'),
  denominator: () => add(add(fact('completed'), fact('noShows')), fact('lateCancels')),
  emptyDenominator: 'no completed, no-show or late-cancelled appointments in the period',
});
