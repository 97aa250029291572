/**
 * The Budget workbook: every driver is an input cell (one per scenario) with a named range for the
 * value in use; the Operating budget's annual amounts are live formulas of those names, spread over
 * the months on the "Spread calc" sheet by exactly the core's largest-remainder rule, so months
 * add up to the annual amount to the cent in Excel too. Capital items depreciate month by month
 * into Furniture and equipment. Inputs are user-owned and survive a rebuild.
 */
import { practiceAccount } from '../accounts/chart';
import {
  budgetMonths,
  computeBudget,
  scenarioLabels,
  scenarios,
  volumeExpr,
  revenueByClassExpr,
  staffRoleExpr,
  budgetPayerClasses,
  type Budget,
  type BudgetAssumptions,
  type CapitalItem,
  type Driver,
  type ScenarioName,
} from '../budget/model';
import { evaluate, toFormula } from '../budget/expression';
import { largestRemainder, spreadMethodLabels, spreadMethods, workingDaysByMonth, type SpreadMethod } from '../budget/spread';
import { depreciation } from '../budget/depreciation';
import type { Issue } from '../issues';
import { centsToDollars, roundCents, type Cents } from '../money';
import { err, ok, type Result } from '../result';
import { absoluteRef, cellRef, columnLetter } from './address';
import { importLogSheet } from './kpi/import-log';
import { sanitizeText } from './sanitize';
import type { CellValue, NamedRange, PlanSheet, Placed, WorkbookPlan } from './types';
import { noUserValues, type UserValues } from './user-values';

export const BUDGET_SHEETS = {
  assumptions: 'Assumptions',
  operating: 'Operating budget',
  spread: 'Spread calc',
  capital: 'Capital budget',
  scenarios: 'Scenario compare',
  seasonality: 'Seasonality',
  about: 'About',
} as const;

export interface BudgetWorkbookInput {
  readonly practiceName: string;
  readonly assumptions: BudgetAssumptions;
  readonly scenario: ScenarioName;
  /** Prior-year net patient revenue by month (cents), shown beside the seasonality profile. */
  readonly priorYearRevenueByMonth: readonly Cents[];
  readonly sources: readonly { readonly file: string; readonly rows: number }[];
  readonly issues: readonly Issue[];
  readonly userValues?: UserValues | undefined;
}

const $ = (c: Cents) => centsToDollars(c);
const MONTH_LABELS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const SCENARIO_COLUMN: Record<ScenarioName, string> = { base: 'C', conservative: 'D', optimistic: 'E' };
const DRIVER_FIRST_ROW = 8;
const MAX_HOLIDAYS = 12;
const formats = { count: 'decimal2', days: 'integer', money: 'money', percent: 'percent2', hours: 'integer' } as const;

const key = {
  scenario: 'budget:scenario',
  driver: (id: string, s: ScenarioName) => `driver:${id}:${s}`,
  spread: (account: string) => `spread:${account}`,
  seasonality: (m: number) => `seasonality:${m}`,
  manual: (m: number) => `manual:${m}`,
  holiday: (i: number) => `holiday:${i}`,
  capital: (i: number, field: string) => `capital:${i}:${field}`,
};

const num = (v: CellValue | undefined): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const monthOf = (v: CellValue | undefined): string | undefined => (v !== null && typeof v === 'object' ? v.date.slice(0, 7) : undefined);

