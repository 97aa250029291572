/**
 * The demo practice as data: providers, locations, payers with their contracts, the procedure and
 * diagnosis catalogue, and the charge master. Everything here is fictional. Other writers (835, 837P,
 * fee schedules, general ledger) read these types; the simulation (generate.ts) reads them too.
 */
import type { Cents } from '../../core/money';
import { roundCents } from '../../core/money';
import type { PayerClass } from '../../core/model';
import type { CalendarDate } from '../../core/period';
import { Random } from './random';

// ---------------------------------------------------------------------------------------------
// Procedures: the charge master and the Medicare-like base allowed amounts.

export type ProcedureCategory =
  | 'em_new'
  | 'em_established'
  | 'preventive_new'
  | 'preventive_established'
  | 'wellness_medicare'
  | 'add_on'
  | 'counseling'
  | 'lab'
  | 'vaccine'
  | 'vaccine_admin'
  | 'diagnostic'
  | 'procedure';

export interface ProcedureDef {
  readonly code: string;
  readonly description: string;
  readonly category: ProcedureCategory;
  /** The practice's billed charge per unit (its charge master), set above every contract. */
  readonly chargeCents: Cents;
}

/** The practice's charge master: every code the demo bills, with its billed charge per unit. */
export const PROCEDURES: readonly ProcedureDef[] = [
  { code: '99202', description: 'Office visit, new patient, straightforward', category: 'em_new', chargeCents: 15000 },
  { code: '99203', description: 'Office visit, new patient, low complexity', category: 'em_new', chargeCents: 23000 },
  { code: '99204', description: 'Office visit, new patient, moderate complexity', category: 'em_new', chargeCents: 34000 },
  { code: '99205', description: 'Office visit, new patient, high complexity', category: 'em_new', chargeCents: 44000 },
  { code: '99211', description: 'Office visit, established patient, minimal', category: 'em_established', chargeCents: 5500 },
  { code: '99212', description: 'Office visit, established patient, straightforward', category: 'em_established', chargeCents: 12000 },
  { code: '99213', description: 'Office visit, established patient, low complexity', category: 'em_established', chargeCents: 19000 },
  { code: '99214', description: 'Office visit, established patient, moderate complexity', category: 'em_established', chargeCents: 27000 },
  { code: '99215', description: 'Office visit, established patient, high complexity', category: 'em_established', chargeCents: 37000 },
  { code: '99381', description: 'Preventive visit, new patient, under 1 year', category: 'preventive_new', chargeCents: 26000 },
  { code: '99382', description: 'Preventive visit, new patient, 1-4 years', category: 'preventive_new', chargeCents: 27000 },
  { code: '99383', description: 'Preventive visit, new patient, 5-11 years', category: 'preventive_new', chargeCents: 28000 },
  { code: '99384', description: 'Preventive visit, new patient, 12-17 years', category: 'preventive_new', chargeCents: 30000 },
  { code: '99385', description: 'Preventive visit, new patient, 18-39 years', category: 'preventive_new', chargeCents: 30000 },
  { code: '99386', description: 'Preventive visit, new patient, 40-64 years', category: 'preventive_new', chargeCents: 34000 },
  { code: '99387', description: 'Preventive visit, new patient, 65 years and over', category: 'preventive_new', chargeCents: 37000 },
  { code: '99391', description: 'Preventive visit, established patient, under 1 year', category: 'preventive_established', chargeCents: 23000 },
  { code: '99392', description: 'Preventive visit, established patient, 1-4 years', category: 'preventive_established', chargeCents: 24500 },
  { code: '99393', description: 'Preventive visit, established patient, 5-11 years', category: 'preventive_established', chargeCents: 24500 },
  { code: '99394', description: 'Preventive visit, established patient, 12-17 years', category: 'preventive_established', chargeCents: 26000 },
  { code: '99395', description: 'Preventive visit, established patient, 18-39 years', category: 'preventive_established', chargeCents: 26500 },
  { code: '99396', description: 'Preventive visit, established patient, 40-64 years', category: 'preventive_established', chargeCents: 28500 },
  { code: '99397', description: 'Preventive visit, established patient, 65 years and over', category: 'preventive_established', chargeCents: 30500 },
  { code: 'G0439', description: 'Annual wellness visit, subsequent', category: 'wellness_medicare', chargeCents: 27500 },
  { code: 'G2211', description: 'Visit complexity add-on (longitudinal care)', category: 'add_on', chargeCents: 4000 },
  { code: '99401', description: 'Preventive counseling, about 15 minutes', category: 'counseling', chargeCents: 7500 },
  { code: '96127', description: 'Brief emotional/behavioral assessment, per instrument', category: 'counseling', chargeCents: 2500 },
  { code: '36415', description: 'Routine venipuncture', category: 'lab', chargeCents: 2000 },
  { code: '81002', description: 'Urinalysis, non-automated, without microscopy', category: 'lab', chargeCents: 2200 },
  { code: '85025', description: 'Complete blood count with automated differential', category: 'lab', chargeCents: 3800 },
  { code: '80053', description: 'Comprehensive metabolic panel', category: 'lab', chargeCents: 5200 },
  { code: '83036', description: 'Hemoglobin A1c', category: 'lab', chargeCents: 4800 },
  { code: '87880', description: 'Rapid strep test (immunoassay)', category: 'lab', chargeCents: 4200 },
  { code: '90471', description: 'Immunization administration, first vaccine', category: 'vaccine_admin', chargeCents: 4500 },
  { code: '90686', description: 'Influenza vaccine, quadrivalent, preservative free, 0.5 mL', category: 'vaccine', chargeCents: 5500 },
  { code: '93000', description: 'Electrocardiogram with interpretation and report', category: 'diagnostic', chargeCents: 8500 },
  { code: '69210', description: 'Removal of impacted cerumen, one ear', category: 'procedure', chargeCents: 13000 },
  { code: '17110', description: 'Destruction of benign lesions (warts), up to 14', category: 'procedure', chargeCents: 24000 },
  { code: '11102', description: 'Tangential biopsy of skin, single lesion', category: 'procedure', chargeCents: 22000 },
];

