/** Canonical appointments.csv: one row per appointment with its outcome and visit timestamps. */
import type { MappingProfileInput } from '../schema';
import { PRACTICE_ACCOUNT } from './charges';

export const canonicalAppointments: MappingProfileInput = {
  id: 'canonical-appointments',
  label: 'Practice Workbench appointments (appointments.csv)',
  recognise: { headers: ['key', 'appointment_id', 'scheduled_for', 'status'], fileNames: ['appointments'] },
  locale: { decimalSeparator: '.', dateOrder: 'MDY' },
  inputs: {
    key: { headers: ['key'], required: true },
    appointmentId: { headers: ['appointment_id'], required: true },
    patientKey: { headers: ['patient_id'], kind: 'patient', namespace: PRACTICE_ACCOUNT },
    renderingProviderId: { headers: ['rendering_provider_id'] },
    renderingProviderName: { headers: ['rendering_provider_name'] },
    locationId: { headers: ['location_id'] },
    locationName: { headers: ['location_name'] },
    visitType: { headers: ['visit_type'] },
    bookedAt: { headers: ['booked_at'], kind: 'datetime' },
    scheduledFor: { headers: ['scheduled_for'], kind: 'datetime', required: true },
    status: { headers: ['status'], required: true },
    cancelledAt: { headers: ['cancelled_at'], kind: 'datetime' },
    arrivedAt: { headers: ['arrived_at'], kind: 'datetime' },
    roomedAt: { headers: ['roomed_at'], kind: 'datetime' },
    seenAt: { headers: ['seen_at'], kind: 'datetime' },
    checkedOutAt: { headers: ['checked_out_at'], kind: 'datetime' },
    newPatient: { headers: ['new_patient'], kind: 'boolean' },
    payerClass: { headers: ['payer_class'], kind: 'payer-class' },
  },
  records: [{ type: 'appointment' }],
  key: ['key'],
};
