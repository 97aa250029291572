/**
 * Matching remittances (835) to billed claims (837 or any ChargeLine source), pure.
 *
 * Claims join on the provider's claim id (CLP01 = CLM01). A remit whose claim id matches no billed
 * claim is joined through its payer claim control number (CLP07) when another remit of a matched
 * claim carries the same one (payers sometimes echo a corrected claim id).
 * Lines join within a claim on the billed code (SVC06 when present, else SVC01) and date of service,
 * preferring a billed line not yet taken by the same remit and then one with the same line number;
 * failing that, on the line number alone (REF*6R echoed back): a recode the payer did not declare.
 */
import type { ChargeLine, RemitClaim, RemitLine } from '../model';
import type { Cents } from '../money';
import { daysBetween, type CalendarDate } from '../period';
import { linesOfClaims, NOT_ADJUDICATIONS } from './denied';

export interface MatchInput {
  readonly charges: readonly ChargeLine[];
  readonly remitClaims: readonly RemitClaim[];
  readonly remitLines: readonly RemitLine[];
}

/** One billed claim and what became of it. */
export interface ClaimPayment {
  readonly claimId: string;
  readonly billedCents: Cents;
  /** Net paid over all its remits (reversals included, so a reversed payment nets out). */
  readonly paidCents: Cents;
  readonly remits: number;
  /** Where the lag starts: the 837 submission date (BHT04), else the earliest date of service. */
  readonly startDate: CalendarDate;
  readonly startBasis: 'submission' | 'service';
  /** The earliest payment date (BPR16) of a remit that adjudicated it; undefined when never remitted. */
  readonly firstPaymentDate: CalendarDate | undefined;
  /** Days from startDate to firstPaymentDate. */
  readonly lagDays: number | undefined;
}

/** A line the payer adjudicated under another code than the one billed. */
export interface RecodedLine {
  readonly claimId: string;
  readonly lineNumber: string;
  readonly payerName: string | undefined;
  /** The code billed: from the matched charge line, else the payer's SVC06. */
  readonly billedCode: string;
  readonly adjudicatedCode: string;
  /** How we know: SVC06 on the remit, or the billed line's code differs from SVC01. */
  readonly evidence: 'svc06' | 'billed-line';
  readonly paidCents: Cents;
}

export interface LagSummary {
  readonly claims: number;
  readonly meanDays: number | null;
  readonly medianDays: number | null;
  /** How many lags start at the submission date (the rest at the date of service). */
  readonly fromSubmission: number;
}

export interface RemitMatch {
  readonly claims: readonly ClaimPayment[];
  readonly lag: LagSummary;
  readonly recodedLines: readonly RecodedLine[];
  /** Remit lines with money paid that match no billed line (paid but never billed). */
  readonly paidNotBilled: readonly RemitLine[];
  /** Billed lines no remit paid: `remitted` false when no remit mentions the line at all (no response). */
  readonly billedNotPaid: readonly { readonly line: ChargeLine; readonly remitted: boolean }[];
}

function groupBy<T>(items: readonly T[], key: (item: T) => string | undefined): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === undefined) continue;
    const list = out.get(k);
    if (list === undefined) out.set(k, [item]);
    else list.push(item);
  }
  return out;
}

function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Joins remits to billed claims and lines: submission-to-payment lag per claim, recoded lines,
 * lines paid but never billed and lines billed but never paid.
 */