/**
 * The one place where the Medicare-like base allowed amount per code (non-facility, per unit) lives.
 * Contracts are expressed as a percentage of these. Approximate national figures, rounded; the
 * contracts work will replace them with CMS RVU pricing.
 */
export const BASE_ALLOWED_CENTS: Readonly<Record<string, Cents>> = {
  '99202': 7000, '99203': 10800, '99204': 16200, '99205': 21300,
  '99211': 2300, '99212': 5500, '99213': 8900, '99214': 12600, '99215': 17800,
  '99381': 12100, '99382': 12700, '99383': 13100, '99384': 14500, '99385': 13900, '99386': 16200, '99387': 17500,
  '99391': 10800, '99392': 11500, '99393': 11400, '99394': 12300, '99395': 12600, '99396': 13400, '99397': 14400,
  G0439: 13100, G2211: 1600, '99401': 3300, '96127': 450,
  '36415': 300, '81002': 350, '85025': 777, '80053': 1056, '83036': 971, '87880': 1600,
  '90471': 1650, '90686': 2050, '93000': 1650, '69210': 4500, '17110': 10300, '11102': 9500,
};

const procedureByCode = new Map(PROCEDURES.map((p) => [p.code, p]));

/** The charge-master entry of a code; throws for a code the demo does not bill (a programmer mistake). */
export function procedure(code: string): ProcedureDef {
  const p = procedureByCode.get(code);
  if (p === undefined) throw new RangeError(`no such demo procedure: ${code}`);
  return p;
}

// ---------------------------------------------------------------------------------------------
// Diagnoses (ICD-10-CM).

export interface DiagnosisDef {
  readonly code: string;
  readonly description: string;
}

export const DIAGNOSES: readonly DiagnosisDef[] = [
  { code: 'I10', description: 'Essential (primary) hypertension' },
  { code: 'E11.9', description: 'Type 2 diabetes mellitus without complications' },
  { code: 'E78.5', description: 'Hyperlipidemia, unspecified' },
  { code: 'E66.9', description: 'Obesity, unspecified' },
  { code: 'F41.1', description: 'Generalized anxiety disorder' },
  { code: 'K21.9', description: 'Gastro-esophageal reflux disease without esophagitis' },
  { code: 'J45.909', description: 'Unspecified asthma, uncomplicated' },
  { code: 'Z00.00', description: 'General adult medical examination without abnormal findings' },
  { code: 'Z00.01', description: 'General adult medical examination with abnormal findings' },
  { code: 'Z00.129', description: 'Routine child health examination without abnormal findings' },
  { code: 'Z00.121', description: 'Routine child health examination with abnormal findings' },
  { code: 'Z23', description: 'Encounter for immunization' },
  { code: 'J06.9', description: 'Acute upper respiratory infection, unspecified' },
  { code: 'J02.9', description: 'Acute pharyngitis, unspecified' },
  { code: 'J20.9', description: 'Acute bronchitis, unspecified' },
  { code: 'R05.9', description: 'Cough, unspecified' },
  { code: 'M54.50', description: 'Low back pain, unspecified' },
  { code: 'N39.0', description: 'Urinary tract infection, site not specified' },
  { code: 'H61.23', description: 'Impacted cerumen, bilateral' },
  { code: 'B07.9', description: 'Viral wart, unspecified' },
  { code: 'D48.5', description: 'Neoplasm of uncertain behavior of skin' },
  { code: 'R51.9', description: 'Headache, unspecified' },
];

