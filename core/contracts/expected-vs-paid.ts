/**
 * Expected vs paid: every 835 service line priced with the contract in force on its date of
 * service, compared with what the payer actually allowed, and each difference classified.
 *
 * - The code priced is the one the practice SUBMITTED: SVC06 when the payer recoded the line, else
 *   the matched 837/charge line's code, else the adjudicated code.
 * - Actual allowed = AMT*B6 when the payer sent it; otherwise paid + patient responsibility (PR
 *   adjustments) + sequestration (CO-253, a cut of the payment after the allowed amount is set).
 * - Variance = expected − actual allowed; positive means underpaid.
 * - Lines of one claim adjudication (payment, claim, status) are priced together, so the
 *   multiple-procedure ranking sees all of them. Reversals (claim status 22) are not compared.
 */
import type { ChargeLine, RemitLine } from '../model';
import type { Cents } from '../money';
import { formatCents } from '../money';
import { monthOf, type MonthKey } from '../period';
import { percentOfCents } from './decimal';
import type { PricingStep } from './medicare';
import { expectedForClaim, type ExpectedAmount, type PricingOptions, type ServiceLine } from './pricing';
import type { ContractBook } from './book';

export type VarianceClass =
  | 'within-tolerance'
  | 'underpaid-contractual'
  | 'multiple-procedure-ranking'
  | 'bundling'
  | 'recode'
  | 'denial'
  | 'patient-responsibility-misgrouping'
  | 'overpaid'
  | 'not-priced'
  | 'not-compared';

/** Labels in the manager's words (the workbook and the CLI show these). */
export const varianceClassLabels: Record<VarianceClass, string> = {
  'within-tolerance': 'Paid as contracted',
  'underpaid-contractual': 'Underpaid (contractual adjustment too large)',
  'multiple-procedure-ranking': 'Multiple-procedure reduction on the wrong line',
  bundling: 'Bundled into another service',
  recode: 'Payer changed the code',
  denial: 'Denied',
  'patient-responsibility-misgrouping': 'Write-off billed to the patient (PR group)',
  overpaid: 'Paid above contract',
  'not-priced': 'No contract price',
  'not-compared': 'Not compared (reversal)',
};

/** How close actual must be to expected to count as paid as contracted: the larger of the two. */
export interface Tolerance {
  readonly cents: Cents;
  /** Percent of the expected amount (0.5 = 0.5 %). */
  readonly percent?: number | undefined;
}

export const DEFAULT_TOLERANCE: Tolerance = { cents: 100, percent: 0 };

/** CARCs that are patient cost sharing (deductible, coinsurance, copay, blood deductible). */
const COST_SHARE = new Set(['1', '2', '3', '66']);
/** CARCs that say "included in another service". */
const BUNDLED = new Set(['97', 'B15', '234', 'M15', '236']);
const SEQUESTRATION = '253';
/** CARC 59: processed under multiple-procedure rules. */
const MULTIPLE_PROCEDURE = '59';

export interface PaymentCheck {
  /** The payer as its contract names it (as the remittance names it when no contract priced the line). */
  readonly payer: string;
  readonly payerId: string | undefined;
  readonly claimId: string;
  readonly lineNumber: string;
  readonly serviceDate: string | undefined;
  readonly month: MonthKey | undefined;
  /** The code priced (what the practice submitted). */
  readonly code: string;
  /** The code the payer adjudicated, when different. */
  readonly paidCode: string | undefined;
  readonly modifiers: readonly string[];
  readonly units: number;
  readonly billedCents: Cents;
  readonly paidCents: Cents;
  readonly patientResponsibilityCents: Cents;
  readonly actualAllowedCents: Cents;
  readonly allowedSource: 'AMT*B6' | 'paid + patient responsibility';
  readonly expectedCents: Cents | null;
  readonly varianceCents: Cents | null;
  readonly classification: VarianceClass;
  /** True for a finding to work (anything but paid as contracted, unpriced or not compared). */
  readonly flagged: boolean;
  /** One sentence: why the line is classified so. */
  readonly reason: string;
  readonly steps: readonly PricingStep[];
  readonly adjustments: string;
}

export interface CompareOptions extends PricingOptions {
  readonly tolerance?: Tolerance | undefined;
  /** 837 or PM charge lines, to find the submitted code when the 835 has no SVC06. */
  readonly charges?: readonly ChargeLine[] | undefined;
}

const FACILITY_POS = new Set(['19', '21', '22', '23', '24', '26', '31', '34', '41', '42', '51', '52', '53', '56', '61']);

function adjustmentText(line: RemitLine): string {
  return line.adjustments.map((a) => `${a.group}-${a.reason} ${formatCents(a.amountCents)}`).join('; ');
}

function withinTolerance(variance: Cents, expected: Cents, tolerance: Tolerance): boolean {
  const byPercent = tolerance.percent ? Math.abs(expected) * (tolerance.percent / 100) : 0;
  return Math.abs(variance) <= Math.max(tolerance.cents, byPercent);
}

