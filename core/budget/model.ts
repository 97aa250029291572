/**
 * The driver-based operating budget: every practice line's annual amount is an expression of
 * named drivers (volume × rate, FTE × hourly rate × hours × (1 + benefits load), prior year ×
 * (1 + inflation), steps), each driver has a value per scenario, and each line is spread over the
 * months by its spreading method. The same expressions become the workbook's live formulas.
 */
import { err, ok, type Result } from '../result';
import { roundCents, type Cents } from '../money';
import type { BudgetLine } from '../model';
import type { CalendarDate, MonthKey } from '../period';
import { add, drv, evaluate, mul, num, round2, roundup, type Expr } from './expression';
import { PROFILE_TOTAL, practiceHolidays, spreadByWeights, workingDaysByMonth, type SpreadMethod } from './spread';
import { depreciation } from './depreciation';

export type ScenarioName = 'base' | 'conservative' | 'optimistic';
export const scenarios: readonly ScenarioName[] = ['base', 'conservative', 'optimistic'];
export const scenarioLabels: Record<ScenarioName, string> = { base: 'Base', conservative: 'Conservative', optimistic: 'Optimistic' };

/** Payer classes the budget splits revenue by (the demo's and most practices' reporting classes). */
export const budgetPayerClasses = ['medicare', 'medicaid', 'commercial', 'self_pay', 'other'] as const;
export type BudgetPayerClass = (typeof budgetPayerClasses)[number];

/** Fixed: does not move with volume; variable: moves in proportion; step: moves in whole steps. */
export type CostBehaviour = 'fixed' | 'variable' | 'step';

export type DriverUnit = 'count' | 'days' | 'money' | 'percent' | 'hours';

export interface Driver {
  /** Excel name for the active value, e.g. `Providers` (never a cell address). */
  readonly id: string;
  readonly label: string;
  readonly unit: DriverUnit;
  readonly values: Readonly<Record<ScenarioName, number>>;
  readonly note?: string | undefined;
}

export interface StaffRole {
  /** Short id used in driver names: `MA` → `Staff_MA_FTE`, `Staff_MA_Rate`. */
  readonly id: string;
  readonly label: string;
}

export interface BudgetLineDefinition {
  /** Practice account id (core/accounts/chart.ts). */
  readonly account: string;
  readonly behaviour: CostBehaviour;
  /** Annual amount in dollars, before depreciation. */
  readonly annual: Expr;
  /** How it is described on the sheet, e.g. `encounters × mix × net revenue per encounter`. */
  readonly driverText: string;
  readonly spread: SpreadMethod;
  /** Capital depreciation is added month by month (furniture and equipment). */
  readonly addsDepreciation?: boolean | undefined;
}

export interface CapitalItem {
  readonly name: string;
  readonly costCents: Cents;
  readonly salvageCents: Cents;
  readonly lifeMonths: number;
  readonly inServiceMonth: MonthKey;
  /** When the cash goes out (purchase or final payment). */
  readonly paidMonth: MonthKey;
}

export interface BudgetAssumptions {
  readonly year: number;
  /** `encounters`: providers × clinic days × encounters per provider per day; `wrvus`: providers × wRVUs per provider. */
  readonly volumeBasis: 'encounters' | 'wrvus';
  readonly drivers: readonly Driver[];
  readonly staffRoles: readonly StaffRole[];
  readonly lines: readonly BudgetLineDefinition[];
  readonly capital: readonly CapitalItem[];
  readonly holidays: readonly CalendarDate[];
  /** Basis points per month adding to 10,000 (seasonality.ts), from prior-year actuals. */
  readonly seasonality: readonly number[];
  /** Whole-number monthly weights for lines spread manually. */
  readonly manualProfile: readonly number[];
}

/** The budget's volume: encounters or wRVUs for the year (not rounded; a rate multiplies it). */
export function volumeExpr(basis: BudgetAssumptions['volumeBasis']): Expr {
  return basis === 'wrvus' ? mul(drv('Providers'), drv('WrvusPerProvider')) : mul(drv('Providers'), drv('ClinicDays'), drv('EncountersPerProviderDay'));
}