// ---------------------------------------------------------------------------------------------
// Denial and adjustment reasons.

/** CAS claim adjustment group codes. */
export type AdjustmentGroup = 'CO' | 'PR' | 'OA' | 'PI' | 'CR';

export interface DenialReasonDef {
  readonly group: AdjustmentGroup;
  readonly carc: string;
  readonly description: string;
  /** A whole-claim denial, or one line (bundling, medical necessity, modifier). */
  readonly level: 'claim' | 'line';
  /** Share of these denials the practice overturns (corrected claim or appeal). */
  readonly recoveryRate: number;
}

/** The denial reasons the demo payers use, by CARC. */
export const DENIAL_REASONS: Readonly<Record<string, DenialReasonDef>> = {
  '16': { group: 'CO', carc: '16', description: 'Claim lacks information or has billing errors', level: 'claim', recoveryRate: 0.85 },
  '4': { group: 'CO', carc: '4', description: 'Procedure code inconsistent with the modifier, or modifier missing', level: 'line', recoveryRate: 0.7 },
  '97': { group: 'CO', carc: '97', description: 'Benefit included in another service already adjudicated', level: 'line', recoveryRate: 0.2 },
  '50': { group: 'CO', carc: '50', description: 'Not deemed a medical necessity by the payer', level: 'line', recoveryRate: 0.4 },
  '29': { group: 'CO', carc: '29', description: 'The time limit for filing has expired', level: 'claim', recoveryRate: 0.1 },
  '197': { group: 'CO', carc: '197', description: 'Precertification/authorization absent', level: 'claim', recoveryRate: 0.3 },
  '27': { group: 'CO', carc: '27', description: 'Expenses incurred after coverage terminated', level: 'claim', recoveryRate: 0.5 },
};

/** Adjustment codes that are not denials: contractual, cost sharing, sequestration, and the practice's own codes. */
export const ADJUSTMENT_CODES = {
  contractual: { group: 'CO', carc: '45', description: 'Charge exceeds fee schedule/maximum allowable' },
  sequestration: { group: 'CO', carc: '253', description: 'Sequestration: reduction of federal payment' },
  deductible: { group: 'PR', carc: '1', description: 'Deductible amount' },
  coinsurance: { group: 'PR', carc: '2', description: 'Coinsurance amount' },
  copay: { group: 'PR', carc: '3', description: 'Co-payment amount' },
  /** Practice adjustment codes (no CAS group): self-pay discount and bad debt sent to collections. */
  selfPayDiscount: { group: '', carc: 'SPD', description: 'Self-pay discount (practice code)' },
  badDebt: { group: '', carc: 'BD', description: 'Bad debt to collections (practice code)' },
} as const;

// ---------------------------------------------------------------------------------------------
// Payers and contracts.

/** Finer than the canonical payer class: Medicare Advantage reports as `medicare` but is a contract of its own. */
export type PlanKind = 'medicare' | 'medicare_advantage' | 'medicaid' | 'medicaid_managed' | 'commercial' | 'self_pay';

export interface Contract {
  /** Allowed amount as a percentage of BASE_ALLOWED_CENTS (100 = the Medicare-like base). */
  readonly percentOfBase: number;
  /** Per-code percentages that differ from the default (vaccines are often paid near cost). */
  readonly codePercent?: Readonly<Record<string, number>> | undefined;
}