/** Prices and classifies every remittance line. Order of the result = order of `lines`. */
export function comparePayments(book: ContractBook, lines: readonly RemitLine[], options: CompareOptions = {}): PaymentCheck[] {
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  const chargeByLine = new Map<string, ChargeLine>();
  for (const c of options.charges ?? []) chargeByLine.set(`${c.claimId}|${c.lineNumber ?? ''}`, c);

  const groups = new Map<string, number[]>();
  lines.forEach((l, i) => {
    const g = `${l.paymentId ?? ''}|${l.payerId ?? l.payerName ?? ''}|${l.claimId}|${l.claimStatus}|${l.payerControlNumber ?? ''}`;
    const list = groups.get(g) ?? [];
    list.push(i);
    groups.set(g, list);
  });

  const out: PaymentCheck[] = new Array(lines.length);
  for (const indexes of groups.values()) {
    const members = indexes.map((i) => lines[i] as RemitLine);
    const services = members.map((l) => {
      const charge = chargeByLine.get(`${l.claimId}|${l.lineNumber}`);
      const code = l.submittedProcedureCode ?? charge?.procedureCode ?? l.procedureCode;
      const modifiers = l.submittedProcedureCode !== undefined ? (l.submittedModifiers ?? l.modifiers) : (charge?.modifiers ?? l.modifiers);
      const pos = charge?.placeOfService;
      const service: ServiceLine = {
        payer: [l.payerId, l.payerName].filter((p): p is string => p !== undefined),
        code,
        modifiers,
        // A denied line may state 0 paid units: it is priced as billed, one unit.
        units: l.units > 0 ? l.units : 1,
        billedCents: l.chargeCents,
        serviceDate: l.serviceDate ?? l.paymentDate ?? '',
        setting: pos === undefined ? undefined : FACILITY_POS.has(pos) ? 'facility' : 'non-facility',
      };
      return service;
    });
    const comparable = members.map((l) => l.claimStatus !== '22' && l.chargeCents >= 0 && l.serviceDate !== undefined);
    const priced = expectedForClaim(book, services.filter((_, k) => comparable[k]), options);
    let p = 0;
    members.forEach((l, k) => {
      const service = services[k] as ServiceLine;
      const result = comparable[k] ? priced[p++] : undefined;
      out[indexes[k] as number] = classify(l, service, result, tolerance);
    });
  }
  return out;
}

function classify(
  l: RemitLine,
  service: ServiceLine,
  priced: ReturnType<typeof expectedForClaim>[number] | undefined,
  tolerance: Tolerance,
): PaymentCheck {
  const pr = l.adjustments.filter((a) => a.group === 'PR');
  const patient = pr.reduce((s, a) => s + a.amountCents, 0);
  const sequestration = l.adjustments.filter((a) => a.reason === SEQUESTRATION).reduce((s, a) => s + a.amountCents, 0);
  const actual = l.allowedCents ?? l.paidCents + patient + sequestration;
  const paidCode = service.code.toUpperCase() !== l.procedureCode.toUpperCase() ? l.procedureCode : undefined;
  const base = {
    payer: l.payerName ?? l.payerId ?? '',
    payerId: l.payerId,
    claimId: l.claimId,
    lineNumber: l.lineNumber,
    serviceDate: l.serviceDate,
    month: l.serviceDate === undefined ? undefined : monthOf(l.serviceDate),
    code: service.code,
    paidCode,
    modifiers: service.modifiers ?? [],
    units: l.units,
    billedCents: l.chargeCents,
    paidCents: l.paidCents,
    patientResponsibilityCents: patient,
    actualAllowedCents: actual,
    allowedSource: l.allowedCents !== undefined ? ('AMT*B6' as const) : ('paid + patient responsibility' as const),
    adjustments: adjustmentText(l),
  };
  if (priced === undefined) {
    return { ...base, expectedCents: null, varianceCents: null, classification: 'not-compared', flagged: false, reason: 'a reversal (claim status 22) or a line without a date of service', steps: [] };
  }
  if (!priced.ok) {
    return { ...base, expectedCents: null, varianceCents: null, classification: 'not-priced', flagged: false, reason: priced.error.message, steps: [] };
  }
  const expected = priced.value;
  const variance = expected.cents - actual;
  const result = (classification: VarianceClass, reason: string): PaymentCheck => ({
    ...base,
    // The contract's name for the payer, so lines, schedules and what-ifs line up.
    payer: expected.rate?.payer ?? expected.term?.payer ?? base.payer,
    expectedCents: expected.cents,
    varianceCents: variance,
    classification,
    flagged: classification !== 'within-tolerance',
    reason,
    steps: expected.steps,
  });
  const v = `expected ${formatCents(expected.cents)}, allowed ${formatCents(actual)} (${base.allowedSource})`;

  const misgrouped = pr.filter((a) => !COST_SHARE.has(a.reason));
  if (misgrouped.length > 0) {
    return result('patient-responsibility-misgrouping', `${misgrouped.map((a) => `PR-${a.reason} ${formatCents(a.amountCents)}`).join(', ')} is not patient cost sharing; ${v}`);
  }
  if (withinTolerance(variance, expected.cents, tolerance)) return result('within-tolerance', v);
  if (paidCode !== undefined) return result('recode', `submitted ${service.code}, paid as ${paidCode}; ${v}`);
  const bundled = l.adjustments.some((a) => BUNDLED.has(a.reason));
  if (bundled) return result('bundling', `${l.adjustments.filter((a) => BUNDLED.has(a.reason)).map((a) => `${a.group}-${a.reason}`).join(', ')}: included in another service; ${v}`);
  if (l.paidCents === 0 && actual === 0 && expected.cents > 0) {
    const reasons = l.adjustments.filter((a) => a.group !== 'PR').map((a) => `${a.group}-${a.reason}`);
    return result('denial', `denied${reasons.length > 0 ? ` (${reasons.join(', ')})` : ''}; ${v}`);
  }
  if (rankingMismatch(l, expected, actual, tolerance)) {
    return result('multiple-procedure-ranking', `the payer applied the multiple-procedure reduction to this line as if it ranked differently; ${v}`);
  }
  if (variance > 0) return result('underpaid-contractual', `underpaid by ${formatCents(variance)}: ${v}`);
  return result('overpaid', `paid ${formatCents(-variance)} above contract: ${v}`);
}