const mixId = (c: BudgetPayerClass) => `Mix_${c}`;
const rateId = (c: BudgetPayerClass) => `NetRate_${c}`;

/** Net patient service revenue by payer class: ROUND(volume × mix × net rate, 2). */
export function revenueByClassExpr(basis: BudgetAssumptions['volumeBasis'], c: BudgetPayerClass): Expr {
  return round2(mul(volumeExpr(basis), drv(mixId(c)), drv(rateId(c))));
}

/** One staff role's cost: ROUND(FTE × hourly rate × hours per FTE × (1 + benefits load), 2). */
export function staffRoleExpr(role: StaffRole): Expr {
  return round2(mul(drv(`Staff_${role.id}_FTE`), drv(`Staff_${role.id}_Rate`), drv('HoursPerFte'), add(num(1), drv('StaffBenefitsLoad'))));
}

/** Prior year × (1 + inflation), to the cent. */
export function inflatedExpr(account: string, inflationDriver = 'CostInflation'): Expr {
  return round2(mul(drv(`PriorYear_${account}`), add(num(1), drv(inflationDriver))));
}

export interface DefaultDriverInputs {
  readonly year: number;
  readonly providers: number;
  readonly clinicDays: number;
  readonly encountersPerProviderDay: number;
  /**
   * Budget revenue on wRVUs instead of encounters: providers × wRVUs per provider, with the net
   * rates and cost rates below read per wRVU. Encounters are the default.
   */
  readonly volumeBasis?: 'encounters' | 'wrvus' | undefined;
  readonly wrvusPerProvider?: number | undefined;
  /** Prior-year share of encounters and net revenue per encounter (or per wRVU) by payer class. */
  readonly mix: Readonly<Record<BudgetPayerClass, number>>;
  readonly netRatePerEncounter: Readonly<Record<BudgetPayerClass, number>>;
  /** Prior-year actual by practice account, dollars (fixed lines grow from these). */
  readonly priorYear: Readonly<Record<string, number>>;
  readonly staff: readonly { readonly role: StaffRole; readonly fte: number; readonly hourlyRate: number }[];
  readonly providerCompPerFte: number;
  readonly suppliesPerEncounter: number;
  readonly drugsPerEncounter: number;
  readonly itCostPerProviderSeat: number;
  readonly billingPercentOfRevenue: number;
  readonly capital: readonly CapitalItem[];
  readonly seasonality: readonly number[];
}

/** Conservative and optimistic move each driver by the same small, stated amount. */
function threeWay(base: number, down: number, up: number): Record<ScenarioName, number> {
  return { base, conservative: down, optimistic: up };
}

const r4 = (x: number) => Math.round(x * 10_000) / 10_000;
const r2 = (x: number) => Math.round(x * 100) / 100;

/**
 * The practice's standard budget: drivers with base values from the prior year, conservative
 * (-5% volume, +1 point cost inflation) and optimistic (+5% volume) sets, and the line rules.
 */