/** How members of a plan share cost (applied to allowed amounts; preventive care has no cost share). */
export interface CostShare {
  /** Fixed copay on each problem-oriented office visit (E/M). */
  readonly copayCents: Cents;
  /** Annual deductible, for the members it applies to. */
  readonly deductibleCents: Cents;
  /** Share of members whose plan has the deductible (high-deductible plans); 1 for Medicare Part B. */
  readonly deductibleShare: number;
  /** Coinsurance after the deductible (0.2 = 20 %), for members with the deductible. */
  readonly coinsurance: number;
}

/**
 * A deliberate underpayment: from `from` onward the payer allows only `allowedFactor` × the contract
 * for `code`. The simulation records every affected line as truth for the contracts engine to find.
 */
export interface UnderpaymentRule {
  readonly code: string;
  readonly from: CalendarDate;
  readonly allowedFactor: number;
}

export interface PayerDef {
  readonly payerId: string;
  readonly name: string;
  readonly payerClass: PayerClass;
  readonly plan: PlanKind;
  readonly contract: Contract;
  readonly costShare: CostShare;
  /** Days from claim submission to payment (triangular: min, most likely, max). */
  readonly paymentLagDays: { readonly min: number; readonly mode: number; readonly max: number };
  /** The weekday (0 = Sunday) the payer releases its payment run. */
  readonly paymentWeekday: number;
  readonly paymentMethod: 'EFT' | 'check';
  /** Probability that a claim's first adjudication carries a denial. */
  readonly denialRate: number;
  /** Weights of denial CARCs (keys of DENIAL_REASONS). */
  readonly denialMix: Readonly<Record<string, number>>;
  readonly underpayments: readonly UnderpaymentRule[];
  /** Relative share of patients of each age band enrolled with this payer. */
  readonly enrollment: { readonly child: number; readonly adult: number; readonly senior: number };
}

const selfPayCostShare: CostShare = { copayCents: 0, deductibleCents: 0, deductibleShare: 0, coinsurance: 0 };

