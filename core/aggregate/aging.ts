/**
 * The A/R aging snapshot: for each month end, every claim's open balance (charges posted by then,
 * minus payments and adjustments posted by then), aged by days from the claim's first date of
 * service to the month end. Net of credit balances, as HFMA's net A/R is. Transfers between payer
 * and patient responsibility move no money, so they leave a claim's balance unchanged.
 */
import type { PayerClass } from '../model';
import { dayNumber, endOfMonth, type MonthKey } from '../period';
import type { Who } from './members';
import { agingBuckets, type AgingBucket, type AgingRow } from './types';

/** One claim's money movements, with the parties it is reported under. */
export interface ClaimLedger {
  readonly who: Who;
  /** First day of service (core/period dayNumber). */
  readonly serviceDay: number;
  /** Days of the movements (dayNumber), in day order, and their cents (+ charges, − payments and adjustments), index for index. */
  readonly days: readonly number[];
  readonly cents: readonly number[];
}

type Keyed = { providerKey: string; locationKey: string; payerClass: PayerClass; payerKey: string };

/** The bucket for an age in days (0–30, 31–60, 61–90, 91–120, 121+). */
export function agingBucket(days: number): AgingBucket {
  if (days <= 30) return '0-30';
  if (days <= 60) return '31-60';
  if (days <= 90) return '61-90';
  if (days <= 120) return '91-120';
  return '121+';
}

/**
 * Open A/R per month end × provider × location × payer class × payer × bucket. Each ledger is read
 * as it comes and not kept (the caller may refill one object for every claim).
 */
export function buildAging(ledgers: Iterable<ClaimLedger>, months: readonly MonthKey[], keyed: (w: Who) => Keyed): AgingRow[] {
  // Cells by number: (parties × months + month) × buckets + bucket, the parties numbered as first seen.
  const out = new Map<number, { row: Omit<AgingRow, 'openCents' | 'claims'>; openCents: number; claims: number; month: number; parties: number; bucket: number }>();
  const partiesOf = new Map<Who, { index: number; keyed: Keyed }>();
  const byKeys = new Map<string, { index: number; keyed: Keyed }>();
  const endDays = months.map((m) => dayNumber(endOfMonth(m)));
  const buckets = agingBuckets.length;
  const bucketIndex = new Map(agingBuckets.map((b, i) => [b, i]));
  for (const ledger of ledgers) {
    const { days, cents } = ledger;
    let parties = partiesOf.get(ledger.who);
    if (parties === undefined) {
      // Several Who objects may key to the same members: they share one number.
      const k = keyed(ledger.who);
      const id = `${k.providerKey}|${k.locationKey}|${k.payerClass}|${k.payerKey}`;
      parties = byKeys.get(id);
      if (parties === undefined) {
        parties = { index: byKeys.size, keyed: k };
        byKeys.set(id, parties);
      }
      partiesOf.set(ledger.who, parties);
    }
    const serviceDay = ledger.serviceDay;
    let i = 0;
    let balance = 0;
    for (let mi = 0; mi < months.length; mi++) {
      const asOf = endDays[mi] as number;
      while (i < days.length && (days[i] as number) <= asOf) {
        balance += cents[i] as number;
        i += 1;
      }
      if (balance === 0) {
        // Settled, and nothing moves later: no later month end holds it either.
        if (i === days.length) break;
        continue;
      }
      const bucket = agingBucket(asOf - serviceDay);
      const id = (parties.index * months.length + mi) * buckets + (bucketIndex.get(bucket) as number);
      let cell = out.get(id);
      if (cell === undefined) {
        cell = { row: { month: months[mi] as MonthKey, ...parties.keyed, bucket }, openCents: 0, claims: 0, month: mi, parties: parties.index, bucket: bucketIndex.get(bucket) as number };
        out.set(id, cell);
      }
      cell.openCents += balance;
      cell.claims += 1;
    }
  }
  // Sorted by month end, provider, location, payer class, payer and bucket: the members ranked once.
  const ranked = [...byKeys.values()].sort(
    ({ keyed: a }, { keyed: b }) =>
      compareText(a.providerKey, b.providerKey) || compareText(a.locationKey, b.locationKey) || compareText(a.payerClass, b.payerClass) || compareText(a.payerKey, b.payerKey),
  );
  const rank = new Int32Array(ranked.length);
  ranked.forEach((p, i) => (rank[p.index] = i));
  return [...out.values()]
    .sort((a, b) => a.month - b.month || (rank[a.parties] as number) - (rank[b.parties] as number) || a.bucket - b.bucket)
    .map((c) => ({ ...c.row, openCents: c.openCents, claims: c.claims }));
}

/** Aging rows in the order buildAging gives them: month end, provider, location, payer class, payer key, bucket. */
export function compareAgingRows(a: AgingRow, b: AgingRow): number {
  return (
    compareText(a.month, b.month) ||
    compareText(a.providerKey, b.providerKey) ||
    compareText(a.locationKey, b.locationKey) ||
    compareText(a.payerClass, b.payerClass) ||
    compareText(a.payerKey, b.payerKey) ||
    agingBuckets.indexOf(a.bucket) - agingBuckets.indexOf(b.bucket)
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
