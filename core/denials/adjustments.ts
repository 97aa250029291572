/**
 * Denied lines from posted adjustments, for practices whose exports carry no remittances: many PM
 * systems post the payer's denial as an adjustment with its CARC (often a zero-amount denial note
 * first, the write-off later). The same DeniedLine shape as the remittance path (analytics.ts):
 *
 * - a line (claim × line number; claim × procedure × date of service when the export has no line
 *   numbers) is denied when an insurance adjustment with a denial CARC was posted to it (the
 *   classification the KPI aggregates use: core/aggregate/reason-codes.ts); PR amounts never are;
 * - it counts once, on the post date of its first denial, with that denial's CARC and group;
 * - a negative denial adjustment (a reversed write-off) never makes a denial on its own;
 * - times denied = distinct post dates of zero-amount denial notes when the export has them (a later
 *   write-off closes the denial, it is not a new one), else distinct post dates of denial postings;
 * - overturned = the payer adjudicated the line later without denying it (as on remittances: an
 *   insurance payment, a contractual adjustment or an amount moved to the patient's cost-sharing),
 *   posted to the line (or, without line numbers, to the claim) after the first denial;
 * - the denied dollars are the line's billed charge (the adjustments' amount when no charge line is
 *   in the dataset).
 */
import { carcOf, classifyAdjustment } from '../aggregate/reason-codes';
import type { ChargeLine, Transaction } from '../model';
import type { CalendarDate } from '../period';
import type { DeniedLine, DenialPeriod } from './analytics';
import { payerKeyOf } from './denied';
import { carcCategory } from './reason-categories';

export interface AdjustmentInput {
  readonly charges: readonly ChargeLine[];
  readonly transactions: readonly Transaction[];
}

/** True for an insurance adjustment whose reason code is a denial. */
export function isDenialPosting(t: Transaction): boolean {
  return t.type === 'adjustment' && t.paymentSource !== 'patient' && classifyAdjustment(t.reasonGroup, t.reasonCode) === 'denial';
}

function lineKey(claimId: string, lineNumber: string | undefined, procedureCode: string | undefined, serviceDate: CalendarDate | undefined): string {
  return lineNumber !== undefined && lineNumber !== '' ? `${claimId}\u0000#${lineNumber}` : `${claimId}\u0000${procedureCode ?? '(claim)'}\u0000${serviceDate ?? ''}`;
}

/**
 * Unique denied lines from adjustment postings (see the module comment), restricted by the post
 * date of the first denial when a period is given.
 */
export function deniedLinesFromAdjustments(input: AdjustmentInput, period: DenialPeriod = {}): DeniedLine[] {
  const charges = new Map<string, ChargeLine[]>();
  for (const c of input.charges) {
    for (const key of [lineKey(c.claimId, c.lineNumber, c.procedureCode, c.serviceDate), lineKey(c.claimId, undefined, c.procedureCode, c.serviceDate)]) {
      const list = charges.get(key);
      if (list === undefined) charges.set(key, [c]);
      else if (!list.includes(c)) list.push(c);
    }
  }
  const postings = new Map<string, Transaction[]>();
  for (const t of input.transactions) {
    if (t.claimId === undefined || !isDenialPosting(t) || t.amountCents < 0) continue;
    const key = lineKey(t.claimId, t.lineNumber, t.procedureCode, t.serviceDate);
    const list = postings.get(key);
    if (list === undefined) postings.set(key, [t]);
    else list.push(t);
  }
  // Later adjudications without a denial, by line and by claim, for "overturned".
  const paidOn = new Map<string, CalendarDate[]>();
  for (const t of input.transactions) {
    if (t.claimId === undefined || !isAllowedPosting(t)) continue;
    for (const key of [lineKey(t.claimId, t.lineNumber, t.procedureCode, t.serviceDate), `${t.claimId}\u0000(any)`]) {
      const list = paidOn.get(key);
      if (list === undefined) paidOn.set(key, [t.postDate]);
      else list.push(t.postDate);
    }
  }

  const out: DeniedLine[] = [];
  for (const [key, list] of postings) {
    list.sort((a, b) => (a.postDate < b.postDate ? -1 : a.postDate > b.postDate ? 1 : b.amountCents - a.amountCents));
    const first = list[0] as Transaction;
    const date = first.postDate;
    if ((period.from !== undefined && date < period.from) || (period.to !== undefined && date > period.to)) continue;
    const claimId = first.claimId as string;
    const charge = charges.get(key) ?? [];
    const line = charge[0];
    const chargeCents = charge.length > 0 ? charge.reduce((s, c) => s + c.chargeCents, 0) : list.reduce((s, t) => s + t.amountCents, 0);
    const byLine = first.lineNumber !== undefined && first.lineNumber !== '';
    const payments = paidOn.get(byLine ? key : `${claimId}\u0000(any)`) ?? [];
    const reason = carcOf(first.reasonCode) ?? first.reasonCode ?? 'none';
    const group = first.reasonGroup?.trim().toUpperCase() ?? '';
    out.push({
      id: key,
      claimId,
      payerKey: payerKeyOf({ payerId: first.payerId ?? line?.payerId, payerName: first.payerName ?? line?.payerName }),
      payerName: first.payerName ?? line?.payerName,
      provider: line?.renderingNpi ?? first.renderingNpi ?? line?.renderingProviderId ?? first.renderingProviderId,
      procedureCode: first.procedureCode ?? line?.procedureCode ?? '(claim)',
      serviceDate: first.serviceDate ?? line?.serviceDate,
      paymentDate: date,
      chargeCents,
      reason,
      group,
      category: carcCategory(reason, group),
      denials: timesDenied(list),
      overturned: payments.some((d) => d > date),
    });
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Denial notes (zero amount) mark each time the payer denied; without them, each posting date does. */
function timesDenied(postings: readonly Transaction[]): number {
  const notes = new Set(postings.filter((t) => t.amountCents === 0).map((t) => t.postDate));
  return notes.size > 0 ? notes.size : new Set(postings.map((t) => t.postDate)).size;
}

/** A posting that shows the payer allowed the service: its payment, its contractual reduction, the patient's cost-sharing. */
function isAllowedPosting(t: Transaction): boolean {
  if (t.amountCents <= 0) return false;
  if (t.type === 'payment') return t.paymentSource !== 'patient';
  if (t.reasonGroup?.trim().toUpperCase() === 'PR') return t.type === 'transfer' || t.type === 'adjustment';
  return t.type === 'adjustment' && classifyAdjustment(t.reasonGroup, t.reasonCode) === 'contractual';
}