/** The demo payers: Medicare, Medicaid (fee-for-service and managed), three commercial plans, Medicare Advantage, self-pay. */
export const PAYERS: readonly PayerDef[] = [
  {
    payerId: '00901', name: 'Medicare Part B (Demo Jurisdiction)', payerClass: 'medicare', plan: 'medicare',
    contract: { percentOfBase: 100 },
    costShare: { copayCents: 0, deductibleCents: 25700, deductibleShare: 1, coinsurance: 0.2 },
    paymentLagDays: { min: 14, mode: 15, max: 24 }, paymentWeekday: 2, paymentMethod: 'EFT',
    denialRate: 0.06, denialMix: { '16': 4, '50': 3, '97': 3, '4': 2, '29': 1 },
    underpayments: [], enrollment: { child: 0, adult: 0.02, senior: 0.5 },
  },
  {
    payerId: '00902', name: 'State Medicaid Demo Program', payerClass: 'medicaid', plan: 'medicaid',
    contract: { percentOfBase: 72, codePercent: { '90686': 100, '90471': 85 } },
    costShare: { copayCents: 300, deductibleCents: 0, deductibleShare: 0, coinsurance: 0 },
    paymentLagDays: { min: 18, mode: 28, max: 55 }, paymentWeekday: 4, paymentMethod: 'EFT',
    denialRate: 0.12, denialMix: { '16': 5, '27': 3, '97': 2, '29': 2, '50': 1 },
    underpayments: [], enrollment: { child: 0.25, adult: 0.08, senior: 0.02 },
  },
  {
    payerId: '00903', name: 'CarePath Medicaid Health Plan', payerClass: 'medicaid', plan: 'medicaid_managed',
    contract: { percentOfBase: 78, codePercent: { '90686': 100 } },
    costShare: { copayCents: 0, deductibleCents: 0, deductibleShare: 0, coinsurance: 0 },
    paymentLagDays: { min: 15, mode: 30, max: 60 }, paymentWeekday: 3, paymentMethod: 'check',
    denialRate: 0.14, denialMix: { '16': 4, '197': 2, '27': 3, '97': 2, '4': 1 },
    underpayments: [{ code: '99392', from: '2025-03-01', allowedFactor: 0.88 }, { code: '99393', from: '2025-03-01', allowedFactor: 0.88 }],
    enrollment: { child: 0.17, adult: 0.08, senior: 0 },
  },
  {
    payerId: '00904', name: 'Brightway Health PPO', payerClass: 'commercial', plan: 'commercial',
    contract: { percentOfBase: 135, codePercent: { '90686': 110, '36415': 100 } },
    costShare: { copayCents: 3000, deductibleCents: 150000, deductibleShare: 0.3, coinsurance: 0.2 },
    paymentLagDays: { min: 8, mode: 16, max: 40 }, paymentWeekday: 5, paymentMethod: 'EFT',
    denialRate: 0.07, denialMix: { '16': 4, '197': 1, '97': 3, '4': 2, '50': 2 },
    underpayments: [{ code: '99214', from: '2025-07-01', allowedFactor: 0.92 }],
    enrollment: { child: 0.22, adult: 0.3, senior: 0.03 },
  },
  {
    payerId: '00905', name: 'Northwind Mutual Health', payerClass: 'commercial', plan: 'commercial',
    contract: { percentOfBase: 122 },
    costShare: { copayCents: 4000, deductibleCents: 200000, deductibleShare: 0.4, coinsurance: 0.2 },
    paymentLagDays: { min: 10, mode: 21, max: 45 }, paymentWeekday: 3, paymentMethod: 'EFT',
    denialRate: 0.09, denialMix: { '16': 3, '97': 3, '50': 3, '4': 1, '29': 1 },
    underpayments: [],
    enrollment: { child: 0.16, adult: 0.22, senior: 0.02 },
  },
  {
    payerId: '00906', name: 'Summit Trail Insurance Co.', payerClass: 'commercial', plan: 'commercial',
    contract: { percentOfBase: 145, codePercent: { '83036': 120, '80053': 120, '85025': 120 } },
    costShare: { copayCents: 2500, deductibleCents: 100000, deductibleShare: 0.2, coinsurance: 0.1 },
    paymentLagDays: { min: 7, mode: 14, max: 35 }, paymentWeekday: 1, paymentMethod: 'check',
    denialRate: 0.05, denialMix: { '16': 4, '4': 2, '97': 2, '197': 1 },
    underpayments: [{ code: '83036', from: '2025-01-01', allowedFactor: 0.8 }],
    enrollment: { child: 0.12, adult: 0.18, senior: 0.01 },
  },
  {
    payerId: '00907', name: 'Silverline Medicare Advantage', payerClass: 'medicare', plan: 'medicare_advantage',
    contract: { percentOfBase: 101 },
    costShare: { copayCents: 1000, deductibleCents: 0, deductibleShare: 0, coinsurance: 0 },
    paymentLagDays: { min: 10, mode: 22, max: 45 }, paymentWeekday: 4, paymentMethod: 'EFT',
    denialRate: 0.1, denialMix: { '16': 3, '197': 2, '50': 3, '97': 2, '4': 1 },
    underpayments: [{ code: '99213', from: '2026-01-01', allowedFactor: 0.95 }, { code: 'G2211', from: '2025-04-01', allowedFactor: 0.5 }],
    enrollment: { child: 0, adult: 0.01, senior: 0.42 },
  },
  {
    payerId: '00999', name: 'Self Pay', payerClass: 'self_pay', plan: 'self_pay',
    // The self-pay fee schedule: what a patient without insurance is asked to pay.
    contract: { percentOfBase: 115 },
    costShare: selfPayCostShare,
    paymentLagDays: { min: 0, mode: 0, max: 0 }, paymentWeekday: 0, paymentMethod: 'check',
    denialRate: 0, denialMix: {},
    underpayments: [], enrollment: { child: 0.08, adult: 0.12, senior: 0.02 },
  },
];

/** The contracted allowed amount for `units` of `code` under `payer`'s contract (before lesser-of with the charge). */
export function contractAllowedCents(payer: PayerDef, code: string, units = 1, base: Readonly<Record<string, Cents>> = BASE_ALLOWED_CENTS): Cents {
  const perUnit = base[code];
  if (perUnit === undefined) throw new RangeError(`no base allowed amount for ${code}`);
  const percent = payer.contract.codePercent?.[code] ?? payer.contract.percentOfBase;
  return roundCents((perUnit * percent * units) / 100);
}

/** The underpayment rule a payer applies to a code on a date, if any. */
export function underpaymentRule(payer: PayerDef, code: string, serviceDate: CalendarDate): UnderpaymentRule | undefined {
  return payer.underpayments.find((u) => u.code === code && serviceDate >= u.from);
}

// ---------------------------------------------------------------------------------------------
// Providers and locations.