/** The assumptions as the user left them in the previous build's input cells. */
export function applyUserInputs(a: BudgetAssumptions, scenario: ScenarioName, uv: UserValues): { assumptions: BudgetAssumptions; scenario: ScenarioName } {
  const c = uv.cells;
  const chosen = c.get(key.scenario);
  const active = scenarios.find((s) => typeof chosen === 'string' && scenarioLabels[s].toLowerCase() === chosen.trim().toLowerCase()) ?? scenario;
  const drivers = a.drivers.map(
    (d): Driver => ({
      ...d,
      values: { base: num(c.get(key.driver(d.id, 'base'))) ?? d.values.base, conservative: num(c.get(key.driver(d.id, 'conservative'))) ?? d.values.conservative, optimistic: num(c.get(key.driver(d.id, 'optimistic'))) ?? d.values.optimistic },
    }),
  );
  const lines = a.lines.map((l) => {
    const v = c.get(key.spread(l.account));
    return typeof v === 'string' && (spreadMethods as readonly string[]).includes(v.trim()) ? { ...l, spread: v.trim() as SpreadMethod } : l;
  });
  const profile = (base: readonly number[], k: (m: number) => string) => base.map((w, i) => {
    const v = num(c.get(k(i + 1)));
    return v !== undefined && Number.isSafeInteger(v) && v >= 0 ? v : w;
  });
  const holidays = Array.from({ length: MAX_HOLIDAYS }, (_, i) => {
    const v = c.get(key.holiday(i + 1));
    return v !== null && typeof v === 'object' ? v.date : a.holidays[i];
  }).filter((h): h is string => h !== undefined);
  const capital = a.capital.map((it, i): CapitalItem => {
    const cost = num(c.get(key.capital(i, 'cost')));
    const salvage = num(c.get(key.capital(i, 'salvage')));
    const life = num(c.get(key.capital(i, 'life')));
    return {
      ...it,
      costCents: cost === undefined ? it.costCents : roundCents(cost * 100),
      salvageCents: salvage === undefined ? it.salvageCents : roundCents(salvage * 100),
      lifeMonths: life !== undefined && Number.isInteger(life) && life > 0 ? life : it.lifeMonths,
      inServiceMonth: monthOf(c.get(key.capital(i, 'inService'))) ?? it.inServiceMonth,
      paidMonth: monthOf(c.get(key.capital(i, 'paid'))) ?? it.paidMonth,
    };
  });
  return {
    assumptions: { ...a, drivers, lines, holidays, capital, seasonality: profile(a.seasonality, key.seasonality), manualProfile: profile(a.manualProfile, key.manual) },
    scenario: active,
  };
}

export interface BuiltBudget {
  readonly plan: WorkbookPlan;
  readonly budget: Budget;
  /** Every scenario's budget (Scenario compare). */
  readonly byScenario: Readonly<Record<ScenarioName, Budget>>;
  readonly assumptions: BudgetAssumptions;
  /** The Assumptions cell of each driver's input per scenario, e.g. `C12` (tests edit these). */
  readonly driverCells: ReadonlyMap<string, Readonly<Record<ScenarioName, string>>>;
  /** Operating budget rows by practice account, and the net income row. */
  readonly operatingRows: ReadonlyMap<string, number>;
  readonly netIncomeRow: number;
}

/** Builds the Budget workbook plan; an error when the assumptions cannot make a budget. */
export function buildBudgetWorkbook(input: BudgetWorkbookInput): Result<BuiltBudget> {
  const applied = applyUserInputs(input.assumptions, input.scenario, input.userValues ?? noUserValues);
  const a = applied.assumptions;
  const byScenario = {} as Record<ScenarioName, Budget>;
  for (const s of scenarios) {
    const b = computeBudget(a, s);
    if (!b.ok) return err(b.error);
    byScenario[s] = b.value;
  }
  const budget = byScenario[applied.scenario];
  const driverRow = new Map(a.drivers.map((d, i) => [d.id, DRIVER_FIRST_ROW + i]));
  const named = (id: string) => {
    if (!driverRow.has(id)) throw new Error(`no driver ${id}`);
    return id;
  };
  const scenarioRef = (s: ScenarioName) => (id: string) => `${BUDGET_SHEETS.assumptions}!$${SCENARIO_COLUMN[s]}$${driverRow.get(id) ?? 0}`;
  const driverCells = new Map(a.drivers.map((d) => [d.id, { base: `C${driverRow.get(d.id)}`, conservative: `D${driverRow.get(d.id)}`, optimistic: `E${driverRow.get(d.id)}` }]));

  const operating = operatingSheet(a, budget, named);
  const plan: WorkbookPlan = {
    kind: 'budget',
    title: `${input.practiceName}: budget ${a.year}`,
    shareSafe: true,
    namedRanges: [
      { name: 'Scenario', ref: absoluteRef(BUDGET_SHEETS.assumptions, 'B4'), comment: 'Base, Conservative or Optimistic' },
      { name: 'ScenarioIndex', ref: absoluteRef(BUDGET_SHEETS.assumptions, 'B5') },
      ...a.drivers.map((d): NamedRange => ({ name: d.id, ref: absoluteRef(BUDGET_SHEETS.assumptions, `F${driverRow.get(d.id)}`), comment: d.label })),
      { name: 'Holidays', ref: `${BUDGET_SHEETS.seasonality}!$A$17:$A$${16 + MAX_HOLIDAYS}` },
    ],
    sheets: [
      assumptionsSheet(a, applied.scenario, driverRow, named),
      operating.sheet,
      spreadSheet(a, budget, operating.rows),
      capitalSheet(a),
      scenarioSheet(a, byScenario, scenarioRef),
      seasonalitySheet(a, input.priorYearRevenueByMonth),
      aboutSheet(input, applied.scenario),
      importLogSheet(input.issues),
    ],
  };
  return ok({ plan, budget, byScenario, assumptions: a, driverCells, operatingRows: operating.rows, netIncomeRow: operating.netIncomeRow });
}

