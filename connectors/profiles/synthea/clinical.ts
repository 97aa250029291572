/**
 * Synthea patients, payer_transitions, procedures and conditions. patients.csv holds names, SSNs,
 * addresses: only the pseudonymous key, birth year and sex are inputs, so nothing else can reach a
 * record.
 */
import type { MappingProfileInput } from '../schema';
import { SYNTHEA_PATIENT } from './claims-transactions';

export const syntheaPatients: MappingProfileInput = {
  id: 'synthea-patients',
  label: 'Synthea patients (patients.csv)',
  recognise: { headers: ['Id', 'BIRTHDATE', 'GENDER'], fileNames: ['patients'] },
  locale: { decimalSeparator: '.', dateOrder: 'MDY' },
  inputs: {
    patientKey: { headers: ['Id'], kind: 'patient', namespace: SYNTHEA_PATIENT, required: true },
    birthYear: { headers: ['BIRTHDATE'], kind: 'year' },
    sex: { headers: ['GENDER'] },
  },
  records: [{ type: 'patient' }],
  key: [],
  keyPrefix: 'patients:',
};

export const syntheaPayerTransitions: MappingProfileInput = {
  id: 'synthea-payer-transitions',
  label: 'Synthea coverage periods (payer_transitions.csv)',
  recognise: { headers: ['PATIENT', 'START_DATE', 'END_DATE', 'PAYER'], fileNames: ['payer_transitions'] },
  locale: { decimalSeparator: '.', dateOrder: 'MDY' },
  inputs: {
    patientKey: { headers: ['PATIENT'], kind: 'patient', namespace: SYNTHEA_PATIENT, required: true },
    payerId: { headers: ['PAYER'], required: true },
    secondaryPayerId: { headers: ['SECONDARY_PAYER'] },
    startDate: { headers: ['START_DATE'], kind: 'date', required: true },
    endDate: { headers: ['END_DATE'], kind: 'date' },
  },
  records: [{ type: 'coverage' }],
  key: [],
  keyPrefix: 'payer_transitions:',
};

export const syntheaProcedures: MappingProfileInput = {
  id: 'synthea-procedures',
  label: 'Synthea procedures (procedures.csv)',
  recognise: { headers: ['START', 'STOP', 'PATIENT', 'ENCOUNTER', 'CODE', 'DESCRIPTION', 'BASE_COST'], fileNames: ['procedures'] },
  locale: { decimalSeparator: '.', dateOrder: 'MDY' },
  inputs: {
    date: { headers: ['START', 'DATE'], kind: 'date', required: true },
    endDate: { headers: ['STOP'], kind: 'date' },
    patientKey: { headers: ['PATIENT'], kind: 'patient', namespace: SYNTHEA_PATIENT },
    encounterId: { headers: ['ENCOUNTER'] },
    code: { headers: ['CODE'], required: true },
    description: { headers: ['DESCRIPTION'] },
    baseCostCents: { headers: ['BASE_COST'], kind: 'money' },
  },
  records: [{ type: 'clinical-procedure', set: { codeSystem: 'SNOMED' } }],
  key: [],
  keyPrefix: 'procedures:',
};

export const syntheaConditions: MappingProfileInput = {
  id: 'synthea-conditions',
  label: 'Synthea conditions (conditions.csv)',
  recognise: { headers: ['START', 'STOP', 'PATIENT', 'ENCOUNTER', 'CODE', 'DESCRIPTION'], fileNames: ['conditions'] },
  locale: { decimalSeparator: '.', dateOrder: 'MDY' },
  inputs: {
    date: { headers: ['START'], kind: 'date', required: true },
    endDate: { headers: ['STOP'], kind: 'date' },
    patientKey: { headers: ['PATIENT'], kind: 'patient', namespace: SYNTHEA_PATIENT },
    encounterId: { headers: ['ENCOUNTER'] },
    code: { headers: ['CODE'], required: true },
    description: { headers: ['DESCRIPTION'] },
  },
  records: [{ type: 'condition', set: { codeSystem: 'SNOMED' } }],
  key: [],
  keyPrefix: 'conditions:',
};