export function matchRemittances(input: MatchInput): RemitMatch {
  const billedByClaim = groupBy(input.charges, (c) => c.claimId);
  const remitLinesOf = linesOfClaims(input.remitClaims, input.remitLines);

  // Claim id of each remit claim: its own when billed, else through a payer control number shared with a matched remit.
  const claimIdByControl = new Map<string, string>();
  for (const r of input.remitClaims) {
    if (billedByClaim.has(r.claimId) && r.payerControlNumber !== undefined) claimIdByControl.set(r.payerControlNumber, r.claimId);
  }
  const billedIdOf = (r: RemitClaim): string | undefined =>
    billedByClaim.has(r.claimId) ? r.claimId : r.payerControlNumber === undefined ? undefined : claimIdByControl.get(r.payerControlNumber);

  const remitsByBilledId = groupBy(input.remitClaims, billedIdOf);
  const matchedRemitLines = new Set<RemitLine>();
  const paidByChargeLine = new Map<ChargeLine, Cents>();
  const recodedLines: RecodedLine[] = [];

  for (const [claimId, remits] of remitsByBilledId) {
    const billed = billedByClaim.get(claimId) ?? [];
    for (const remit of remits) {
      const taken = new Set<ChargeLine>();
      for (const line of remitLinesOf.get(remit) ?? []) {
        const match = matchLine(line, billed, taken);
        if (match === undefined) continue;
        taken.add(match);
        matchedRemitLines.add(line);
        paidByChargeLine.set(match, (paidByChargeLine.get(match) ?? 0) + line.paidCents);
        if (NOT_ADJUDICATIONS.has(line.claimStatus)) continue;
        if (match.procedureCode !== line.procedureCode) {
          recodedLines.push(recoded(line, match.procedureCode, line.submittedProcedureCode !== undefined ? 'svc06' : 'billed-line'));
        }
      }
    }
  }
  // Recodes the payer declared on lines we could not join to a billed line.
  for (const line of input.remitLines) {
    if (matchedRemitLines.has(line) || NOT_ADJUDICATIONS.has(line.claimStatus)) continue;
    if (line.submittedProcedureCode !== undefined && line.submittedProcedureCode !== line.procedureCode) {
      recodedLines.push(recoded(line, line.submittedProcedureCode, 'svc06'));
    }
  }

  const claims: ClaimPayment[] = [];
  for (const [claimId, lines] of billedByClaim) {
    const remits = remitsByBilledId.get(claimId) ?? [];
    const submitted = lines.map((l) => l.submittedDate).filter((d): d is string => d !== undefined).sort()[0];
    const served = lines.map((l) => l.serviceDate).sort()[0] as string;
    const startDate = submitted ?? served;
    const paymentDates = remits
      .filter((r) => !NOT_ADJUDICATIONS.has(r.claimStatus))
      .map((r) => r.paymentDate)
      .filter((d): d is string => d !== undefined)
      .sort();
    const firstPaymentDate = paymentDates[0];
    claims.push({
      claimId,
      billedCents: lines.reduce((sum, l) => sum + l.chargeCents, 0),
      paidCents: remits.reduce((sum, r) => sum + r.paidCents, 0),
      remits: remits.length,
      startDate,
      startBasis: submitted !== undefined ? 'submission' : 'service',
      firstPaymentDate,
      lagDays: firstPaymentDate === undefined ? undefined : daysBetween(startDate, firstPaymentDate),
    });
  }

  const lags = claims.map((c) => c.lagDays).filter((d): d is number => d !== undefined).sort((a, b) => a - b);
  const lag: LagSummary = {
    claims: lags.length,
    meanDays: lags.length === 0 ? null : lags.reduce((s, d) => s + d, 0) / lags.length,
    medianDays: median(lags),
    fromSubmission: claims.filter((c) => c.lagDays !== undefined && c.startBasis === 'submission').length,
  };

  const remittedLines = new Set(paidByChargeLine.keys());
  return {
    claims,
    lag,
    recodedLines,
    paidNotBilled: input.remitLines.filter((l) => !matchedRemitLines.has(l) && !NOT_ADJUDICATIONS.has(l.claimStatus) && l.paidCents > 0),
    billedNotPaid: input.charges
      .filter((c) => (paidByChargeLine.get(c) ?? 0) <= 0)
      .map((line) => ({ line, remitted: remittedLines.has(line) })),
  };
}

function recoded(line: RemitLine, billedCode: string, evidence: RecodedLine['evidence']): RecodedLine {
  return {
    claimId: line.claimId,
    lineNumber: line.lineNumber,
    payerName: line.payerName,
    billedCode,
    adjudicatedCode: line.procedureCode,
    evidence,
    paidCents: line.paidCents,
  };
}

/** The billed line a remit line adjudicated (see the module comment for the order of preference). */
function matchLine(line: RemitLine, billed: readonly ChargeLine[], taken: ReadonlySet<ChargeLine>): ChargeLine | undefined {
  const code = line.submittedProcedureCode ?? line.procedureCode;
  const sameCode = billed.filter((c) => c.procedureCode === code && (line.serviceDate === undefined || c.serviceDate === line.serviceDate));
  const free = sameCode.filter((c) => !taken.has(c));
  const best = free.find((c) => c.lineNumber === line.lineNumber) ?? free[0] ?? sameCode[0];
  if (best !== undefined) return best;
  // The payer changed the code without saying so (no SVC06): the line control number still joins them.
  const byControl = billed.filter((c) => c.lineNumber !== undefined && c.lineNumber === line.lineNumber);
  return byControl.length === 1 ? byControl[0] : undefined;
}
