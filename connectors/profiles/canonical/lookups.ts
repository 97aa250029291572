/** Canonical lookup files: providers.csv, payers.csv, locations.csv. */
import type { MappingProfileInput } from '../schema';

export const canonicalProviders: MappingProfileInput = {
  id: 'canonical-providers',
  label: 'Practice Workbench providers (providers.csv)',
  recognise: { headers: ['provider_id', 'name', 'npi'], fileNames: ['providers'] },
  inputs: {
    providerId: { headers: ['provider_id'], required: true },
    name: { headers: ['name'] },
    npi: { headers: ['npi'], kind: 'npi' },
    specialty: { headers: ['specialty'] },
  },
  records: [{ type: 'provider' }],
  key: ['providerId'],
};

export const canonicalPayers: MappingProfileInput = {
  id: 'canonical-payers',
  label: 'Practice Workbench payers (payers.csv)',
  recognise: { headers: ['payer_id', 'name', 'payer_class'], fileNames: ['payers'] },
  inputs: {
    payerId: { headers: ['payer_id'], required: true },
    name: { headers: ['name'], required: true },
    payerClass: { headers: ['payer_class'], kind: 'payer-class', required: true },
  },
  records: [{ type: 'payer' }],
  key: ['payerId'],
};

export const canonicalLocations: MappingProfileInput = {
  id: 'canonical-locations',
  label: 'Practice Workbench locations (locations.csv)',
  recognise: { headers: ['location_id', 'name'], fileNames: ['locations'] },
  inputs: {
    locationId: { headers: ['location_id'], required: true },
    name: { headers: ['name'], required: true },
  },
  records: [{ type: 'location' }],
  key: ['locationId'],
};
