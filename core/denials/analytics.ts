/**
 * Denial analytics over remittance records (pure; any Dataset-like arrays).
 *
 * Initial denial rate (HFMA MAP Keys): claims denied on their first adjudication ÷ claims
 * adjudicated, by count and by charge dollars. A claim is one claim id with one payer, however many
 * remits it took: its first adjudication is the earliest remit that is not a reversal (22) or a
 * predetermination (25), so a reversal and its corrected resubmission never count as two claims,
 * and a claim paid after an appeal still counts as initially denied.
 *
 * Denied lines: each unique service line counted once even when denied in several remits, with the
 * charge and the reason of its FIRST denial.
 */
import type { Adjustment, RemitClaim, RemitLine } from '../model';
import type { Cents } from '../money';
import type { CalendarDate } from '../period';
import { isDeniedClaim, isDeniedLine, linesOfClaims, NOT_ADJUDICATIONS, payerKeyOf, primaryDenialReason } from './denied';
import { carcCategory, type DenialCategory } from './reason-categories';

export interface RemitInput {
  readonly remitClaims: readonly RemitClaim[];
  readonly remitLines: readonly RemitLine[];
}

/** Restricts by the payment date of the first adjudication (inclusive). */
export interface DenialPeriod {
  readonly from?: CalendarDate | undefined;
  readonly to?: CalendarDate | undefined;
}

export interface InitialDenialRate {
  /** Claims (claim id × payer) with at least one adjudication in the period. */
  readonly claimsAdjudicated: number;
  /** Of those, the ones whose first adjudication was a denial. */
  readonly claimsDenied: number;
  /** claimsDenied ÷ claimsAdjudicated; null when nothing was adjudicated. */
  readonly rateByCount: number | null;
  /** Σ charge (CLP03) of the first adjudications. */
  readonly chargeCentsAdjudicated: Cents;
  /** Σ charge of the first adjudications that were denials. */
  readonly chargeCentsDenied: Cents;
  /** chargeCentsDenied ÷ chargeCentsAdjudicated; null when zero. */
  readonly rateByDollars: number | null;
  /** Reversal records (22) set aside: they undo a payment, they are not a new claim. */
  readonly reversalsNetted: number;
}

/** Orders remits as they happened: by payment date (undated last), then file and segment. */
function chronological(a: RemitClaim | RemitLine, b: RemitClaim | RemitLine): number {
  const da = a.paymentDate ?? '9999-99-99';
  const db = b.paymentDate ?? '9999-99-99';
  if (da !== db) return da < db ? -1 : 1;
  if (a.lineage.source !== b.lineage.source) return a.lineage.source < b.lineage.source ? -1 : 1;
  return (a.lineage.segment ?? 0) - (b.lineage.segment ?? 0);
}

function inPeriod(date: CalendarDate | undefined, period: DenialPeriod): boolean {
  if (period.from === undefined && period.to === undefined) return true;
  if (date === undefined) return false;
  return (period.from === undefined || date >= period.from) && (period.to === undefined || date <= period.to);
}

/** The first adjudication of each claim (claim id × payer), in order. */
export function firstAdjudications(remitClaims: readonly RemitClaim[]): RemitClaim[] {
  const first = new Map<string, RemitClaim>();
  for (const claim of [...remitClaims].sort(chronological)) {
    if (NOT_ADJUDICATIONS.has(claim.claimStatus)) continue;
    const id = `${payerKeyOf(claim)}\u0000${claim.claimId}`;
    if (!first.has(id)) first.set(id, claim);
  }
  return [...first.values()];
}

/**
 * Initial denial rate by claim count and by charge dollars (HFMA). See the module comment for how
 * claims, first adjudications and reversals are counted.
 */
