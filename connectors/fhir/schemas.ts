/**
 * zod schemas of the FHIR R4 fields this connector reads, and only those: unknown fields and
 * extensions are dropped, so an EHR's additions never make a resource invalid. A field we read
 * with the wrong JSON type does.
 */
import { z } from 'zod';

export const Coding = z.object({
  system: z.string().optional(),
  code: z.string().optional(),
  display: z.string().optional(),
});
export type Coding = z.infer<typeof Coding>;

export const CodeableConcept = z.object({
  coding: z.array(Coding).optional(),
  text: z.string().optional(),
});
export type CodeableConcept = z.infer<typeof CodeableConcept>;

export const FhirIdentifier = z.object({
  system: z.string().optional(),
  value: z.string().optional(),
  type: CodeableConcept.optional(),
});
export type FhirIdentifier = z.infer<typeof FhirIdentifier>;

export const Reference = z.object({
  reference: z.string().optional(),
  type: z.string().optional(),
  identifier: FhirIdentifier.optional(),
  display: z.string().optional(),
});
export type Reference = z.infer<typeof Reference>;

export const Period = z.object({ start: z.string().optional(), end: z.string().optional() });
export const Money = z.object({ value: z.number().optional(), currency: z.string().optional() });
export type Money = z.infer<typeof Money>;
const Quantity = z.object({ value: z.number().optional() });

/** Resource ids are text of 1–64 characters (FHIR `id`); some exports use longer ones, which we accept. */
const Id = z.string().min(1);
const contained = z.array(z.unknown()).optional();

export const HumanName = z.object({
  text: z.string().optional(),
  family: z.string().optional(),
  given: z.array(z.string()).optional(),
  prefix: z.array(z.string()).optional(),
  suffix: z.array(z.string()).optional(),
  use: z.string().optional(),
});

export const Encounter = z.object({
  resourceType: z.literal('Encounter'),
  id: Id,
  status: z.string().optional(),
  class: Coding.optional(),
  type: z.array(CodeableConcept).optional(),
  serviceType: CodeableConcept.optional(),
  subject: Reference.optional(),
  participant: z.array(z.object({ type: z.array(CodeableConcept).optional(), individual: Reference.optional() })).optional(),
  period: Period.optional(),
  location: z.array(z.object({ location: Reference })).optional(),
  serviceProvider: Reference.optional(),
  contained,
});
export type Encounter = z.infer<typeof Encounter>;

const CareTeam = z.array(z.object({ sequence: z.number().optional(), provider: Reference.optional(), role: CodeableConcept.optional() })).optional();
const Diagnosis = z
  .array(z.object({ sequence: z.number().optional(), diagnosisCodeableConcept: CodeableConcept.optional(), diagnosisReference: Reference.optional() }))
  .optional();
const Insurance = z.array(z.object({ sequence: z.number().optional(), focal: z.boolean().optional(), coverage: Reference.optional() })).optional();

const ItemCommon = {
  sequence: z.number().optional(),
  productOrService: CodeableConcept.optional(),
  modifier: z.array(CodeableConcept).optional(),
  quantity: Quantity.optional(),
  unitPrice: Money.optional(),
  net: Money.optional(),
  servicedDate: z.string().optional(),
  servicedPeriod: Period.optional(),
  locationCodeableConcept: CodeableConcept.optional(),
  locationReference: Reference.optional(),
  encounter: z.array(Reference).optional(),
  careTeamSequence: z.array(z.number()).optional(),
  diagnosisSequence: z.array(z.number()).optional(),
};

export const Claim = z.object({
  resourceType: z.literal('Claim'),
  id: Id,
  status: z.string().optional(),
  use: z.string().optional(),
  type: CodeableConcept.optional(),
  patient: Reference.optional(),
  billablePeriod: Period.optional(),
  created: z.string().optional(),
  provider: Reference.optional(),
  facility: Reference.optional(),
  careTeam: CareTeam,
  diagnosis: Diagnosis,
  insurance: Insurance,
  item: z.array(z.object(ItemCommon)).optional(),
  total: Money.optional(),
  contained,
});
export type Claim = z.infer<typeof Claim>;
export type ClaimItem = NonNullable<Claim['item']>[number];

export const Adjudication = z.object({
  category: CodeableConcept,
  reason: CodeableConcept.optional(),
  amount: Money.optional(),
  value: z.number().optional(),
});
export type Adjudication = z.infer<typeof Adjudication>;

