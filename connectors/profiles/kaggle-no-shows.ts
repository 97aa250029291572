/**
 * The "Medical Appointment No Shows" table (Kaggle, Vitória, Brazil): one row per appointment,
 * with when it was booked (ScheduledDay), the day it was for (AppointmentDay, no time of day) and
 * whether the patient came ("No-show" = Yes means they did not).
 */
import type { MappingProfileInput } from './schema';

export const kaggleNoShows: MappingProfileInput = {
  id: 'kaggle-no-shows',
  label: 'Medical Appointment No Shows (Kaggle)',
  recognise: { headers: ['PatientId', 'AppointmentID', 'ScheduledDay', 'AppointmentDay', 'No-show'], fileNames: ['noshow', 'KaggleV2'] },
  locale: { decimalSeparator: '.', dateOrder: 'MDY' },
  inputs: {
    patientKey: { headers: ['PatientId'], kind: 'patient', namespace: 'kaggle-no-shows-patient' },
    appointmentId: { headers: ['AppointmentID'], required: true },
    bookedAt: { headers: ['ScheduledDay'], kind: 'datetime' },
    scheduledFor: { headers: ['AppointmentDay'], kind: 'datetime', required: true },
    status: { headers: ['No-show', 'No_show', 'NoShow'], values: { yes: 'no_show', no: 'completed' }, required: true },
    locationName: { headers: ['Neighbourhood', 'Neighborhood'] },
  },
  records: [{ type: 'appointment', from: { locationId: 'locationName' } }],
  key: ['appointmentId'],
};