export type Specialty = 'Family Medicine' | 'Internal Medicine' | 'Pediatrics' | 'Nurse Practitioner' | 'Physician Assistant';
export type Credential = 'MD' | 'DO' | 'NP' | 'PA-C';

export interface ProviderDef {
  readonly providerId: string;
  /** As the PM system shows it: "Dr. Avery Testwell" or "Riley Mockingford, NP". */
  readonly name: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly credential: Credential;
  readonly npi: string;
  readonly specialty: Specialty;
  readonly fte: number;
  /** Weekdays with clinic sessions (1 = Monday … 5 = Friday). */
  readonly clinicDays: readonly number[];
  /** Where the provider works on each clinic day. */
  readonly locationByWeekday: Readonly<Record<number, string>>;
  /** Appointment slots in one clinic day. */
  readonly slotsPerDay: number;
  /** Which patients the provider's panel holds. */
  readonly ages: readonly AgeBand[];
}

export type AgeBand = 'child' | 'adult' | 'senior';

export interface LocationDef {
  readonly locationId: string;
  readonly name: string;
  /** CMS place-of-service code for in-person visits (11 = office). */
  readonly placeOfService: string;
}

export interface BillingProvider {
  readonly billingProviderId: string;
  readonly name: string;
  /** Type 2 (organisation) NPI. */
  readonly npi: string;
  readonly taxId: string;
}

export interface Practice {
  readonly name: string;
  readonly billingProvider: BillingProvider;
  readonly providers: readonly ProviderDef[];
  readonly locations: readonly LocationDef[];
  readonly payers: readonly PayerDef[];
  readonly procedures: readonly ProcedureDef[];
  readonly diagnoses: readonly DiagnosisDef[];
}

/** Obviously fictional name parts: every provider name is built from these and nothing else. */
export const FICTIONAL_FIRST_NAMES = [
  'Avery', 'Jordan', 'Riley', 'Morgan', 'Casey', 'Quinn', 'Rowan', 'Skyler', 'Emerson', 'Harper',
  'Sage', 'Reese', 'Parker', 'Dakota', 'Finley', 'Marlow', 'Tatum', 'Ellis', 'Lennox', 'Sutton',
] as const;
export const FICTIONAL_LAST_NAMES = [
  'Testwell', 'Samplestone', 'Mockingford', 'Demoreaux', 'Placeholder', 'Fictionby', 'Stubbington', 'Fakesworth',
  'Examplar', 'Dummington', 'Pretendle', 'Notreal', 'Synthwick', 'Madeupson', 'Imaginari', 'Loremsby',
  'Ipsumford', 'Fixturely', 'Seedwell', 'Mockridge',
] as const;
const LOCATION_NAMES = ['Maple Hollow Main Clinic', 'Riverside Annex', 'Northgate Clinic', 'Cedar Point Clinic'] as const;

/**
 * The NPI check digit: Luhn over the prefix 80840 followed by the first nine digits.
 * (CMS: the prefix makes an NPI a valid ISO 7812 card-issuer number.)
 */
