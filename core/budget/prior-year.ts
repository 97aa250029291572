/**
 * Budget drivers taken from the prior year: volume and payer mix from encounters, net revenue per
 * encounter by payer class from payments, cost rates and fixed-line bases from the mapped P&L,
 * and the seasonality of revenue. The manager then edits them on the Assumptions sheet.
 */
import { issue, type Issue } from '../issues';
import { messages } from '../messages';
import type { PayerClass } from '../model';
import type { Cents } from '../money';
import type { CalendarDate } from '../period';
import { budgetPayerClasses, type BudgetPayerClass, type CapitalItem, type DefaultDriverInputs, type StaffRole } from './model';
import { PROFILE_TOTAL, seasonalityProfile, spreadByWeights } from './spread';

export interface PriorYearFacts {
  readonly year: number;
  readonly encounters: readonly { readonly date: CalendarDate; readonly providerId: string; readonly payerClass: PayerClass }[];
  /** Patient and insurance payments posted in the year (refunds negative). */
  readonly payments: readonly { readonly date: CalendarDate; readonly amountCents: Cents; readonly payerClass: PayerClass }[];
  /** Prior-year actuals by practice account: 12 months, as the P&L shows them. */
  readonly actuals: ReadonlyMap<string, readonly Cents[]>;
  readonly staff: readonly { readonly role: StaffRole; readonly fte: number; readonly hourlyRate: number }[];
  readonly capital: readonly CapitalItem[];
  readonly file: string;
}

export function budgetClassOf(c: PayerClass): BudgetPayerClass {
  return (budgetPayerClasses as readonly string[]).includes(c) ? (c as BudgetPayerClass) : 'other';
}

const r2 = (x: number) => Math.round(x * 100) / 100;

/** Driver inputs for `defaultAssumptions`, with issues for what could not be taken from the data. */
export function driversFromPriorYear(facts: PriorYearFacts): { inputs: DefaultDriverInputs; issues: Issue[] } {
  const issues: Issue[] = [];
  const inYear = (d: string) => d.startsWith(String(facts.year));
  const encounters = facts.encounters.filter((e) => inYear(e.date));
  const providers = new Set(encounters.map((e) => e.providerId));
  const providerDays = new Set(encounters.map((e) => `${e.providerId}|${e.date}`));
  const providerCount = Math.max(providers.size, 1);
  const clinicDays = Math.round(providerDays.size / providerCount) || 220;
  const perDay = providerDays.size === 0 ? 20 : r2(encounters.length / providerDays.size);
  const count = new Map<BudgetPayerClass, number>();
  for (const e of encounters) count.set(budgetClassOf(e.payerClass), (count.get(budgetClassOf(e.payerClass)) ?? 0) + 1);
  const paid = new Map<BudgetPayerClass, Cents>();
  let paidTotal = 0;
  for (const p of facts.payments) {
    if (!inYear(p.date)) continue;
    paid.set(budgetClassOf(p.payerClass), (paid.get(budgetClassOf(p.payerClass)) ?? 0) + p.amountCents);
    paidTotal += p.amountCents;
  }
  const average = encounters.length === 0 ? 0 : paidTotal / 100 / encounters.length;
  // Mix in whole basis points adding to 100%, so the budget's volume splits without a remainder.
  const mixBp = encounters.length === 0 ? [PROFILE_TOTAL, 0, 0, 0, 0] : spreadByWeights(PROFILE_TOTAL, budgetPayerClasses.map((c) => count.get(c) ?? 0));
  const mix = Object.fromEntries(budgetPayerClasses.map((c, i) => [c, (mixBp[i] ?? 0) / PROFILE_TOTAL])) as Record<BudgetPayerClass, number>;
  const netRatePerEncounter = Object.fromEntries(
    budgetPayerClasses.map((c) => {
      const n = count.get(c) ?? 0;
      return [c, n === 0 ? r2(average) : r2((paid.get(c) ?? 0) / 100 / n)];
    }),
  ) as Record<BudgetPayerClass, number>;
  const annual = (account: string) => (facts.actuals.get(account) ?? []).reduce((s, c) => s + c, 0) / 100;
  const volume = Math.max(encounters.length, 1);
  const priorYear: Record<string, number> = {};
  for (const account of ['4900', '5500', '5600', '5700', '5800', '5900', '6100', '6200']) priorYear[account] = r2(annual(account));
  const revenueMonths = facts.actuals.get('4000') ?? [];
  const profile = seasonalityProfile(revenueMonths.length === 12 ? revenueMonths : Array(12).fill(0));
  if (!profile.ok) issues.push(issue('seasonality-even', 'warning', messages.seasonalityFallback(profile.error), { file: facts.file }));
  const seasonality = profile.ok ? profile.value : spreadByWeights(PROFILE_TOTAL, Array(12).fill(1));
  return {
    issues,
    inputs: {
      year: facts.year + 1,
      providers: providerCount,
      clinicDays,
      encountersPerProviderDay: perDay,
      mix,
      netRatePerEncounter,
      priorYear,
      staff: facts.staff,
      providerCompPerFte: r2(annual('5000') / providerCount / 1.18),
      suppliesPerEncounter: r2(annual('5300') / volume),
      drugsPerEncounter: r2(annual('5400') / volume),
      itCostPerProviderSeat: r2(annual('5200') / Math.ceil(providerCount)),
      billingPercentOfRevenue: annual('4000') === 0 ? 0.045 : Math.round((annual('6000') / annual('4000')) * 10_000) / 10_000,
      capital: facts.capital,
      seasonality,
    },
  };
}