export function initialDenialRate(input: RemitInput, period: DenialPeriod = {}): InitialDenialRate {
  const lines = linesOfClaims(input.remitClaims, input.remitLines);
  let claimsAdjudicated = 0;
  let claimsDenied = 0;
  let chargeCentsAdjudicated = 0;
  let chargeCentsDenied = 0;
  for (const claim of firstAdjudications(input.remitClaims)) {
    if (!inPeriod(claim.paymentDate, period)) continue;
    claimsAdjudicated += 1;
    chargeCentsAdjudicated += claim.chargeCents;
    if (isDeniedClaim(claim, lines.get(claim) ?? [])) {
      claimsDenied += 1;
      chargeCentsDenied += claim.chargeCents;
    }
  }
  return {
    claimsAdjudicated,
    claimsDenied,
    rateByCount: claimsAdjudicated === 0 ? null : claimsDenied / claimsAdjudicated,
    chargeCentsAdjudicated,
    chargeCentsDenied,
    rateByDollars: chargeCentsAdjudicated === 0 ? null : chargeCentsDenied / chargeCentsAdjudicated,
    reversalsNetted: input.remitClaims.filter((c) => c.claimStatus === '22').length,
  };
}

/** One unique denied service line, with its first denial. */
export interface DeniedLine {
  /** Identity across remits: payer, claim id, date, submitted code and modifiers, occurrence. */
  readonly id: string;
  readonly claimId: string;
  readonly payerKey: string;
  readonly payerName: string | undefined;
  /** Rendering NPI, when the remit named one. */
  readonly provider: string | undefined;
  /** The code the provider billed (SVC06 when the payer recoded, else SVC01); "(claim)" for a claim remitted without lines. */
  readonly procedureCode: string;
  readonly serviceDate: CalendarDate | undefined;
  readonly paymentDate: CalendarDate | undefined;
  /** The billed charge that was denied. */
  readonly chargeCents: Cents;
  /** CARC of the largest denial adjustment ("none" when the payer sent no CAS). */
  readonly reason: string;
  /** Its CAS group (CO, OA, PI, PR), "" when none. */
  readonly group: string;
  readonly category: DenialCategory;
  /** Times this line was denied across remits (1 = once). */
  readonly denials: number;
  /** A later remit adjudicated the line without denying it (paid, or allowed to the patient's cost-sharing): an overturned denial. */
  readonly overturned: boolean;
}

interface Candidate {
  readonly id: string;
  readonly claimId: string;
  readonly payerKey: string;
  readonly payerName: string | undefined;
  readonly provider: string | undefined;
  readonly procedureCode: string;
  readonly serviceDate: CalendarDate | undefined;
  readonly paymentDate: CalendarDate | undefined;
  readonly chargeCents: Cents;
  readonly adjustments: readonly Adjustment[];
  readonly denied: boolean;
  readonly order: RemitClaim | RemitLine;
}

/** Every adjudicated line as a candidate, plus one per claim remitted without lines. */
function candidates(input: RemitInput): Candidate[] {
  const byClaim = linesOfClaims(input.remitClaims, input.remitLines);
  const out: Candidate[] = [];
  for (const claim of input.remitClaims) {
    if (NOT_ADJUDICATIONS.has(claim.claimStatus)) continue;
    const payerKey = payerKeyOf(claim);
    const lines = byClaim.get(claim) ?? [];
    if (lines.length === 0) {
      out.push({
        id: `${payerKey}\u0000${claim.claimId}\u0000(claim)`,
        claimId: claim.claimId,
        payerKey,
        payerName: claim.payerName,
        provider: claim.renderingNpi,
        procedureCode: '(claim)',
        serviceDate: claim.serviceDateFrom,
        paymentDate: claim.paymentDate,
        chargeCents: claim.chargeCents,
        adjustments: claim.adjustments,
        denied: isDeniedClaim(claim),
        order: claim,
      });
      continue;
    }
    const seen = new Map<string, number>();
    for (const line of lines) {
      const code = line.submittedProcedureCode ?? line.procedureCode;
      const modifiers = (line.submittedProcedureCode !== undefined ? (line.submittedModifiers ?? []) : line.modifiers).join(':');
      const signature = `${payerKey}\u0000${claim.claimId}\u0000${line.serviceDate ?? ''}\u0000${code}\u0000${modifiers}`;
      const occurrence = (seen.get(signature) ?? 0) + 1;
      seen.set(signature, occurrence);
      // A status-4 claim may carry its reasons at claim level only.
      const adjustments = line.adjustments.length > 0 ? line.adjustments : claim.claimStatus === '4' ? claim.adjustments : [];
      out.push({
        id: `${signature}\u0000${occurrence}`,
        claimId: claim.claimId,
        payerKey,
        payerName: claim.payerName,
        provider: line.renderingNpi ?? claim.renderingNpi,
        procedureCode: code,
        serviceDate: line.serviceDate,
        paymentDate: line.paymentDate,
        chargeCents: line.chargeCents,
        adjustments,
        denied: isDeniedLine(line),
        order: line,
      });
    }
  }
  return out;
}