function assumptionsSheet(a: BudgetAssumptions, scenario: ScenarioName, driverRow: Map<string, number>, named: (id: string) => string): PlanSheet {
  const index = scenarios.indexOf(scenario) + 1;
  const value = (id: string) => a.drivers.find((d) => d.id === id)?.values[scenario] ?? 0;
  const cells: Placed[] = [
    { at: 'A1', value: `Budget assumptions ${a.year}`, style: 'title' },
    { at: 'A2', value: 'Blue cells are yours: change any driver and every budget figure recalculates. Your values are kept when the workbook is rebuilt.', style: 'note' },
    { at: 'A4', value: 'Scenario in use', style: 'label' },
    { at: 'B4', value: scenarioLabels[scenario], style: 'input', userKey: key.scenario, note: 'Base, Conservative or Optimistic' },
    { at: 'A5', value: 'Scenario column', style: 'muted' },
    { at: 'B5', formula: 'MATCH(Scenario,$C$7:$E$7,0)', expected: index, format: 'integer' },
    ...['Driver', 'Unit', ...scenarios.map((s) => scenarioLabels[s]), 'In use', 'Name'].map((h, i): Placed => ({ at: cellRef(7, i + 1), value: h, style: 'header' })),
  ];
  for (const d of a.drivers) {
    const r = driverRow.get(d.id) ?? 0;
    const format = formats[d.unit];
    cells.push(
      { at: `A${r}`, value: sanitizeText(d.label), note: d.note },
      { at: `B${r}`, value: d.unit },
      ...scenarios.map((s): Placed => ({ at: `${SCENARIO_COLUMN[s]}${r}`, value: d.values[s], style: 'input', format, userKey: key.driver(d.id, s) })),
      { at: `F${r}`, formula: `CHOOSE(ScenarioIndex,C${r},D${r},E${r})`, expected: d.values[scenario], format },
      { at: `G${r}`, value: d.id, style: 'muted' },
    );
  }
  // What the drivers make, for reading (the Operating budget computes from the drivers directly).
  let r = DRIVER_FIRST_ROW + a.drivers.length + 1;
  cells.push({ at: `A${r}`, value: 'What the drivers give (scenario in use)', style: 'subtitle' });
  r++;
  cells.push({ at: `A${r}`, value: a.volumeBasis === 'wrvus' ? 'wRVUs for the year' : 'Encounters for the year', style: 'label' }, { at: `F${r}`, formula: toFormula(volumeExpr(a.volumeBasis), named), expected: evaluate(volumeExpr(a.volumeBasis), value), format: 'decimal1' });
  for (const c of budgetPayerClasses) {
    r++;
    const e = revenueByClassExpr(a.volumeBasis, c);
    cells.push({ at: `A${r}`, value: `Net patient revenue: ${c.replace('_', '-')}`, style: 'label' }, { at: `F${r}`, formula: toFormula(e, named), expected: evaluate(e, value), format: 'money' });
  }
  for (const role of a.staffRoles) {
    r++;
    const e = staffRoleExpr(role);
    cells.push({ at: `A${r}`, value: sanitizeText(`Staff cost: ${role.label}`), style: 'label' }, { at: `F${r}`, formula: toFormula(e, named), expected: evaluate(e, value), format: 'money' });
  }
  return { name: BUDGET_SHEETS.assumptions, cells, tables: [], columnWidths: { A: 48, B: 9, C: 14, D: 14, E: 14, F: 16, G: 26 }, frozen: { rows: 7, columns: 1 } };
}

