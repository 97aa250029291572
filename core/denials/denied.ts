/**
 * What counts as a denial, in one place.
 *
 * A service line (or a claim remitted without lines) is DENIED when
 *   - its claim status is 4 (the payer denied the claim), or
 *   - the payer paid nothing on it, left no cost-sharing to the patient (no PR deductible,
 *     coinsurance or copay), and wrote its charge off with at least one adjustment that is not
 *     cost-sharing, not a correction (group CR) and not the prior payer's adjudication (CARC 23:
 *     a secondary claim with nothing left to pay is not a denial).
 * A zero-paid line whose allowed amount went to the deductible is therefore NOT a denial, and a
 * zero-paid line the payer shifted to the patient as non-covered (PR 96, PR 204) IS one.
 * Reversals (status 22) and predeterminations (25) are not adjudications of a claim and are never
 * counted as denials.
 */
import type { Adjustment, RemitClaim, RemitLine } from '../model';
import type { Cents } from '../money';
import { isCostSharing } from './reason-categories';

/** Claim statuses that are not an adjudication of the claim: a reversal of an earlier payment, a predetermination. */
export const NOT_ADJUDICATIONS: ReadonlySet<string> = new Set(['22', '25']);
export const DENIED_STATUS = '4';
/** CARC 23: the impact of the prior payer's adjudication (coordination of benefits). */
const PRIOR_PAYER = '23';

/** True for adjustments that mean the payer refused the money (see the module comment). */
export function isDenialAdjustment(a: Adjustment): boolean {
  if (a.amountCents <= 0 || a.group === 'CR' || a.reason === PRIOR_PAYER) return false;
  return !isCostSharing(a.group, a.reason);
}

/** Whether amounts and adjustments say "denied" (status aside). */
function deniedByAmounts(paidCents: Cents, chargeCents: Cents, adjustments: readonly Adjustment[]): boolean {
  if (paidCents !== 0 || chargeCents <= 0) return false;
  let denial = false;
  for (const a of adjustments) {
    if (a.amountCents > 0 && isCostSharing(a.group, a.reason)) return false;
    if (isDenialAdjustment(a)) denial = true;
  }
  return denial;
}

/** A line is denied when its claim was denied (status 4) or it was paid nothing and written off (module comment). */
export function isDeniedLine(line: Pick<RemitLine, 'claimStatus' | 'paidCents' | 'chargeCents' | 'adjustments'>): boolean {
  if (NOT_ADJUDICATIONS.has(line.claimStatus)) return false;
  return line.claimStatus === DENIED_STATUS || deniedByAmounts(line.paidCents, line.chargeCents, line.adjustments);
}

/** A claim is denied when its status is 4, or it was paid nothing and written off, counting claim- and line-level adjustments. */
export function isDeniedClaim(
  claim: Pick<RemitClaim, 'claimStatus' | 'paidCents' | 'chargeCents' | 'adjustments'>,
  lines: readonly Pick<RemitLine, 'adjustments'>[] = [],
): boolean {
  if (NOT_ADJUDICATIONS.has(claim.claimStatus)) return false;
  if (claim.claimStatus === DENIED_STATUS) return true;
  const all = lines.length === 0 ? claim.adjustments : [...claim.adjustments, ...lines.flatMap((l) => l.adjustments)];
  return deniedByAmounts(claim.paidCents, claim.chargeCents, all);
}

/**
 * The reason a denial is attributed to: the largest denial adjustment (the first on a tie), else the
 * largest adjustment of any kind, else none (a status-4 claim sent without CAS).
 */
export function primaryDenialReason(adjustments: readonly Adjustment[]): Adjustment | undefined {
  let best: Adjustment | undefined;
  for (const a of adjustments) if (isDenialAdjustment(a) && (best === undefined || a.amountCents > best.amountCents)) best = a;
  if (best !== undefined) return best;
  for (const a of adjustments) if (a.amountCents > 0 && (best === undefined || a.amountCents > best.amountCents)) best = a;
  return best;
}

/** The payer a claim is owed by, for grouping: id when the file gave one, else the name. */
export function payerKeyOf(r: Pick<RemitClaim, 'payerId' | 'payerName'>): string {
  return r.payerId ?? r.payerName ?? '(unknown payer)';
}

/**
 * The service lines of each remitted claim. 835 lines name their claim (`claimKey`); lines from
 * sources that do not (FHIR EOB items, PM exports) join on claim id, payer, payment id and date.
 */
export function linesOfClaims(remitClaims: readonly RemitClaim[], remitLines: readonly RemitLine[]): Map<RemitClaim, RemitLine[]> {
  const loose = (r: RemitClaim | RemitLine) => `${payerKeyOf(r)}\u0000${r.claimId}\u0000${r.paymentId ?? ''}\u0000${r.paymentDate ?? ''}`;
  const byKey = new Map<string, RemitLine[]>();
  const byLoose = new Map<string, RemitLine[]>();
  for (const line of remitLines) {
    const [map, key] = line.claimKey !== undefined ? [byKey, line.claimKey] : [byLoose, loose(line)];
    const list = map.get(key);
    if (list === undefined) map.set(key, [line]);
    else list.push(line);
  }
  const out = new Map<RemitClaim, RemitLine[]>();
  for (const claim of remitClaims) out.set(claim, byKey.get(claim.key) ?? byLoose.get(loose(claim)) ?? []);
  return out;
}
