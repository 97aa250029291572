export { canonicalAppointments } from './appointments';
export { canonicalCharges, PRACTICE_ACCOUNT } from './charges';
export { canonicalEncounters } from './encounters';
export { canonicalLocations, canonicalPayers, canonicalProviders } from './lookups';
export { canonicalTransactions } from './transactions';