/** Column of month m (1–12) on the Operating budget: F…Q. */
const opCol = (m: number) => columnLetter(5 + m);

function operatingSheet(a: BudgetAssumptions, budget: Budget, named: (id: string) => string): { sheet: PlanSheet; rows: Map<string, number>; netIncomeRow: number } {
  const first = 4;
  const rows = new Map(a.lines.map((l, i) => [l.account, first + i]));
  const capitalTotalRow = 4 + a.capital.length + 1;
  const cells: Placed[] = [
    { at: 'A1', value: `Operating budget ${a.year}`, style: 'title' },
    { at: 'A2', value: 'Annual = the drivers on Assumptions; months = the annual amount spread by the line\'s method (they add up to it to the cent).', style: 'note' },
    ...['Account', 'Line', 'Behaviour', 'Spread', 'Annual (drivers)', ...MONTH_LABELS, 'Total'].map((h, i): Placed => ({ at: cellRef(3, i + 1), value: h, style: 'header' })),
  ];
  budget.lines.forEach((line, i) => {
    const def = a.lines[i];
    if (def === undefined) return;
    const r = first + i;
    const acct = practiceAccount(line.account);
    cells.push(
      { at: `A${r}`, value: line.account },
      { at: `B${r}`, value: acct?.name ?? line.account, note: def.driverText },
      { at: `C${r}`, value: line.behaviour },
      { at: `D${r}`, value: line.spread, style: 'input', userKey: key.spread(line.account), note: spreadMethods.map((m) => `${m}: ${spreadMethodLabels[m]}`).join('\n') },
      { at: `E${r}`, formula: toFormula(def.annual, named), expected: $(line.driverAnnualCents), format: 'money' },
    );
    for (let m = 1; m <= 12; m++) {
      const fromSpread = `'${BUDGET_SHEETS.spread}'!${spreadMonthCol(m)}${r}/100`;
      const dep = def.addsDepreciation ? `+'${BUDGET_SHEETS.capital}'!${capCol(m)}${capitalTotalRow}` : '';
      cells.push({ at: `${opCol(m)}${r}`, formula: fromSpread + dep, expected: $(line.months[m - 1] ?? 0), format: 'money' });
    }
    cells.push({ at: `R${r}`, formula: `SUM(F${r}:Q${r})`, expected: $(line.totalCents), format: 'money', style: 'total' });
  });
  const revenue = budget.lines.filter((l) => practiceAccount(l.account)?.type === 'revenue');
  const expense = budget.lines.filter((l) => practiceAccount(l.account)?.type !== 'revenue');
  const last = first + budget.lines.length - 1;
  const revRow = last + 2;
  const expRow = last + 3;
  const niRow = last + 4;
  const sumOf = (ls: typeof revenue, m: number | 'total') => ls.reduce((s, l) => s + (m === 'total' ? l.totalCents : (l.months[m - 1] ?? 0)), 0);
  cells.push(
    { at: `B${revRow}`, value: 'Total revenue', style: 'total' },
    { at: `B${expRow}`, value: 'Total expenses', style: 'total' },
    { at: `B${niRow}`, value: 'Net income', style: 'total' },
  );
  for (const [i, col] of [...Array.from({ length: 12 }, (_, k) => opCol(k + 1)), 'R'].entries()) {
    const m = col === 'R' ? 'total' : i + 1;
    const rev = sumOf(revenue, m);
    const exp = sumOf(expense, m);
    // Revenue accounts are numbered 4xxx, expenses 5xxx and up (the practice chart).
    cells.push(
      { at: `${col}${revRow}`, formula: `SUMPRODUCT((LEFT($A$${first}:$A$${last},1)="4")*${col}${first}:${col}${last})`, expected: $(rev), format: 'money', style: 'total' },
      { at: `${col}${expRow}`, formula: `SUMPRODUCT((LEFT($A$${first}:$A$${last},1)<>"4")*${col}${first}:${col}${last})`, expected: $(exp), format: 'money', style: 'total' },
      { at: `${col}${niRow}`, formula: `${col}${revRow}-${col}${expRow}`, expected: $(rev - exp), format: 'money', style: 'total' },
    );
  }
  return {
    sheet: { name: BUDGET_SHEETS.operating, cells, tables: [], frozen: { rows: 3, columns: 2 }, columnWidths: { A: 8, B: 40, C: 9, D: 12, E: 15, R: 15 } },
    rows,
    netIncomeRow: niRow,
  };
}

