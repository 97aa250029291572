/**
 * A generic practice-management appointment report: one row per appointment, columns found by
 * the wording scheduling reports use ("Appt Date", "Appt Status", "Scheduled", "Provider",
 * "Location"). Statuses are read by their usual names; anything else is "unknown", not a guess.
 */
import { PRACTICE_ACCOUNT } from './canonical/charges';
import { synonyms } from './headers';
import type { MappingProfileInput } from './schema';

export const pmAppointments: MappingProfileInput = {
  id: 'pm-appointments',
  label: 'Practice-management appointment report (generic)',
  locale: { decimalSeparator: '.', dateOrder: 'MDY' },
  inputs: {
    appointmentId: { headers: [...synonyms.appointmentId], required: true },
    patientKey: { headers: [...synonyms.patientId], kind: 'patient', namespace: PRACTICE_ACCOUNT },
    scheduledFor: { headers: [...synonyms.scheduledFor], kind: 'datetime', required: true },
    bookedAt: { headers: [...synonyms.bookedAt], kind: 'datetime' },
    status: {
      headers: [...synonyms.status],
      required: true,
      values: {
        completed: 'completed',
        complete: 'completed',
        'checked out': 'completed',
        'checked in': 'completed',
        arrived: 'completed',
        seen: 'completed',
        kept: 'completed',
        'no show': 'no_show',
        'no-show': 'no_show',
        noshow: 'no_show',
        ns: 'no_show',
        cancelled: 'cancelled',
        canceled: 'cancelled',
        'late cancel': 'late_cancel',
        'late cancellation': 'late_cancel',
        'late canceled': 'late_cancel',
        'late cancelled': 'late_cancel',
        scheduled: 'scheduled',
        confirmed: 'scheduled',
        pending: 'scheduled',
        '*': 'unknown',
      },
    },
    renderingProviderId: { headers: [...synonyms.renderingProviderId] },
    renderingProviderName: { headers: [...synonyms.renderingProviderName] },
    locationId: { headers: [...synonyms.locationId] },
    locationName: { headers: [...synonyms.locationName] },
    visitType: { headers: [...synonyms.visitType] },
    payerClass: { headers: [...synonyms.payerClass, ...synonyms.payerName], kind: 'payer-class' },
    newPatient: { headers: ['New Patient', 'New Pt', 'New?'], kind: 'boolean' },
  },
  records: [{ type: 'appointment' }],
  key: ['appointmentId'],
};