export function npiCheckDigit(firstNine: string): number {
  if (!/^\d{9}$/.test(firstNine)) throw new RangeError(`an NPI starts with nine digits: ${firstNine}`);
  const digits = `80840${firstNine}`;
  let sum = 0;
  // The check digit will sit to the right, so the rightmost payload digit is doubled.
  for (let i = digits.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = Number(digits[i]) * (double ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** True for ten digits whose last is the Luhn check digit of the first nine. */
export function isValidNpi(npi: string): boolean {
  return /^\d{10}$/.test(npi) && npiCheckDigit(npi.slice(0, 9)) === Number(npi[9]);
}

function makeNpi(random: Random, firstDigit: 1 | 2): string {
  const nine = `${firstDigit}${String(random.int(0, 99_999_999)).padStart(8, '0')}`;
  return `${nine}${npiCheckDigit(nine)}`;
}

export interface PracticeOptions {
  readonly seed: number;
  /** How many providers (the demo uses 8–15; the bench's large group uses more). */
  readonly providers: number;
  /** How many locations; by default 2–4 depending on the number of providers. */
  readonly locations?: number | undefined;
}

/** Builds the fictional practice for a seed: the same seed and options always give the same practice. */
export function buildPractice(options: PracticeOptions): Practice {
  const { seed, providers: count } = options;
  const maxNames = FICTIONAL_FIRST_NAMES.length * FICTIONAL_LAST_NAMES.length;
  if (!Number.isInteger(count) || count < 1 || count > maxNames) throw new RangeError(`providers must be 1..${maxNames}: ${count}`);
  const random = Random.derive(seed, 'practice');
  const locationCount = options.locations ?? (count <= 9 ? 2 : count <= 12 ? 3 : 4);
  const locations: LocationDef[] = Array.from({ length: locationCount }, (_, i) => ({
    locationId: `L${String(i + 1).padStart(2, '0')}`,
    name: LOCATION_NAMES[i] ?? `Satellite Clinic ${i + 1}`,
    placeOfService: '11',
  }));

  // Distinct name pairs: walk a shuffled list of all first × last combinations.
  const pairs = random.shuffle(
    FICTIONAL_LAST_NAMES.flatMap((last) => FICTIONAL_FIRST_NAMES.map((first) => [first, last] as const)),
  );
  const usedLast = new Set<string>();
  const chosen: (readonly [string, string])[] = [];
  // Prefer distinct last names while there are enough of them.
  for (const [first, last] of pairs) {
    if (chosen.length >= count) break;
    if (count <= FICTIONAL_LAST_NAMES.length && usedLast.has(last)) continue;
    usedLast.add(last);
    chosen.push([first, last]);
  }

  const npis = new Set<string>();
  const providers: ProviderDef[] = chosen.map(([firstName, lastName], i) => {
    const specialty = specialtyFor(i, random);
    const credential: Credential =
      specialty === 'Nurse Practitioner' ? 'NP' : specialty === 'Physician Assistant' ? 'PA-C' : random.chance(0.2) ? 'DO' : 'MD';
    const name = credential === 'NP' || credential === 'PA-C' ? `${firstName} ${lastName}, ${credential}` : `Dr. ${firstName} ${lastName}`;
    let npi = makeNpi(random, 1);
    while (npis.has(npi)) npi = makeNpi(random, 1);
    npis.add(npi);
    const fte = random.pick([1, 1, 1, 0.9, 0.8, 0.8, 0.6]);
    const dayCount = Math.max(2, Math.round(fte * 5));
    const clinicDays = random.shuffle([1, 2, 3, 4, 5]).slice(0, dayCount).sort((a, b) => a - b);
    const home = locations[i % locations.length] as LocationDef;
    const locationByWeekday: Record<number, string> = {};
    for (const d of clinicDays) {
      // Most providers cover a second site one day a week.
      locationByWeekday[d] = locations.length > 1 && d === clinicDays[clinicDays.length - 1] && random.chance(0.5)
        ? (locations[(i + 1) % locations.length] as LocationDef).locationId
        : home.locationId;
    }
    const ages: AgeBand[] =
      specialty === 'Pediatrics' ? ['child'] : specialty === 'Internal Medicine' ? ['adult', 'senior'] : ['child', 'adult', 'senior'];
    return {
      providerId: `PRV${String(i + 1).padStart(3, '0')}`,
      name,
      firstName,
      lastName,
      credential,
      npi,
      specialty,
      fte,
      clinicDays,
      locationByWeekday,
      slotsPerDay: credential === 'NP' || credential === 'PA-C' ? 10 : 12,
      ages,
    };
  });

  let groupNpi = makeNpi(random, 2);
  while (npis.has(groupNpi)) groupNpi = makeNpi(random, 2);
  return {
    name: 'Maple Hollow Family Health (fictional demo practice)',
    billingProvider: { billingProviderId: 'GRP01', name: 'Maple Hollow Family Health PC', npi: groupNpi, taxId: `99${String(random.int(0, 9_999_999)).padStart(7, '0')}` },
    providers,
    locations,
    payers: PAYERS,
    procedures: PROCEDURES,
    diagnoses: DIAGNOSES,
  };
}

/** A primary-care mix: mostly family and internal medicine, a pediatrician, and advanced practice providers. */
function specialtyFor(index: number, random: Random): Specialty {
  const fixed: Specialty[] = ['Family Medicine', 'Internal Medicine', 'Pediatrics', 'Nurse Practitioner', 'Family Medicine', 'Physician Assistant', 'Internal Medicine', 'Family Medicine'];
  return fixed[index] ?? random.weighted<Specialty>([
    ['Family Medicine', 4],
    ['Internal Medicine', 2],
    ['Pediatrics', 1.5],
    ['Nurse Practitioner', 2],
    ['Physician Assistant', 1],
  ]);
}