export function defaultAssumptions(input: DefaultDriverInputs): BudgetAssumptions {
  const basis = input.volumeBasis ?? 'encounters';
  const unit = basis === 'wrvus' ? 'wRVU' : 'encounter';
  const wrvus = input.wrvusPerProvider ?? 0;
  const volumeDrivers: Driver[] =
    basis === 'wrvus'
      ? [{ id: 'WrvusPerProvider', label: 'wRVUs per provider FTE per year', unit: 'count', values: threeWay(wrvus, r2(wrvus * 0.95), r2(wrvus * 1.05)) }]
      : [
          { id: 'ClinicDays', label: 'Clinic days per provider per year', unit: 'days', values: threeWay(input.clinicDays, input.clinicDays, input.clinicDays) },
          {
            id: 'EncountersPerProviderDay',
            label: 'Encounters per provider per clinic day',
            unit: 'count',
            values: threeWay(input.encountersPerProviderDay, r2(input.encountersPerProviderDay * 0.95), r2(input.encountersPerProviderDay * 1.05)),
          },
        ];
  const drivers: Driver[] = [
    { id: 'Providers', label: 'Providers (FTE)', unit: 'count', values: threeWay(input.providers, input.providers, input.providers) },
    ...volumeDrivers,
    ...budgetPayerClasses.map((c) => ({
      id: mixId(c),
      label: `Payer mix: ${c.replace('_', '-')}`,
      unit: 'percent' as const,
      values: threeWay(r4(input.mix[c]), r4(input.mix[c]), r4(input.mix[c])),
    })),
    ...budgetPayerClasses.map((c) => ({
      id: rateId(c),
      label: `Net revenue per ${unit}: ${c.replace('_', '-')}`,
      unit: 'money' as const,
      values: threeWay(r2(input.netRatePerEncounter[c]), r2(input.netRatePerEncounter[c] * 0.98), r2(input.netRatePerEncounter[c] * 1.01)),
      note: `From the prior year: net payments of the class / its ${unit}s`,
    })),
    { id: 'ProviderCompPerFte', label: 'Provider compensation per FTE', unit: 'money', values: threeWay(input.providerCompPerFte, input.providerCompPerFte, input.providerCompPerFte) },
    { id: 'ProviderBenefitsLoad', label: 'Provider benefits load', unit: 'percent', values: threeWay(0.18, 0.18, 0.18) },
    ...input.staff.flatMap((s) => [
      { id: `Staff_${s.role.id}_FTE`, label: `${s.role.label}: FTE`, unit: 'count' as const, values: threeWay(s.fte, s.fte, s.fte) },
      { id: `Staff_${s.role.id}_Rate`, label: `${s.role.label}: hourly rate`, unit: 'money' as const, values: threeWay(s.hourlyRate, r2(s.hourlyRate * 1.03), s.hourlyRate) },
    ]),
    { id: 'HoursPerFte', label: 'Paid hours per FTE per year', unit: 'hours', values: threeWay(2080, 2080, 2080) },
    { id: 'StaffBenefitsLoad', label: 'Staff benefits load', unit: 'percent', values: threeWay(0.24, 0.26, 0.24) },
    { id: 'SuppliesPerEncounter', label: `Medical supplies per ${unit}`, unit: 'money', values: threeWay(input.suppliesPerEncounter, r2(input.suppliesPerEncounter * 1.05), input.suppliesPerEncounter) },
    { id: 'DrugsPerEncounter', label: `Drug supply per ${unit}`, unit: 'money', values: threeWay(input.drugsPerEncounter, r2(input.drugsPerEncounter * 1.05), input.drugsPerEncounter) },
    { id: 'ItCostPerSeat', label: 'IT cost per provider seat (whole seats)', unit: 'money', values: threeWay(input.itCostPerProviderSeat, input.itCostPerProviderSeat, input.itCostPerProviderSeat) },
    { id: 'BillingPercent', label: 'Billing and collection, % of net patient revenue', unit: 'percent', values: threeWay(input.billingPercentOfRevenue, input.billingPercentOfRevenue, input.billingPercentOfRevenue) },
    { id: 'CostInflation', label: 'Cost inflation on fixed lines', unit: 'percent', values: threeWay(0.03, 0.04, 0.025) },
    { id: 'OtherRevenueGrowth', label: 'Growth of other medical revenue', unit: 'percent', values: threeWay(0.02, 0, 0.03) },
    ...Object.entries(input.priorYear)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([account, amount]) => ({
        id: `PriorYear_${account}`,
        label: `Prior-year actual, account ${account}`,
        unit: 'money' as const,
        values: threeWay(r2(amount), r2(amount), r2(amount)),
      })),
  ];
  const revenue = add(...budgetPayerClasses.map((c) => revenueByClassExpr(basis, c)));
  const volume = volumeExpr(basis);
  const lines: BudgetLineDefinition[] = [
    { account: '4000', behaviour: 'variable', annual: revenue, driverText: `${unit}s × payer mix × net revenue per ${unit}, by payer class`, spread: 'seasonality' },
    { account: '4900', behaviour: 'fixed', annual: inflatedExpr('4900', 'OtherRevenueGrowth'), driverText: 'prior year × (1 + growth)', spread: 'even' },
    {
      account: '5000',
      behaviour: 'fixed',
      annual: round2(mul(drv('Providers'), drv('ProviderCompPerFte'), add(num(1), drv('ProviderBenefitsLoad')))),
      driverText: 'providers × compensation per FTE × (1 + benefits load)',
      spread: 'even',
    },
    {
      account: '5100',
      behaviour: 'fixed',
      annual: add(...input.staff.map((s) => staffRoleExpr(s.role))),
      driverText: 'Σ roles: FTE × hourly rate × hours × (1 + benefits load)',
      spread: 'workingDays',
    },
    { account: '5200', behaviour: 'step', annual: round2(mul(roundup(drv('Providers')), drv('ItCostPerSeat'))), driverText: 'whole provider seats × cost per seat', spread: 'even' },
    { account: '5300', behaviour: 'variable', annual: round2(mul(volume, drv('SuppliesPerEncounter'))), driverText: `${unit}s × supplies per ${unit}`, spread: 'seasonality' },
    { account: '5400', behaviour: 'variable', annual: round2(mul(volume, drv('DrugsPerEncounter'))), driverText: `${unit}s × drugs per ${unit}`, spread: 'seasonality' },
    { account: '5500', behaviour: 'fixed', annual: inflatedExpr('5500'), driverText: 'prior year × (1 + inflation)', spread: 'even' },
    { account: '5600', behaviour: 'fixed', annual: inflatedExpr('5600'), driverText: 'prior year × (1 + inflation) + capital depreciation', spread: 'even', addsDepreciation: true },
    { account: '5700', behaviour: 'fixed', annual: inflatedExpr('5700'), driverText: 'prior year × (1 + inflation)', spread: 'even' },
    { account: '5800', behaviour: 'fixed', annual: inflatedExpr('5800'), driverText: 'prior year × (1 + inflation)', spread: 'manual' },
    { account: '5900', behaviour: 'fixed', annual: inflatedExpr('5900'), driverText: 'prior year × (1 + inflation)', spread: 'even' },
    { account: '6000', behaviour: 'variable', annual: round2(mul(revenue, drv('BillingPercent'))), driverText: 'net patient revenue × billing %', spread: 'seasonality' },
    { account: '6100', behaviour: 'fixed', annual: inflatedExpr('6100'), driverText: 'prior year × (1 + inflation)', spread: 'workingDays' },
    { account: '6200', behaviour: 'fixed', annual: inflatedExpr('6200'), driverText: 'prior year × (1 + inflation)', spread: 'even' },
  ];
  return {
    year: input.year,
    volumeBasis: basis,
    drivers,
    staffRoles: input.staff.map((s) => s.role),
    lines,
    capital: input.capital,
    holidays: practiceHolidays(input.year),
    seasonality: input.seasonality,
    // Manual default: heavier in the quarter-ends, when audits and tax work fall.
    manualProfile: [1, 1, 2, 1, 1, 2, 1, 1, 2, 1, 1, 2],
  };
}