export const ExplanationOfBenefit = z.object({
  resourceType: z.literal('ExplanationOfBenefit'),
  id: Id,
  status: z.string().optional(),
  outcome: z.string().optional(),
  use: z.string().optional(),
  identifier: z.array(FhirIdentifier).optional(),
  patient: Reference.optional(),
  billablePeriod: Period.optional(),
  created: z.string().optional(),
  insurer: Reference.optional(),
  provider: Reference.optional(),
  facility: Reference.optional(),
  claim: Reference.optional(),
  careTeam: CareTeam,
  insurance: Insurance,
  item: z.array(z.object({ ...ItemCommon, adjudication: z.array(Adjudication).optional() })).optional(),
  adjudication: z.array(Adjudication).optional(),
  total: z.array(z.object({ category: CodeableConcept, amount: Money })).optional(),
  payment: z
    .object({ type: CodeableConcept.optional(), date: z.string().optional(), amount: Money.optional(), identifier: FhirIdentifier.optional() })
    .optional(),
  contained,
});
export type ExplanationOfBenefit = z.infer<typeof ExplanationOfBenefit>;
export type EobItem = NonNullable<ExplanationOfBenefit['item']>[number];

export const Appointment = z.object({
  resourceType: z.literal('Appointment'),
  id: Id,
  status: z.string(),
  appointmentType: CodeableConcept.optional(),
  serviceType: z.array(CodeableConcept).optional(),
  start: z.string().optional(),
  created: z.string().optional(),
  participant: z.array(z.object({ actor: Reference.optional(), status: z.string().optional() })).optional(),
  contained,
});
export type Appointment = z.infer<typeof Appointment>;

export const Practitioner = z.object({
  resourceType: z.literal('Practitioner'),
  id: Id,
  identifier: z.array(FhirIdentifier).optional(),
  name: z.array(HumanName).optional(),
});
export type Practitioner = z.infer<typeof Practitioner>;

export const PractitionerRole = z.object({
  resourceType: z.literal('PractitionerRole'),
  id: Id,
  identifier: z.array(FhirIdentifier).optional(),
  practitioner: Reference.optional(),
  organization: Reference.optional(),
  location: z.array(Reference).optional(),
  specialty: z.array(CodeableConcept).optional(),
  code: z.array(CodeableConcept).optional(),
});
export type PractitionerRole = z.infer<typeof PractitionerRole>;

export const Organization = z.object({
  resourceType: z.literal('Organization'),
  id: Id,
  identifier: z.array(FhirIdentifier).optional(),
  name: z.string().optional(),
  type: z.array(CodeableConcept).optional(),
});
export type Organization = z.infer<typeof Organization>;

export const Location = z.object({
  resourceType: z.literal('Location'),
  id: Id,
  identifier: z.array(FhirIdentifier).optional(),
  name: z.string().optional(),
});
export type Location = z.infer<typeof Location>;

/** Contained Coverage resources (Synthea's EOBs) may lack an id outside their container: it is required anyway by FHIR. */
export const Coverage = z.object({
  resourceType: z.literal('Coverage'),
  id: Id,
  identifier: z.array(FhirIdentifier).optional(),
  type: CodeableConcept.optional(),
  payor: z.array(Reference).optional(),
});
export type Coverage = z.infer<typeof Coverage>;

/** Patient: only the id and identifiers are read, to make a pseudonymous key. Names, addresses and birth dates are never read. */
export const Patient = z.object({
  resourceType: z.literal('Patient'),
  id: Id,
  identifier: z.array(FhirIdentifier).optional(),
});
export type Patient = z.infer<typeof Patient>;

/** Conditions: the code, for claim diagnoses given by reference. */
export const Condition = z.object({
  resourceType: z.literal('Condition'),
  id: Id,
  code: CodeableConcept.optional(),
});
export type Condition = z.infer<typeof Condition>;

/** The resource types this connector reads; every other type is counted and skipped. */
export const schemas = {
  Encounter,
  Claim,
  ExplanationOfBenefit,
  Appointment,
  Practitioner,
  PractitionerRole,
  Organization,
  Location,
  Coverage,
  Patient,
  Condition,
} as const;
export type UsedType = keyof typeof schemas;

export function isUsedType(type: string): type is UsedType {
  return Object.prototype.hasOwnProperty.call(schemas, type);
}
