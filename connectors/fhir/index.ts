/**
 * The FHIR R4 connector's public face: `importFhirSources` for a set of files whose references
 * point at each other (a Synthea run, a bulk $export folder), `importFhirSource` for one file (the
 * importer `connectors/index.ts` dispatches to). See import.ts for the accounting, claims.ts and
 * remittance.ts for how Claim and ExplanationOfBenefit amounts become records.
 */
export { importFhirSource, importFhirSources, type FhirImportOptions } from './import';
export { DEFAULT_MAX_JSON_BYTES } from './read';
export { DEFAULT_MAX_LINE_CHARS } from './lines';