export interface BudgetedLine {
  readonly account: string;
  readonly behaviour: CostBehaviour;
  readonly spread: SpreadMethod;
  /** The driver-based annual amount, before depreciation. */
  readonly driverAnnualCents: Cents;
  /** 12 months: the spread of the driver amount plus any depreciation. */
  readonly months: readonly Cents[];
  readonly totalCents: Cents;
}

export interface Budget {
  readonly scenario: ScenarioName;
  readonly year: number;
  /** Encounters (or wRVUs) for the year. */
  readonly volume: number;
  readonly lines: readonly BudgetedLine[];
  /** Per month: Σ depreciation of the capital items, and the cash paid out for them. */
  readonly depreciation: readonly Cents[];
  readonly capitalCash: readonly Cents[];
  /** Spreading weights as the workbook holds them. */
  readonly weights: Readonly<Record<SpreadMethod, readonly number[]>>;
}

/** The budget months of `year`: `YYYY-01` … `YYYY-12`. */
export function budgetMonths(year: number): MonthKey[] {
  return Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
}

/** A driver value lookup for a scenario, with overrides (what-if: "change one driver"). */
export function driverValues(a: BudgetAssumptions, scenario: ScenarioName, overrides: Readonly<Record<string, number>> = {}): (id: string) => number {
  const map = new Map(a.drivers.map((d) => [d.id, d.values[scenario]]));
  return (id) => {
    const o = overrides[id];
    if (o !== undefined) return o;
    const v = map.get(id);
    if (v === undefined) throw new Error(`no driver named ${id}`);
    return v;
  };
}

