/**
 * Contract records: what each payer agreed to pay (a fee schedule of fixed rates, or terms as a
 * percent of Medicare), and the CMS Physician Fee Schedule inputs Medicare pricing needs
 * (national RVUs per code and modifier, GPCIs per locality). Rates are integer cents; RVUs,
 * GPCIs and the conversion factor are the decimals CMS publishes, kept as written.
 */
import { z } from 'zod';
import { CalendarDateSchema, CentsSchema, Identifier, Lineage } from './common';

const base = {
  key: z.string().min(1),
  lineage: Lineage,
};

/** Which practice-expense RVUs apply: the facility ones (hospital, ASC) or the office ones. */
export const SettingClass = z.enum(['facility', 'non-facility']);
export type SettingClass = z.infer<typeof SettingClass>;

/** When a contract line is in force: from a date, optionally until a date (both included). */
const effective = {
  effectiveFrom: CalendarDateSchema,
  effectiveTo: CalendarDateSchema.optional(),
};

/**
 * One row of a payer's fee schedule: a fixed allowed amount per unit for a code (and modifier,
 * and optionally a setting). `excluded` marks a carve-out the contract does not cover at all.
 * When a payer also has percent-of-Medicare terms, a fixed rate for a code is a carve-out.
 */
export const FeeScheduleRate = z.object({
  type: z.literal('fee-rate'),
  ...base,
  /** Payer as the schedule names it (id or name; matched case-insensitively against remittances). */
  payer: z.string().min(1),
  /** The payer's id (as on its remittances), when the schedule gives one. */
  payerId: z.string().optional(),
  /** Plan or product within the payer (HMO, PPO, a renewal's name) when the schedule says. */
  plan: z.string().optional(),
  procedureCode: Identifier,
  /** '' for the code without a pricing modifier. */
  modifier: z.string().default(''),
  setting: SettingClass.optional(),
  rateCents: CentsSchema.optional(),
  excluded: z.boolean().default(false),
  ...effective,
});
export type FeeScheduleRate = z.infer<typeof FeeScheduleRate>;

/**
 * Contract terms as a percent of Medicare, with the contract's payment rules. Percents are as a
 * contract writes them: 115 means 115 % of the Medicare allowed amount.
 */
export const ContractTerm = z.object({
  type: z.literal('contract-term'),
  ...base,
  payer: z.string().min(1),
  payerId: z.string().optional(),
  plan: z.string().optional(),
  /** Percent of Medicare; absent for a contract priced only by its fee schedule. */
  percentOfMedicare: z.number().positive().optional(),
  /** The Medicare fee schedule year the percent refers to. */
  medicareYear: z.number().int().min(1992).max(2200).optional(),
  /** CMS locality as `MAC-locality`, e.g. `01112-54` (Bakersfield). */
  locality: z.string().optional(),
  /** Facility or non-facility rates; absent means "by place of service" (non-facility when unknown). */
  setting: SettingClass.optional(),
  /** Multiple-procedure reduction for indicator 2: percent for the highest-priced, then the others. */
  multipleProcedurePercents: z.array(z.number().nonnegative()).default([100, 50]),
  /** Bilateral (modifier 50, indicator 1): percent of the single fee. */
  bilateralPercent: z.number().nonnegative().default(150),
  /** Pay the lesser of the billed charge and the contract amount. */
  lesserOfBilled: z.boolean().default(true),
  ...effective,
});
export type ContractTerm = z.infer<typeof ContractTerm>;

/** One row of the CMS national RVU file (PPRRVU): a code, or a code's 26/TC component. */
export const MedicareRvu = z.object({
  type: z.literal('medicare-rvu'),
  ...base,
  year: z.number().int(),
  procedureCode: Identifier,
  /** '' for the global service; `26`, `TC`, `53` … for the file's own modifier rows. */
  modifier: z.string().default(''),
  /** A active, B bundled, N non-covered, I not valid for Medicare, R restricted, T injections … */
  statusCode: z.string(),
  workRvu: z.number(),
  nonFacilityPeRvu: z.number(),
  facilityPeRvu: z.number(),
  mpRvu: z.number(),
  /** The file's NA flags: no payment in that setting under the PFS. */
  nonFacilityNa: z.boolean().default(false),
  facilityNa: z.boolean().default(false),
  /** PC/TC indicator: 0 physician service, 1 diagnostic with 26/TC rows, 2 PC only, 3 TC only, … 9 not applicable. */
  pcTcIndicator: z.string(),
  globalDays: z.string().optional(),
  /** Multiple procedure indicator (MULT PROC): 2 standard reduction, 0 none, 3 endoscopy, 4–7 imaging/therapy/… */
  multipleProcedureIndicator: z.string(),
  /** Bilateral indicator: 1 means modifier 50 pays 150 %. */
  bilateralIndicator: z.string(),
  conversionFactor: z.number().positive(),
});
export type MedicareRvu = z.infer<typeof MedicareRvu>;

/** Geographic practice cost indices of one Medicare payment locality. */
export const Gpci = z.object({
  type: z.literal('gpci'),
  ...base,
  year: z.number().int(),
  /** Medicare Administrative Contractor number, e.g. `01112`. */
  mac: z.string().min(1),
  /** Two-digit locality number within the MAC, e.g. `54`. */
  localityNumber: z.string().min(1),
  /** `MAC-locality`, the id contract terms use, e.g. `01112-54`. */
  locality: z.string().min(1),
  state: z.string(),
  localityName: z.string(),
  workGpci: z.number().positive(),
  peGpci: z.number().positive(),
  mpGpci: z.number().positive(),
});
export type Gpci = z.infer<typeof Gpci>;

/** The id a contract term uses for a locality: the MAC number (5 digits) and locality (2 digits). */
export function localityId(mac: string, localityNumber: string): string {
  return `${mac.trim().padStart(5, '0')}-${localityNumber.trim().padStart(2, '0')}`;
}
