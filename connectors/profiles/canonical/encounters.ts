/** Canonical encounters.csv: one row per visit. */
import type { MappingProfileInput } from '../schema';
import { PRACTICE_ACCOUNT } from './charges';

export const canonicalEncounters: MappingProfileInput = {
  id: 'canonical-encounters',
  label: 'Practice Workbench encounters (encounters.csv)',
  recognise: { headers: ['key', 'encounter_id', 'date'], fileNames: ['encounters'] },
  locale: { decimalSeparator: '.', dateOrder: 'MDY' },
  inputs: {
    key: { headers: ['key'], required: true },
    encounterId: { headers: ['encounter_id'], required: true },
    date: { headers: ['date'], kind: 'date', required: true },
    patientKey: { headers: ['patient_id'], kind: 'patient', namespace: PRACTICE_ACCOUNT },
    renderingProviderId: { headers: ['rendering_provider_id'] },
    renderingProviderName: { headers: ['rendering_provider_name'] },
    locationId: { headers: ['location_id'] },
    locationName: { headers: ['location_name'] },
    payerId: { headers: ['payer_id'] },
    payerName: { headers: ['payer_name'] },
    payerClass: { headers: ['payer_class'], kind: 'payer-class' },
    encounterClass: { headers: ['encounter_class'] },
    visitType: { headers: ['visit_type'] },
    newPatient: { headers: ['new_patient'], kind: 'boolean' },
  },
  records: [{ type: 'encounter' }],
  key: ['key'],
};
