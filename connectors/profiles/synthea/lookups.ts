/** Synthea lookups: payers, providers (clinicians), organizations (locations). */
import type { MappingProfileInput } from '../schema';

export const syntheaPayers: MappingProfileInput = {
  id: 'synthea-payers',
  label: 'Synthea payers (payers.csv)',
  recognise: { headers: ['Id', 'NAME', 'AMOUNT_COVERED'], fileNames: ['payers'] },
  inputs: {
    payerId: { headers: ['Id'], required: true },
    name: { headers: ['NAME'], required: true },
    // Synthea's own payer names; others are classed by name.
    payerClass: { headers: ['NAME'], kind: 'payer-class', values: { no_insurance: 'self_pay', 'dual eligible': 'medicare' } },
  },
  records: [{ type: 'payer' }],
  key: ['payerId'],
};

export const syntheaProviders: MappingProfileInput = {
  id: 'synthea-providers',
  label: 'Synthea providers (providers.csv)',
  recognise: { headers: ['Id', 'ORGANIZATION', 'NAME', 'SPECIALITY'], fileNames: ['providers'] },
  inputs: {
    providerId: { headers: ['Id'], required: true },
    name: { headers: ['NAME'] },
    specialty: { headers: ['SPECIALITY', 'SPECIALTY'] },
  },
  records: [{ type: 'provider' }],
  key: ['providerId'],
};

export const syntheaOrganizations: MappingProfileInput = {
  id: 'synthea-organizations',
  label: 'Synthea organizations (organizations.csv)',
  recognise: { headers: ['Id', 'NAME', 'REVENUE', 'UTILIZATION'], fileNames: ['organizations'] },
  inputs: {
    locationId: { headers: ['Id'], required: true },
    name: { headers: ['NAME'], required: true },
  },
  records: [{ type: 'location' }],
  key: ['locationId'],
};