/** Spread calc columns: C…N weights, P…AA remainders, AB leftover, AC…AN month cents. */
const weightCol = (m: number) => columnLetter(2 + m);
const remCol = (m: number) => columnLetter(15 + m);
const spreadMonthCol = (m: number) => columnLetter(28 + m);

function spreadSheet(a: BudgetAssumptions, budget: Budget, rows: Map<string, number>): PlanSheet {
  const cells: Placed[] = [
    { at: 'A1', value: 'How each annual amount is spread (largest remainder, to the cent)', style: 'title' },
    {
      at: 'A2',
      value: 'Month cents = INT(A·w/W), plus one cent for the months with the largest remainders A·w − W·INT(A·w/W) until the annual amount is reached (ties: earlier month).',
      style: 'note',
    },
    { at: 'A3', value: 'Account', style: 'header' },
    { at: 'B3', value: 'Annual (cents)', style: 'header' },
    ...MONTH_LABELS.map((l, i): Placed => ({ at: `${weightCol(i + 1)}3`, value: `w ${l}`, style: 'header' })),
    { at: 'O3', value: 'W', style: 'header' },
    ...MONTH_LABELS.map((l, i): Placed => ({ at: `${remCol(i + 1)}3`, value: `r ${l}`, style: 'header' })),
    { at: 'AB3', value: 'Cents left', style: 'header' },
    ...MONTH_LABELS.map((l, i): Placed => ({ at: `${spreadMonthCol(i + 1)}3`, value: `${l} (cents)`, style: 'header' })),
  ];
  for (const line of budget.lines) {
    const r = rows.get(line.account) ?? 0;
    const weights = budget.weights[line.spread];
    const parts = largestRemainder(line.driverAnnualCents, weights);
    const W = weights.reduce((s, w) => s + w, 0);
    const A = `$B${r}`;
    cells.push(
      { at: `A${r}`, value: line.account },
      { at: `B${r}`, formula: `ROUND('${BUDGET_SHEETS.operating}'!E${r}*100,0)`, expected: line.driverAnnualCents, format: 'integer' },
    );
    for (let m = 1; m <= 12; m++) {
      const w = weightCol(m);
      cells.push({
        at: `${w}${r}`,
        formula: `INDEX(${BUDGET_SHEETS.seasonality}!${w}$5:${w}$8,MATCH('${BUDGET_SHEETS.operating}'!$D${r},${BUDGET_SHEETS.seasonality}!$B$5:$B$8,0))`,
        expected: weights[m - 1] ?? 0,
        format: 'integer',
      });
    }
    cells.push({ at: `O${r}`, formula: `SUM(C${r}:N${r})`, expected: W, format: 'integer' });
    for (let m = 1; m <= 12; m++) {
      cells.push({ at: `${remCol(m)}${r}`, formula: `${A}*${weightCol(m)}${r}-$O${r}*INT(${A}*${weightCol(m)}${r}/$O${r})`, expected: parts.remainders[m - 1] ?? 0, format: 'integer' });
    }
    cells.push({ at: `AB${r}`, formula: `${A}-SUMPRODUCT(INT(${A}*$C${r}:$N${r}/$O${r}))`, expected: parts.leftover, format: 'integer' });
    for (let m = 1; m <= 12; m++) {
      const rc = remCol(m);
      cells.push({
        at: `${spreadMonthCol(m)}${r}`,
        formula: `INT(${A}*${weightCol(m)}${r}/$O${r})+IF(SUMPRODUCT(($P${r}:$AA${r}>${rc}${r})*1)+SUMPRODUCT(($P${r}:${rc}${r}=${rc}${r})*1)-1<$AB${r},1,0)`,
        expected: parts.months[m - 1] ?? 0,
        format: 'integer',
      });
    }
  }
  return { name: BUDGET_SHEETS.spread, cells, tables: [], frozen: { rows: 3, columns: 1 } };
}