/** The capital budget's depreciation and cash by month of `year`. */
export function capitalByMonth(items: readonly CapitalItem[], year: number): { depreciation: Cents[]; cash: Cents[]; perItem: Cents[][] } {
  const months = budgetMonths(year);
  const perItem = items.map((it) => months.map((m) => depreciation(it.costCents, it.salvageCents, it.lifeMonths, it.inServiceMonth, m)));
  return {
    perItem,
    depreciation: months.map((_, i) => perItem.reduce((s, p) => s + (p[i] ?? 0), 0)),
    cash: months.map((m) => items.reduce((s, it) => s + (it.paidMonth === m ? it.costCents : 0), 0)),
  };
}

/** The weights of each spreading method for the year, as the Seasonality sheet holds them. */
export function spreadWeights(a: BudgetAssumptions): Result<Record<SpreadMethod, readonly number[]>> {
  if (a.seasonality.length !== 12 || a.seasonality.reduce((x, y) => x + y, 0) !== PROFILE_TOTAL) return err('the seasonality profile must be 12 whole basis points adding to 10,000');
  if (a.manualProfile.length !== 12 || a.manualProfile.every((w) => w === 0)) return err('the manual profile needs 12 weights, not all zero');
  return ok({ even: Array(12).fill(1), workingDays: workingDaysByMonth(a.year, a.holidays), seasonality: a.seasonality, manual: a.manualProfile });
}

/**
 * Computes the budget of one scenario: each line's annual amount from its drivers (cents, rounded
 * once), spread over the months by its method, plus depreciation where the line takes it.
 */
export function computeBudget(a: BudgetAssumptions, scenario: ScenarioName, overrides: Readonly<Record<string, number>> = {}): Result<Budget> {
  const weights = spreadWeights(a);
  if (!weights.ok) return weights;
  const value = driverValues(a, scenario, overrides);
  const capital = capitalByMonth(a.capital, a.year);
  const lines = a.lines.map((line): BudgetedLine => {
    const driverAnnualCents = roundCents(evaluate(line.annual, value) * 100);
    const spreadMonths = spreadByWeights(driverAnnualCents, weights.value[line.spread]);
    const months = spreadMonths.map((c, i) => c + (line.addsDepreciation ? (capital.depreciation[i] ?? 0) : 0));
    return { account: line.account, behaviour: line.behaviour, spread: line.spread, driverAnnualCents, months, totalCents: months.reduce((s, c) => s + c, 0) };
  });
  return ok({
    scenario,
    year: a.year,
    volume: evaluate(volumeExpr(a.volumeBasis), value),
    lines,
    depreciation: capital.depreciation,
    capitalCash: capital.cash,
    weights: weights.value,
  });
}

/**
 * The budget as canonical BudgetLine records (one per practice account and month), the form an
 * imported budget takes too. `source` names where it came from (a file or "budget builder").
 */
export function budgetLineRecords(budget: Budget, source: string, definitions: readonly BudgetLineDefinition[] = []): BudgetLine[] {
  const driverOf = new Map(definitions.map((d) => [d.account, d.driverText]));
  const months = budgetMonths(budget.year);
  return budget.lines.flatMap((line) =>
    line.months.map((amountCents, i): BudgetLine => {
      const month = months[i] ?? '';
      const driver = driverOf.get(line.account);
      return {
        type: 'budget-line',
        key: `${budget.scenario}|${line.account}|${month}`,
        lineage: { source, profile: 'budget-builder' },
        scenario: budget.scenario,
        account: line.account,
        month,
        amountCents,
        ...(driver === undefined ? {} : { driver }),
      };
    }),
  );
}

/** Share of a line that moves with volume, for the flexible budget: variable 1, fixed and step 0. */
export function variableShare(behaviour: CostBehaviour): number {
  return behaviour === 'variable' ? 1 : 0;
}

/** Budget volume by month: the year's volume rounded to whole encounters, spread like revenue. */
export function volumeByMonth(budget: Budget): number[] {
  return spreadByWeights(Math.round(budget.volume), budget.weights.seasonality);
}