/** The allowed amount matches another rank's percentage (or the payer said CARC 59) while ours differs. */
function rankingMismatch(l: RemitLine, expected: ExpectedAmount, actual: Cents, tolerance: Tolerance): boolean {
  if (expected.multipleProcedureRanks === undefined) return false;
  if (l.adjustments.some((a) => a.reason === MULTIPLE_PROCEDURE)) return true;
  const percents = expected.term?.multipleProcedurePercents ?? [100, 50];
  return percents.some((p) => {
    const alternative = percentOfCents(expected.unreducedCents, p);
    return alternative !== expected.cents && withinTolerance(alternative - actual, alternative, tolerance);
  });
}

export interface VarianceSummaryRow {
  readonly key: string;
  readonly lines: number;
  readonly flaggedLines: number;
  readonly expectedCents: Cents;
  readonly actualAllowedCents: Cents;
  readonly paidCents: Cents;
  /** Σ positive variance of flagged lines: money to recover. */
  readonly underpaidCents: Cents;
}

/** Totals of compared lines by payer, code or classification. */
export function summarizeChecks(checks: readonly PaymentCheck[], by: 'payer' | 'code' | 'classification'): VarianceSummaryRow[] {
  const rows = new Map<string, { lines: number; flaggedLines: number; expectedCents: number; actualAllowedCents: number; paidCents: number; underpaidCents: number }>();
  for (const c of checks) {
    if (c.expectedCents === null) continue;
    const key = by === 'payer' ? c.payer : by === 'code' ? c.code : c.classification;
    const r = rows.get(key) ?? { lines: 0, flaggedLines: 0, expectedCents: 0, actualAllowedCents: 0, paidCents: 0, underpaidCents: 0 };
    r.lines++;
    if (c.flagged) r.flaggedLines++;
    r.expectedCents += c.expectedCents;
    r.actualAllowedCents += c.actualAllowedCents;
    r.paidCents += c.paidCents;
    if (c.flagged && (c.varianceCents ?? 0) > 0) r.underpaidCents += c.varianceCents ?? 0;
    rows.set(key, r);
  }
  return [...rows.entries()].map(([key, r]) => ({ key, ...r })).sort((a, b) => b.underpaidCents - a.underpaidCents || a.key.localeCompare(b.key));
}

export interface EffectiveRateRow {
  readonly payer: string;
  readonly code: string;
  readonly month: MonthKey;
  readonly lines: number;
  readonly units: number;
  readonly expectedCents: Cents;
  readonly actualAllowedCents: Cents;
  /** Actual allowed ÷ expected (1 = paid exactly as contracted), null without an expected amount. */
  readonly effectiveRate: number | null;
}

/** Effective rate by payer, code and month of service: what the payer allows against the contract. */
export function effectiveRateTrend(checks: readonly PaymentCheck[]): EffectiveRateRow[] {
  const rows = new Map<string, { payer: string; code: string; month: string; lines: number; units: number; expectedCents: number; actualAllowedCents: number }>();
  for (const c of checks) {
    if (c.expectedCents === null || c.month === undefined || c.classification === 'denial') continue;
    const key = `${c.payer}\u0000${c.code}\u0000${c.month}`;
    const r = rows.get(key) ?? { payer: c.payer, code: c.code, month: c.month, lines: 0, units: 0, expectedCents: 0, actualAllowedCents: 0 };
    r.lines++;
    r.units += c.units;
    r.expectedCents += c.expectedCents;
    r.actualAllowedCents += c.actualAllowedCents;
    rows.set(key, r);
  }
  return [...rows.values()]
    .map((r) => ({ ...r, effectiveRate: r.expectedCents === 0 ? null : r.actualAllowedCents / r.expectedCents }))
    .sort((a, b) => a.payer.localeCompare(b.payer) || a.code.localeCompare(b.code) || a.month.localeCompare(b.month));
}