/** Capital budget columns: G…R months. */
const capCol = (m: number) => columnLetter(6 + m);

function capitalSheet(a: BudgetAssumptions): PlanSheet {
  const months = budgetMonths(a.year);
  const first = 4;
  const totalRow = first + a.capital.length + 1;
  const cashRow = totalRow + 1;
  const cells: Placed[] = [
    { at: 'A1', value: `Capital budget ${a.year}`, style: 'title' },
    { at: 'A2', value: 'Straight-line depreciation from the in-service month, (cost − salvage) / life, with the odd cents in the first months; it flows into Furniture and equipment.', style: 'note' },
    ...['Item', 'Cost', 'Salvage', 'Life (months)', 'In service', 'Paid'].map((h, i): Placed => ({ at: cellRef(3, i + 1), value: h, style: 'header' })),
    ...months.map((m, i): Placed => ({ at: `${capCol(i + 1)}3`, value: { date: `${m}-01` }, format: 'month', style: 'header' })),
    { at: 'S3', value: 'Total', style: 'header' },
  ];
  a.capital.forEach((it, i) => {
    const r = first + i;
    cells.push(
      { at: `A${r}`, value: sanitizeText(it.name) },
      { at: `B${r}`, value: $(it.costCents), style: 'input', format: 'money', userKey: key.capital(i, 'cost') },
      { at: `C${r}`, value: $(it.salvageCents), style: 'input', format: 'money', userKey: key.capital(i, 'salvage') },
      { at: `D${r}`, value: it.lifeMonths, style: 'input', format: 'integer', userKey: key.capital(i, 'life') },
      { at: `E${r}`, value: { date: `${it.inServiceMonth}-01` }, style: 'input', format: 'month', userKey: key.capital(i, 'inService') },
      { at: `F${r}`, value: { date: `${it.paidMonth}-01` }, style: 'input', format: 'month', userKey: key.capital(i, 'paid') },
    );
    const D = `ROUND(($B${r}-$C${r})*100,0)`;
    let total = 0;
    months.forEach((m, k) => {
      const col = capCol(k + 1);
      const kk = `((YEAR(${col}$3)*12+MONTH(${col}$3))-(YEAR($E${r})*12+MONTH($E${r})))`;
      const cents = depreciation(it.costCents, it.salvageCents, it.lifeMonths, it.inServiceMonth, m);
      total += cents;
      cells.push({
        at: `${col}${r}`,
        formula: `IF(AND(${kk}>=0,${kk}<$D${r}),INT(${D}/$D${r})+IF(${kk}<${D}-$D${r}*INT(${D}/$D${r}),1,0),0)/100`,
        expected: $(cents),
        format: 'money',
      });
    });
    cells.push({ at: `S${r}`, formula: `SUM(G${r}:R${r})`, expected: $(total), format: 'money' });
  });
  const last = first + Math.max(a.capital.length, 1) - 1;
  cells.push({ at: `A${totalRow}`, value: 'Depreciation', style: 'total' }, { at: `A${cashRow}`, value: 'Cash paid out', style: 'total' });
  const dep = months.map((m) => a.capital.reduce((s, it) => s + depreciation(it.costCents, it.salvageCents, it.lifeMonths, it.inServiceMonth, m), 0));
  const cash = months.map((m) => a.capital.reduce((s, it) => s + (it.paidMonth === m ? it.costCents : 0), 0));
  months.forEach((_, k) => {
    const col = capCol(k + 1);
    cells.push(
      { at: `${col}${totalRow}`, formula: `SUM(${col}${first}:${col}${last})`, expected: $(dep[k] ?? 0), format: 'money', style: 'total' },
      {
        at: `${col}${cashRow}`,
        formula: `SUMPRODUCT((YEAR($F$${first}:$F$${last})=YEAR(${col}$3))*(MONTH($F$${first}:$F$${last})=MONTH(${col}$3))*$B$${first}:$B$${last})`,
        expected: $(cash[k] ?? 0),
        format: 'money',
        style: 'total',
      },
    );
  });
  cells.push(
    { at: `S${totalRow}`, formula: `SUM(G${totalRow}:R${totalRow})`, expected: $(dep.reduce((s, c) => s + c, 0)), format: 'money', style: 'total' },
    { at: `S${cashRow}`, formula: `SUM(G${cashRow}:R${cashRow})`, expected: $(cash.reduce((s, c) => s + c, 0)), format: 'money', style: 'total' },
  );
  return { name: BUDGET_SHEETS.capital, cells, tables: [], columnWidths: { A: 32, B: 13, C: 12, D: 8, E: 11, F: 11 } };
}

