/**
 * The A/R aging snapshot: for each month end, every claim's open balance (charges posted by then,
 * minus payments and adjustments posted by then), aged by days from the claim's first date of
 * service to the month end. Net of credit balances, as HFMA's net A/R is. Transfers between payer
 * and patient responsibility move no money, so they leave a claim's balance unchanged.
 */
import type { PayerClass } from '../model';
import { dayNumber, endOfMonth, type CalendarDate, type MonthKey } from '../period';
import type { Who } from './members';
import { agingBuckets, type AgingBucket, type AgingRow } from './types';

/** One claim's money movements, with the parties it is reported under. */
export interface ClaimLedger {
  readonly who: Who;
  serviceDate: CalendarDate;
  readonly patientKey: string | undefined;
  /** + charges, − payments and adjustments, each on its post date. */
  readonly events: { date: CalendarDate; cents: number }[];
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

/** Open A/R per month end × provider × location × payer class × payer × bucket. */
export function buildAging(claims: Pick<ReadonlyMap<string, ClaimLedger>, 'values'>, months: readonly MonthKey[], keyed: (w: Who) => Keyed): AgingRow[] {
  const out = new Map<string, { row: Omit<AgingRow, 'openCents' | 'claims'>; openCents: number; claims: number }>();
  const ends = months.map(endOfMonth);
  const endDays = ends.map(dayNumber);
  for (const ledger of claims.values()) {
    const events = [...ledger.events].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    const k = keyed(ledger.who);
    const serviceDay = dayNumber(ledger.serviceDate);
    let i = 0;
    let balance = 0;
    for (let mi = 0; mi < months.length; mi++) {
      const asOf = ends[mi] as CalendarDate;
      while (i < events.length && (events[i]?.date ?? '') <= asOf) {
        balance += events[i]?.cents ?? 0;
        i += 1;
      }
      if (balance === 0) continue;
      const month = months[mi] as MonthKey;
      const bucket = agingBucket((endDays[mi] ?? 0) - serviceDay);
      const id = `${month}|${k.providerKey}|${k.locationKey}|${k.payerClass}|${k.payerKey}|${bucket}`;
      let cell = out.get(id);
      if (cell === undefined) {
        cell = { row: { month, ...k, bucket }, openCents: 0, claims: 0 };
        out.set(id, cell);
      }
      cell.openCents += balance;
      cell.claims += 1;
    }
  }
  const order = new Map(agingBuckets.map((b, i) => [b, i]));
  return [...out.values()]
    .map((c) => ({ ...c.row, openCents: c.openCents, claims: c.claims }))
    .sort(
      (a, b) =>
        (a.month < b.month ? -1 : a.month > b.month ? 1 : 0) ||
        (a.providerKey < b.providerKey ? -1 : a.providerKey > b.providerKey ? 1 : 0) ||
        (a.locationKey < b.locationKey ? -1 : a.locationKey > b.locationKey ? 1 : 0) ||
        (a.payerClass < b.payerClass ? -1 : a.payerClass > b.payerClass ? 1 : 0) ||
        (a.payerKey < b.payerKey ? -1 : a.payerKey > b.payerKey ? 1 : 0) ||
        (order.get(a.bucket) ?? 0) - (order.get(b.bucket) ?? 0),
    );
}
