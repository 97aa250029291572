import { defineKpi, needs } from './define';
import { fact } from './expr';

/** Scheduling lead time: days from booking to the appointment. */
export const schedulingLeadTimeDays = defineKpi({
  id: 'scheduling_lead_time_days',
  label: 'Scheduling lead time',
  group: 'access and operations',
  unit: 'days',
  direction: 'lower',
  numeratorText: 'Σ days from the day the appointment was booked to the appointment day',
  denominatorText: 'appointments in the period with a booking date',
  formulaText: 'Σ (appointment date − booked date) ÷ booked appointments',
  dateBasis: 'appointment date',
  inclusion: 'all appointments with a booking date, whatever became of them; a booking date after the appointment is left out',
  source: 'defined by Practice Workbench: the average booking lead time; IHI’s “third next available appointment” needs open-slot data the exports do not have',
  needs: (a) => (!a.leadTimes ? needs('appointment booking dates') : undefined),
  numerator: () => fact('leadDays'),
  denominator: () => fact('leadAppointments'),
  emptyDenominator: 'no appointments with a booking date in the period',
});