function scenarioSheet(a: BudgetAssumptions, byScenario: Record<ScenarioName, Budget>, ref: (s: ScenarioName) => (id: string) => string): PlanSheet {
  const capitalTotal = `SUM('${BUDGET_SHEETS.capital}'!G${4 + a.capital.length + 1}:R${4 + a.capital.length + 1})`;
  const cells: Placed[] = [
    { at: 'A1', value: 'Scenarios side by side (annual)', style: 'title' },
    ...['Account', 'Line', ...scenarios.map((s) => scenarioLabels[s])].map((h, i): Placed => ({ at: cellRef(3, i + 1), value: h, style: 'header' })),
    { at: 'B4', value: a.volumeBasis === 'wrvus' ? 'wRVUs' : 'Encounters', style: 'label' },
  ];
  scenarios.forEach((s, i) => {
    const value = (id: string) => a.drivers.find((d) => d.id === id)?.values[s] ?? 0;
    cells.push({ at: cellRef(4, 3 + i), formula: toFormula(volumeExpr(a.volumeBasis), ref(s)), expected: evaluate(volumeExpr(a.volumeBasis), value), format: 'decimal1' });
  });
  const first = 5;
  a.lines.forEach((line, li) => {
    const r = first + li;
    cells.push({ at: `A${r}`, value: line.account }, { at: `B${r}`, value: practiceAccount(line.account)?.name ?? line.account });
    scenarios.forEach((s, i) => {
      const b = byScenario[s].lines[li];
      cells.push({
        at: cellRef(r, 3 + i),
        formula: `ROUND(${toFormula(line.annual, ref(s))},2)` + (line.addsDepreciation ? `+${capitalTotal}` : ''),
        expected: $(b?.totalCents ?? 0),
        format: 'money',
      });
    });
  });
  const last = first + a.lines.length - 1;
  const rows = { rev: last + 2, exp: last + 3, ni: last + 4 };
  cells.push({ at: `B${rows.rev}`, value: 'Total revenue', style: 'total' }, { at: `B${rows.exp}`, value: 'Total expenses', style: 'total' }, { at: `B${rows.ni}`, value: 'Net income', style: 'total' });
  scenarios.forEach((s, i) => {
    const col = columnLetter(3 + i);
    const rev = byScenario[s].lines.filter((l) => l.account.startsWith('4')).reduce((x, l) => x + l.totalCents, 0);
    const exp = byScenario[s].lines.filter((l) => !l.account.startsWith('4')).reduce((x, l) => x + l.totalCents, 0);
    cells.push(
      { at: `${col}${rows.rev}`, formula: `SUMPRODUCT((LEFT($A$${first}:$A$${last},1)="4")*${col}${first}:${col}${last})`, expected: $(rev), format: 'money', style: 'total' },
      { at: `${col}${rows.exp}`, formula: `SUMPRODUCT((LEFT($A$${first}:$A$${last},1)<>"4")*${col}${first}:${col}${last})`, expected: $(exp), format: 'money', style: 'total' },
      { at: `${col}${rows.ni}`, formula: `${col}${rows.rev}-${col}${rows.exp}`, expected: $(rev - exp), format: 'money', style: 'total' },
    );
  });
  return { name: BUDGET_SHEETS.scenarios, cells, tables: [], columnWidths: { A: 8, B: 40, C: 16, D: 16, E: 16 } };
}