/**
 * Unique denied lines: each line counted once however often it was denied, described by its first
 * denial; `overturned` marks lines a later remit adjudicated without denying them.
 */
export function deniedLines(input: RemitInput, period: DenialPeriod = {}): DeniedLine[] {
  const all = candidates(input).sort((a, b) => chronological(a.order, b.order));
  const first = new Map<string, Candidate>();
  const denials = new Map<string, number>();
  const overturned = new Set<string>();
  for (const c of all) {
    if (c.denied) {
      if (!first.has(c.id)) first.set(c.id, c);
      denials.set(c.id, (denials.get(c.id) ?? 0) + 1);
    } else if (first.has(c.id)) {
      overturned.add(c.id);
    }
  }
  const out: DeniedLine[] = [];
  for (const c of first.values()) {
    if (!inPeriod(c.paymentDate, period)) continue;
    const reason = primaryDenialReason(c.adjustments);
    out.push({
      id: c.id,
      claimId: c.claimId,
      payerKey: c.payerKey,
      payerName: c.payerName,
      provider: c.provider,
      procedureCode: c.procedureCode,
      serviceDate: c.serviceDate,
      paymentDate: c.paymentDate,
      chargeCents: c.chargeCents,
      reason: reason?.reason ?? 'none',
      group: reason?.group ?? '',
      category: reason === undefined ? 'Other' : carcCategory(reason.reason, reason.group),
      denials: denials.get(c.id) ?? 1,
      overturned: overturned.has(c.id),
    });
  }
  return out;
}

export type DenialDimension = 'reason' | 'category' | 'group' | 'payer' | 'provider' | 'procedure';

export interface DenialBreakdownRow {
  /** The reason code, category, group code, payer id/name, rendering NPI or procedure code. */
  readonly key: string;
  /** For `reason` rows: our category label of the code; else the same as key (payer rows: the payer's name). */
  readonly label: string;
  readonly lines: number;
  readonly deniedCents: Cents;
  /** Share of all denied lines (0–1). */
  readonly shareOfLines: number;
  /** Share of all denied dollars (0–1); 0 when no dollars were denied. */
  readonly shareOfDollars: number;
}

function keyOf(line: DeniedLine, dimension: DenialDimension): string {
  switch (dimension) {
    case 'reason':
      return line.reason;
    case 'category':
      return line.category;
    case 'group':
      return line.group || '(none)';
    case 'payer':
      return line.payerKey;
    case 'provider':
      return line.provider ?? '(not named)';
    case 'procedure':
      return line.procedureCode;
  }
}

/** Denied lines and dollars by one dimension, largest dollars first (then most lines, then key). */
export function denialBreakdown(lines: readonly DeniedLine[], dimension: DenialDimension): DenialBreakdownRow[] {
  const groups = new Map<string, { label: string; lines: number; cents: Cents }>();
  let totalCents = 0;
  for (const line of lines) {
    const key = keyOf(line, dimension);
    const label = dimension === 'reason' ? carcCategory(line.reason, line.group) : dimension === 'payer' ? (line.payerName ?? key) : key;
    const g = groups.get(key) ?? { label, lines: 0, cents: 0 };
    g.lines += 1;
    g.cents += line.chargeCents;
    groups.set(key, g);
    totalCents += line.chargeCents;
  }
  return [...groups.entries()]
    .map(([key, g]) => ({
      key,
      label: g.label,
      lines: g.lines,
      deniedCents: g.cents,
      shareOfLines: lines.length === 0 ? 0 : g.lines / lines.length,
      shareOfDollars: totalCents === 0 ? 0 : g.cents / totalCents,
    }))
    .sort((a, b) => b.deniedCents - a.deniedCents || b.lines - a.lines || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The `limit` reasons (CARC) with the most denied dollars, each with its share and category. */
export function topDenialReasons(lines: readonly DeniedLine[], limit = 10): DenialBreakdownRow[] {
  return denialBreakdown(lines, 'reason').slice(0, limit);
}
