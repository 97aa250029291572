/**
 * Codings read by their system: procedure codes (CPT, HCPCS, SNOMED CT, …), diagnoses (ICD-10-CM),
 * specialties (NUCC), payer classes from coverage type codes. A code from a system we do not know
 * is kept as it is, with its system URI as the system name.
 */
import { payerClassFromName, type PayerClass } from '../../core/model';
import type { CodeableConcept, Coding } from './schemas';

/** System URI → the short name records carry in `procedureCodeSystem`. */
const SYSTEM_NAMES: Readonly<Record<string, string>> = {
  'http://www.ama-assn.org/go/cpt': 'CPT',
  'urn:oid:2.16.840.1.113883.6.12': 'CPT',
  'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets': 'HCPCS',
  'http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets': 'HCPCS',
  'urn:oid:2.16.840.1.113883.6.285': 'HCPCS',
  'http://snomed.info/sct': 'SNOMED',
  'http://hl7.org/fhir/sid/icd-10-cm': 'ICD-10-CM',
  'http://hl7.org/fhir/sid/icd-10': 'ICD-10',
  'http://www.cms.gov/Medicare/Coding/ICD10': 'ICD-10-PCS',
  'http://hl7.org/fhir/sid/icd-9-cm': 'ICD-9-CM',
  'http://loinc.org': 'LOINC',
  'http://www.nlm.nih.gov/research/umls/rxnorm': 'RxNorm',
  'http://hl7.org/fhir/sid/cvx': 'CVX',
  'http://hl7.org/fhir/sid/ndc': 'NDC',
  'http://nucc.org/provider-taxonomy': 'NUCC',
  'https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set': 'POS',
  'https://x12.org/codes/claim-adjustment-reason-codes': 'CARC',
  'https://x12.org/codes/remittance-advice-remark-codes': 'RARC',
  'http://terminology.hl7.org/CodeSystem/ex-serviceplace': 'POS',
};

/** Procedure systems in the order a billing office prefers them when a line carries several. */
const PROCEDURE_PREFERENCE = ['CPT', 'HCPCS', 'SNOMED', 'LOINC', 'CVX', 'RxNorm', 'NDC', 'ICD-10-PCS'];

export const NPI_SYSTEM = 'http://hl7.org/fhir/sid/us-npi';

/** The short name of a code system, or the URI itself when we do not know it (`text` when there is none). */
export function systemName(system: string | undefined): string {
  if (system === undefined || system === '') return 'text';
  return SYSTEM_NAMES[system] ?? system;
}

export interface ReadCode {
  readonly code: string;
  readonly system: string;
  readonly display?: string | undefined;
}

/** The coding a biller would use: CPT first, then HCPCS, SNOMED, …; else any coded one; else the text. */
export function preferredCode(concept: CodeableConcept | undefined): ReadCode | undefined {
  if (concept === undefined) return undefined;
  const coded = (concept.coding ?? []).filter((c): c is Coding & { code: string } => typeof c.code === 'string' && c.code.trim() !== '');
  const rank = (c: Coding) => {
    const i = PROCEDURE_PREFERENCE.indexOf(systemName(c.system));
    return i === -1 ? PROCEDURE_PREFERENCE.length : i;
  };
  const best = [...coded].sort((a, b) => rank(a) - rank(b))[0];
  if (best !== undefined) return { code: best.code.trim(), system: systemName(best.system), display: best.display ?? concept.text };
  const text = concept.text?.trim();
  return text ? { code: text, system: 'text', display: text } : undefined;
}

/** The words of a concept: its text, else the first coding's display, else its code. */
export function conceptLabel(concept: CodeableConcept | undefined): string | undefined {
  if (concept === undefined) return undefined;
  const text = concept.text?.trim();
  if (text) return text;
  for (const c of concept.coding ?? []) {
    const d = c.display?.trim() || c.code?.trim();
    if (d) return d;
  }
  return undefined;
}

/** Encounter.class codes (v3 ActCode) in the words practice managers use. */
const ENCOUNTER_CLASSES: Readonly<Record<string, string>> = {
  AMB: 'ambulatory',
  EMER: 'emergency',
  IMP: 'inpatient',
  ACUTE: 'inpatient',
  NONAC: 'inpatient',
  OBSENC: 'observation',
  PRENC: 'pre-admission',
  SS: 'short stay',
  HH: 'home health',
  FLD: 'field',
  VR: 'virtual',
};

export function encounterClassName(code: string | undefined): string | undefined {
  if (code === undefined || code.trim() === '') return undefined;
  return ENCOUNTER_CLASSES[code.trim().toUpperCase()] ?? code.trim();
}

/**
 * A payer class from coverage or organisation type codings: Source of Payment Typology (PHDSC/NAHDO),
 * X12 claim filing indicator codes, HL7 coverage and ActCode policy types. Falls back to the payer's
 * name (`payerClassFromName`), the rule every connector shares.
 */
export function payerClassFromCoding(concepts: readonly (CodeableConcept | undefined)[], payerName: string | undefined): PayerClass {
  for (const concept of concepts) {
    for (const c of concept?.coding ?? []) {
      const code = c.code?.trim().toUpperCase();
      if (!code) continue;
      const system = c.system ?? '';
      if (/sopt|2\.16\.840\.1\.113883\.3\.221\.5/i.test(system)) {
        if (code.startsWith('95')) return 'workers_comp';
        const first = code[0];
        if (first === '1') return 'medicare';
        if (first === '2') return 'medicaid';
        if (first === '5' || first === '6' || first === '7') return 'commercial';
        if (first === '8') return 'self_pay';
        if (first === '3' || first === '4' || first === '9') return 'other';
      }
      if (/claim-filing|x12/i.test(system)) {
        if (code === 'MA' || code === 'MB' || code === '16') return 'medicare';
        if (code === 'MC') return 'medicaid';
        if (code === 'WC') return 'workers_comp';
        if (code === '09') return 'self_pay';
        if (code === 'CH' || code === 'VA' || code === 'OF' || code === 'TV') return 'other';
        if (['CI', 'BL', 'HM', '12', '13', '14', '15', '17', 'AM', 'DS', 'LM', 'ZZ'].includes(code)) return 'commercial';
      }
      if (/coverage-selfpay/i.test(system) && code === 'PAY') return 'self_pay';
      if (/v3-ActCode/i.test(system)) {
        if (code === 'WCBPOL') return 'workers_comp';
        if (['HIP', 'PPO', 'HMO', 'POS', 'MCPOL', 'EHCPOL', 'HSAPOL'].includes(code)) return 'commercial';
      }
    }
  }
  const fromText = concepts.map((c) => c?.text ?? c?.coding?.[0]?.display).find((t) => t !== undefined && /medicare|medicaid|self[\s-]*pay/i.test(t));
  return payerClassFromName(payerName ?? fromText);
}