function seasonalitySheet(a: BudgetAssumptions, prior: readonly Cents[]): PlanSheet {
  const wd = Array.from({ length: 12 }, (_, i) => i + 1);
  const cells: Placed[] = [
    { at: 'A1', value: 'Spreading profiles', style: 'title' },
    { at: 'A2', value: 'Each line spreads its annual amount by one of these rows (the Spread column of the Operating budget). Seasonality is the prior year\'s share of the year in basis points (10,000 = 100%).', style: 'note' },
    ...['Method', 'Code', ...MONTH_LABELS, 'Total'].map((h, i): Placed => ({ at: cellRef(4, i + 1), value: h, style: 'header' })),
    { at: 'A5', value: spreadMethodLabels.even },
    { at: 'B5', value: 'even' },
    { at: 'A6', value: spreadMethodLabels.workingDays },
    { at: 'B6', value: 'workingDays' },
    { at: 'A7', value: spreadMethodLabels.seasonality },
    { at: 'B7', value: 'seasonality' },
    { at: 'A8', value: spreadMethodLabels.manual },
    { at: 'B8', value: 'manual' },
  ];
  const days = workingDaysByMonth(a.year, a.holidays);
  for (const m of wd) {
    const col = columnLetter(2 + m);
    const start = `DATE(${a.year},${m},1)`;
    cells.push(
      { at: `${col}5`, value: 1, format: 'integer' },
      { at: `${col}6`, formula: `NETWORKDAYS(${start},EOMONTH(${start},0),Holidays)`, expected: days[m - 1] ?? 0, format: 'integer' },
      { at: `${col}7`, value: a.seasonality[m - 1] ?? 0, style: 'input', format: 'integer', userKey: key.seasonality(m) },
      { at: `${col}8`, value: a.manualProfile[m - 1] ?? 0, style: 'input', format: 'integer', userKey: key.manual(m) },
      { at: `${col}11`, value: $(prior[m - 1] ?? 0), format: 'money' },
    );
  }
  const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);
  cells.push(
    { at: 'O5', formula: 'SUM(C5:N5)', expected: 12, format: 'integer' },
    { at: 'O6', formula: 'SUM(C6:N6)', expected: sum(days), format: 'integer' },
    { at: 'O7', formula: 'SUM(C7:N7)', expected: sum(a.seasonality), format: 'integer' },
    { at: 'O8', formula: 'SUM(C8:N8)', expected: sum(a.manualProfile), format: 'integer' },
    { at: 'A10', value: 'Prior year', style: 'subtitle' },
    { at: 'A11', value: 'Net patient service revenue, prior year', style: 'label' },
    { at: 'O11', formula: 'SUM(C11:N11)', expected: $(sum(prior)), format: 'money' },
    { at: 'A16', value: 'Holidays (practice closed)', style: 'header' },
  );
  for (let i = 0; i < MAX_HOLIDAYS; i++) {
    const h = a.holidays[i];
    cells.push({ at: `A${17 + i}`, value: h === undefined ? null : { date: h }, style: 'input', format: 'date', userKey: key.holiday(i + 1) });
  }
  return { name: BUDGET_SHEETS.seasonality, cells, tables: [], columnWidths: { A: 46, B: 12 } };
}

function aboutSheet(input: BudgetWorkbookInput, scenario: ScenarioName): PlanSheet {
  const cells: Placed[] = [
    { at: 'A1', value: 'About this workbook', style: 'title' },
    { at: 'A3', value: 'Practice', style: 'label' },
    { at: 'B3', value: sanitizeText(input.practiceName) },
    { at: 'A4', value: 'Budget year', style: 'label' },
    { at: 'B4', value: input.assumptions.year },
    { at: 'A5', value: 'Scenario when built', style: 'label' },
    { at: 'B5', value: scenarioLabels[scenario] },
    { at: 'A7', value: 'Revenue = volume × payer mix × net revenue per encounter (from the prior year), by payer class.', style: 'note' },
    { at: 'A8', value: 'Staff = FTE × hourly rate × paid hours × (1 + benefits load). Fixed lines = prior year × (1 + inflation). Step lines move in whole steps.', style: 'note' },
    { at: 'A9', value: 'Months always add up to the annual amount to the cent (largest remainder; see Spread calc).', style: 'note' },
    { at: 'A11', value: 'Sources', style: 'subtitle' },
  ];
  input.sources.forEach((s, i) => cells.push({ at: `A${12 + i}`, value: sanitizeText(s.file) }, { at: `B${12 + i}`, value: s.rows, format: 'integer' }));
  return { name: BUDGET_SHEETS.about, cells, tables: [], columnWidths: { A: 40, B: 20 } };
}
