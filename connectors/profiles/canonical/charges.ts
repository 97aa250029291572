/**
 * Our own canonical CSV layout (the demo generator writes it): one file per record type, snake_case
 * headers, money in dollars with "." decimals, ISO dates, lists separated by ";".
 */
import type { MappingProfileInput } from '../schema';

/** patient_id is the practice's account number: pseudonymised at the door. */
export const PRACTICE_ACCOUNT = 'practice-account';

export const canonicalCharges: MappingProfileInput = {
  id: 'canonical-charges',
  label: 'Practice Workbench charges (charges.csv)',
  recognise: { headers: ['key', 'claim_id', 'service_date', 'procedure_code', 'charge_amount'], fileNames: ['charges'] },
  locale: { decimalSeparator: '.', dateOrder: 'MDY' },
  inputs: {
    key: { headers: ['key'], required: true },
    claimId: { headers: ['claim_id'], required: true },
    lineNumber: { headers: ['line_number'] },
    serviceDate: { headers: ['service_date'], kind: 'date', required: true },
    postDate: { headers: ['post_date'], kind: 'date' },
    patientKey: { headers: ['patient_id'], kind: 'patient', namespace: PRACTICE_ACCOUNT },
    encounterId: { headers: ['encounter_id'] },
    renderingProviderId: { headers: ['rendering_provider_id'] },
    renderingProviderName: { headers: ['rendering_provider_name'] },
    renderingNpi: { headers: ['rendering_npi'], kind: 'npi' },
    billingProviderId: { headers: ['billing_provider_id'] },
    billingNpi: { headers: ['billing_npi'], kind: 'npi' },
    locationId: { headers: ['location_id'] },
    locationName: { headers: ['location_name'] },
    payerId: { headers: ['payer_id'] },
    payerName: { headers: ['payer_name'] },
    payerClass: { headers: ['payer_class'], kind: 'payer-class' },
    procedureCode: { headers: ['procedure_code'], required: true },
    modifiers: { headers: ['modifiers'], kind: 'list', separator: ';' },
    units: { headers: ['units'], kind: 'number' },
    chargeCents: { headers: ['charge_amount'], kind: 'money', required: true },
    diagnosisCodes: { headers: ['diagnosis_codes'], kind: 'list', separator: ';' },
    placeOfService: { headers: ['place_of_service'] },
  },
  records: [{ type: 'charge' }],
  key: ['key'],
};
