/** Synthea claims.csv (claim headers) and encounters.csv (visits). */
import type { MappingProfileInput } from '../schema';
import { SYNTHEA_PATIENT } from './claims-transactions';

export const syntheaClaims: MappingProfileInput = {
  id: 'synthea-claims',
  label: 'Synthea claims (claims.csv)',
  recognise: { headers: ['Id', 'PATIENTID', 'PRIMARYPATIENTINSURANCEID', 'SERVICEDATE'], fileNames: ['claims\\.'] },
  locale: { decimalSeparator: '.', dateOrder: 'MDY' },
  inputs: {
    claimId: { headers: ['Id'], required: true },
    patientKey: { headers: ['PATIENTID'], kind: 'patient', namespace: SYNTHEA_PATIENT },
    renderingProviderId: { headers: ['PROVIDERID'] },
    payerId: { headers: ['PRIMARYPATIENTINSURANCEID'] },
    secondaryPayerId: { headers: ['SECONDARYPATIENTINSURANCEID'] },
    diagnosisCodes: { headers: ['DIAGNOSIS1', 'DIAGNOSIS2', 'DIAGNOSIS3', 'DIAGNOSIS4', 'DIAGNOSIS5', 'DIAGNOSIS6', 'DIAGNOSIS7', 'DIAGNOSIS8'], kind: 'list' },
    encounterId: { headers: ['APPOINTMENTID'] },
    serviceDate: { headers: ['SERVICEDATE'], kind: 'date', required: true },
    status: { headers: ['STATUS1'] },
  },
  records: [{ type: 'claim' }],
  key: ['claimId'],
};

export const syntheaEncounters: MappingProfileInput = {
  id: 'synthea-encounters',
  label: 'Synthea encounters (encounters.csv)',
  recognise: { headers: ['Id', 'START', 'PATIENT', 'ENCOUNTERCLASS'], fileNames: ['encounters'] },
  locale: { decimalSeparator: '.', dateOrder: 'MDY' },
  inputs: {
    encounterId: { headers: ['Id'], required: true },
    date: { headers: ['START'], kind: 'date', required: true },
    patientKey: { headers: ['PATIENT'], kind: 'patient', namespace: SYNTHEA_PATIENT },
    locationId: { headers: ['ORGANIZATION'] },
    renderingProviderId: { headers: ['PROVIDER'] },
    payerId: { headers: ['PAYER'] },
    encounterClass: { headers: ['ENCOUNTERCLASS'] },
    visitType: { headers: ['DESCRIPTION'] },
  },
  records: [{ type: 'encounter' }],
  key: ['encounterId'],
};
