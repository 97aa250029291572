/**
 * The Variance workbook: actual vs budget by practice account and month, live in Excel. Actuals sit
 * at GL account × month on the Actuals sheet and reach the practice lines through the Mapping
 * sheet's user-owned "Practice account" column, so remapping an account in Excel moves its money
 * at once. Comments and owners are user-owned columns keyed by account + month: they survive
 * every rebuild. Share-safe: no custom functions, no patient data.
 */
import { practiceChart, UNMAPPED } from '../accounts/chart';
import { accountLabel, type MappingRule } from '../accounts/mapping';
import type { Issue } from '../issues';
import { centsToDollars, type Cents } from '../money';
import { LARGEST_COUNT, varianceReport, type VarianceInput, type VarianceReport } from '../variance/report';
import type { MaterialityMode } from '../variance/variance';
import { absoluteRef } from './address';
import { importLogSheet } from './kpi/import-log';
import { sanitizeText } from './sanitize';
import type { CellValue, PlanSheet, Placed, TableColumn, WorkbookPlan } from './types';
import { noUserValues, userRowKey, type UserValues } from './user-values';

export const VARIANCE_SHEETS = { summary: 'Owner summary', variance: 'Variance', actuals: 'Actuals', mapping: 'Mapping', about: 'About' } as const;

export interface VarianceWorkbookInput extends VarianceInput {
  readonly practiceName: string;
  /** Which budget the actuals are compared with, e.g. `Base scenario`. */
  readonly budgetLabel: string;
  /** Files read, with the rows each gave (About sheet). */
  readonly sources: readonly { readonly file: string; readonly rows: number }[];
  readonly issues: readonly Issue[];
  /** Values the user typed in the previous build: comments, owners, mapping, thresholds. */
  readonly userValues?: UserValues | undefined;
}

const $ = (cents: Cents) => centsToDollars(cents);
const typeLabel = (t: 'revenue' | 'expense') => (t === 'revenue' ? 'Revenue' : 'Expense');

const userKeys = { abs: 'materiality:absolute', pct: 'materiality:percent', mode: 'materiality:mode' } as const;

/** Thresholds and GL-account mapping as the user left them in the workbook, over the build's defaults. */
function resolveUserSettings(input: VarianceWorkbookInput): { input: VarianceInput; overrides: Map<string, string> } {
  const uv = input.userValues ?? noUserValues;
  const abs = uv.cells.get(userKeys.abs);
  const pct = uv.cells.get(userKeys.pct);
  const mode = uv.cells.get(userKeys.mode);
  const materiality = {
    absoluteCents: typeof abs === 'number' ? Math.round(abs * 100) : input.materiality.absoluteCents,
    percent: typeof pct === 'number' ? pct : input.materiality.percent,
    mode: (typeof mode === 'string' && /^(and|or)$/i.test(mode.trim()) ? mode.trim().toUpperCase() : input.materiality.mode) as MaterialityMode,
  };
  const overrides = new Map(input.overrides ?? []);
  const labels = new Set(input.actuals.map((a) => accountLabel(a.account)));
  for (const label of labels) {
    const v = uv.rows.get(userRowKey('GlAccounts', [label], 'Practice account'));
    if (v !== undefined && v !== null && typeof v !== 'object') overrides.set(label, String(v).trim());
  }
  return { input: { ...input, materiality, overrides }, overrides };
}

/** Builds the Variance workbook plan, with the core's expected value on every formula. */
export function buildVarianceWorkbook(raw: VarianceWorkbookInput): { plan: WorkbookPlan; report: VarianceReport } {
  const { input } = resolveUserSettings(raw);
  const report = varianceReport(input);
  const uv = raw.userValues ?? noUserValues;
  const plan: WorkbookPlan = {
    kind: 'variance',
    title: `${raw.practiceName}: budget vs actual ${raw.year}`,
    shareSafe: true,
    namedRanges: [
      { name: 'AsOfMonth', ref: absoluteRef(VARIANCE_SHEETS.summary, 'B4'), comment: 'Last month with actuals (1–12)' },
      { name: 'MatAbs', ref: absoluteRef(VARIANCE_SHEETS.summary, 'B6'), comment: 'Materiality: absolute threshold in dollars' },
      { name: 'MatPct', ref: absoluteRef(VARIANCE_SHEETS.summary, 'B7'), comment: 'Materiality: percent-of-budget threshold' },
      { name: 'MatMode', ref: absoluteRef(VARIANCE_SHEETS.summary, 'B8'), comment: 'AND: both thresholds; OR: either' },
    ],
    sheets: [
      summarySheet(raw, input, report),
      varianceSheet(report, uv),
      actualsSheet(report, input),
      mappingSheet(report, input.rules),
      aboutSheet(raw, report),
      importLogSheet([...raw.issues, ...report.mapped.issues]),
    ],
  };
  return { plan, report };
}

/** `Revenue − Expense` of a Variance column under extra SUMIFS criteria. */
function netIncomeFormula(column: string, criteria: string): string {
  return `SUMIFS(Variance[${column}],Variance[Type],"Revenue"${criteria})-SUMIFS(Variance[${column}],Variance[Type],"Expense"${criteria})`;
}

function summarySheet(raw: VarianceWorkbookInput, input: VarianceInput, report: VarianceReport): PlanSheet {
  const m = input.materiality;
  const month = `${raw.year}-${String(raw.asOfMonth).padStart(2, '0')}`;
  const pct = (d: Cents, b: Cents) => (b === 0 ? null : d / Math.abs(b));
  const niRow = (row: number, label: string, criteria: string, v: { actual: Cents; budget: Cents }): Placed[] => [
    { at: `A${row}`, value: label, style: 'label' },
    { at: `B${row}`, formula: netIncomeFormula('Actual', criteria), expected: $(v.actual), format: 'money' },
    { at: `C${row}`, formula: netIncomeFormula('Budget', criteria), expected: $(v.budget), format: 'money' },
    { at: `D${row}`, formula: `B${row}-C${row}`, expected: $(v.actual - v.budget), format: 'money' },
    { at: `E${row}`, formula: `IF(C${row}=0,"",D${row}/ABS(C${row}))`, expected: pct(v.actual - v.budget, v.budget), format: 'percent' },
  ];
  const cells: Placed[] = [
    { at: 'A1', value: sanitizeText(`${raw.practiceName}: budget vs actual, ${raw.year}`), style: 'title' },
    { at: 'A2', value: sanitizeText(`Compared with: ${raw.budgetLabel}`), style: 'subtitle' },
    { at: 'A3', value: 'Actuals through', style: 'label' },
    { at: 'B3', value: month },
    { at: 'A4', value: 'Month number', style: 'label' },
    { at: 'B4', value: raw.asOfMonth, format: 'integer' },
    { at: 'A5', value: 'Materiality (change these; they are kept when the workbook is rebuilt)', style: 'subtitle' },
    { at: 'A6', value: 'Variance of at least ($)', style: 'label' },
    { at: 'B6', value: $(m.absoluteCents), style: 'input', format: 'money', userKey: userKeys.abs },
    { at: 'A7', value: 'Variance of at least (% of budget)', style: 'label' },
    { at: 'B7', value: m.percent, style: 'input', format: 'percent', userKey: userKeys.pct },
    { at: 'A8', value: 'Combine the two (AND / OR)', style: 'label' },
    { at: 'B8', value: m.mode, style: 'input', userKey: userKeys.mode, note: 'AND: flag only when both are exceeded. OR: either. With a zero budget only the amount counts.' },
    { at: 'A10', value: '', style: 'header' },
    { at: 'B10', value: 'Actual', style: 'header' },
    { at: 'C10', value: 'Budget', style: 'header' },
    { at: 'D10', value: 'Variance', style: 'header' },
    { at: 'E10', value: 'Variance %', style: 'header' },
    ...niRow(11, 'Net income, month', ',Variance[Month no.],AsOfMonth', report.monthNetIncome),
    ...niRow(12, 'Net income, year to date', ',Variance[Month no.],"<="&AsOfMonth', report.ytdNetIncome),
    { at: 'A14', value: `Largest favourable variances, year to date`, style: 'subtitle' },
    { at: 'A19', value: `Largest unfavourable variances, year to date`, style: 'subtitle' },
  ];
  // Blank rather than listing a line that is on budget or on the other side.
  for (let k = 1; k <= LARGEST_COUNT; k++) {
    const fav = report.largestFavourable[k - 1];
    const unf = report.largestUnfavourable[k - 1];
    const large = `LARGE(LineYtd[Favourable],${k})`;
    const small = `SMALL(LineYtd[Favourable],${k})`;
    cells.push(
      { at: `A${14 + k}`, formula: `IF(${large}>0,INDEX(LineYtd[Line],MATCH(${large},LineYtd[Favourable],0)),"")`, expected: fav?.account.name ?? null },
      { at: `B${14 + k}`, formula: `IF(${large}>0,${large},"")`, expected: fav === undefined ? null : $(fav.cents), format: 'money' },
      { at: `A${19 + k}`, formula: `IF(${small}<0,INDEX(LineYtd[Line],MATCH(${small},LineYtd[Favourable],0)),"")`, expected: unf?.account.name ?? null },
      { at: `B${19 + k}`, formula: `IF(${small}<0,${small},"")`, expected: unf === undefined ? null : $(unf.cents), format: 'money' },
    );
  }
  const trendAt = 25;
  cells.push({ at: `A${trendAt - 1}`, value: 'Net income by month', style: 'subtitle' });
  return {
    name: VARIANCE_SHEETS.summary,
    cells,
    columnWidths: { A: 44, B: 16, C: 16, D: 16, E: 12, G: 9, H: 40, I: 10, J: 16, K: 16, L: 16 },
    tables: [
      {
        at: `A${trendAt}`,
        table: {
          name: 'Trend',
          columns: [
            { name: 'Month no.', type: 'integer' },
            { name: 'Month', type: 'text' },
            { name: 'Actual net income', type: 'money', formula: netIncomeFormula('Actual', ',Variance[Month no.],[@[Month no.]]'), expected: report.trend.map((t) => $(t.actualNetIncome)) },
            { name: 'Budget net income', type: 'money', formula: netIncomeFormula('Budget', ',Variance[Month no.],[@[Month no.]]'), expected: report.trend.map((t) => $(t.budgetNetIncome)) },
            { name: 'Variance', type: 'money', formula: '[@[Actual net income]]-[@[Budget net income]]', expected: report.trend.map((t) => $(t.actualNetIncome - t.budgetNetIncome)) },
          ],
          rows: report.trend.map((t) => [t.monthNo, t.month, null, null, null]),
        },
      },
      {
        at: 'G10',
        table: {
          name: 'LineYtd',
          columns: [
            { name: 'Account', type: 'text' },
            { name: 'Line', type: 'text' },
            { name: 'Type', type: 'text' },
            { name: 'YTD actual', type: 'money', formula: 'SUMIFS(Variance[Actual],Variance[Account],[@Account],Variance[Month no.],"<="&AsOfMonth)', expected: report.lines.map((l) => $(l.ytdActual)) },
            { name: 'YTD budget', type: 'money', formula: 'SUMIFS(Variance[Budget],Variance[Account],[@Account],Variance[Month no.],"<="&AsOfMonth)', expected: report.lines.map((l) => $(l.ytdBudget)) },
            {
              name: 'Favourable',
              type: 'money',
              note: 'Positive: better than budget (revenue above, expense below). Negative: worse.',
              formula: 'IF([@Type]="Revenue",[@[YTD actual]]-[@[YTD budget]],[@[YTD budget]]-[@[YTD actual]])',
              expected: report.lines.map((l) => $(l.favourableCents)),
            },
          ],
          rows: report.lines.map((l) => [l.account.id, l.account.name, typeLabel(l.account.type), null, null, null]),
        },
      },
    ],
    charts: [
      {
        kind: 'line',
        title: 'Net income: actual vs budget',
        anchor: `G${12 + practiceChart.length + 3}`,
        size: { columns: 6, rows: 14 },
        categories: `B${trendAt + 1}:B${trendAt + report.trend.length}`,
        series: [
          { name: 'Actual', values: `C${trendAt + 1}:C${trendAt + report.trend.length}` },
          { name: 'Budget', values: `D${trendAt + 1}:D${trendAt + report.trend.length}` },
        ],
      },
    ],
    conditionalFormats: [
      { range: 'D11:D12', rules: [{ kind: 'cellIs', operator: 'lessThan', formulae: ['0'], style: 'bad' }, { kind: 'cellIs', operator: 'greaterThan', formulae: ['0'], style: 'good' }] },
    ],
  };
}

// With a zero budget there is no percent: the percent test passes under AND and fails under OR,
// so only the amount decides (IF, not OR/AND, so no division by zero is ever evaluated).
const PCT_HIT = 'ROUND(ABS([@Variance])/ABS([@Budget]),10)>=MatPct';
const ABS_HIT = 'ABS(ROUND([@Variance],2))>=MatAbs';
const MATERIAL = `IF(IF(MatMode="AND",AND(${ABS_HIT},IF([@Budget]=0,TRUE,${PCT_HIT})),OR(${ABS_HIT},IF([@Budget]=0,FALSE,${PCT_HIT}))),"Yes","")`;

function varianceSheet(report: VarianceReport, uv: UserValues): PlanSheet {
  const rows = report.rows;
  const col = (c: TableColumn) => c;
  // What the user typed comes back as text, quote-prefixed like any other text that could look like a formula.
  const user = (r: (typeof rows)[number], column: string): CellValue => {
    const v = uv.rows.get(userRowKey('Variance', [r.account.id, r.month], column)) ?? null;
    return typeof v === 'string' ? sanitizeText(v) : v;
  };
  const columns: TableColumn[] = [
    col({ name: 'Account', type: 'text', width: 9 }),
    col({ name: 'Line', type: 'text', width: 36 }),
    col({ name: 'Type', type: 'text', width: 9 }),
    col({ name: 'Month', type: 'text', width: 9 }),
    col({ name: 'Month no.', type: 'integer', width: 7 }),
    col({
      name: 'Actual',
      type: 'money',
      note: 'From the Actuals sheet: GL amounts of the accounts mapped to this line',
      formula: 'SUMIFS(Actuals[Amount],Actuals[Practice account],[@Account],Actuals[Month no.],[@[Month no.]])',
      expected: rows.map((r) => $(r.actual)),
    }),
    col({ name: 'Budget', type: 'money' }),
    col({ name: 'Variance', type: 'money', formula: '[@Actual]-[@Budget]', expected: rows.map((r) => $(r.actual - r.budget)) }),
    col({ name: 'Variance %', type: 'percent', formula: 'IF([@Budget]=0,"",([@Actual]-[@Budget])/ABS([@Budget]))', expected: rows.map((r) => r.percent) }),
    col({
      name: 'F/U',
      type: 'text',
      width: 5,
      note: 'F: favourable (revenue above budget, expense below). U: unfavourable.',
      formula: 'IF([@Actual]=[@Budget],"",IF(([@Type]="Revenue")=([@Actual]>[@Budget]),"F","U"))',
      expected: rows.map((r) => (r.favourable === null ? null : r.favourable ? 'F' : 'U')),
    }),
    col({ name: 'Material', type: 'text', width: 8, formula: MATERIAL, expected: rows.map((r) => (r.material ? 'Yes' : null)) }),
    col({ name: 'YTD actual', type: 'money', formula: 'SUMIFS(Variance[Actual],Variance[Account],[@Account],Variance[Month no.],"<="&[@[Month no.]])', expected: rows.map((r) => $(r.ytdActual)) }),
    col({ name: 'YTD budget', type: 'money', formula: 'SUMIFS(Variance[Budget],Variance[Account],[@Account],Variance[Month no.],"<="&[@[Month no.]])', expected: rows.map((r) => $(r.ytdBudget)) }),
    col({ name: 'YTD variance', type: 'money', formula: '[@[YTD actual]]-[@[YTD budget]]', expected: rows.map((r) => $(r.ytdActual - r.ytdBudget)) }),
    col({ name: 'Budget volume', type: 'integer', note: 'Budgeted encounters in the month' }),
    col({ name: 'Actual volume', type: 'integer', note: 'Encounters seen in the month' }),
    col({ name: 'Variable share', type: 'percent', note: 'Share of the line that moves with volume (variable lines 100%, fixed and step 0%)' }),
    col({
      name: 'Flexible budget',
      type: 'money',
      note: 'The budget restated at actual volume',
      formula: 'IF([@[Budget volume]]=0,[@Budget],[@Budget]+ROUND([@Budget]*[@[Variable share]]*([@[Actual volume]]-[@[Budget volume]])/[@[Budget volume]],2))',
      expected: rows.map((r) => $(r.flexible)),
    }),
    col({ name: 'Volume variance', type: 'money', formula: '[@[Flexible budget]]-[@Budget]', expected: rows.map((r) => $(r.volume)) }),
    col({ name: 'Input units', type: 'number', format: 'decimal2', note: 'Actual input quantity, e.g. paid staff hours; blank when not known' }),
    col({ name: 'Standard cost per unit', type: 'money', note: 'Budgeted cost per input unit' }),
    col({
      name: 'Actual at standard',
      type: 'money',
      formula: 'IF([@[Input units]]="",[@[Flexible budget]],ROUND([@[Input units]]*[@[Standard cost per unit]],2))',
      expected: rows.map((r) => $(r.atStandard)),
    }),
    col({ name: 'Efficiency variance', type: 'money', formula: '[@[Actual at standard]]-[@[Flexible budget]]', expected: rows.map((r) => $(r.efficiency)) }),
    col({ name: 'Rate variance', type: 'money', formula: '[@Actual]-[@[Actual at standard]]', expected: rows.map((r) => $(r.rate)) }),
    col({ name: 'Comment', type: 'text', width: 40, userOwned: true }),
    col({ name: 'Owner', type: 'text', width: 14, userOwned: true }),
  ];
  const n = rows.length;
  const fu = `J2:J${n + 1}`;
  return {
    name: VARIANCE_SHEETS.variance,
    cells: [],
    frozen: { rows: 1, columns: 4 },
    tables: [
      {
        at: 'A1',
        table: {
          name: 'Variance',
          rowKey: ['Account', 'Month'],
          columns,
          rows: rows.map((r) => [
            r.account.id,
            r.account.name,
            typeLabel(r.account.type),
            r.month,
            r.monthNo,
            null,
            $(r.budget),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            r.budgetVolume,
            r.actualVolume,
            r.variableShare,
            null,
            null,
            r.inputUnits ?? null,
            r.standardPriceCents === undefined ? null : r.standardPriceCents / 100,
            null,
            null,
            null,
            user(r, 'Comment'),
            user(r, 'Owner'),
          ]),
        },
      },
    ],
    conditionalFormats: [
      {
        range: fu,
        rules: [
          { kind: 'expression', formula: 'J2="U"', style: 'bad' },
          { kind: 'expression', formula: 'J2="F"', style: 'good' },
        ],
      },
      { range: `K2:K${n + 1}`, rules: [{ kind: 'expression', formula: 'K2="Yes"', style: 'warn' }] },
    ],
  };
}

function actualsSheet(report: VarianceReport, input: VarianceInput): PlanSheet {
  // One row per GL account and month: the grain the mapping formulas need.
  const byKey = new Map<string, { label: string; month: string; debit: Cents }>();
  for (const a of input.actuals) {
    const label = accountLabel(a.account);
    // Balance-sheet accounts are not P&L lines (mapping.ts): they are left out here as in the core.
    if (!report.mapped.accounts.has(label)) continue;
    const key = `${label}\u241f${a.month}`;
    const row = byKey.get(key) ?? { label, month: a.month, debit: 0 };
    row.debit += a.debitCents;
    byKey.set(key, row);
  }
  const rows = [...byKey.values()].sort((x, y) => (x.label === y.label ? x.month.localeCompare(y.month) : x.label.localeCompare(y.label)));
  const lineOf = (label: string) => report.mapped.accounts.get(label)?.line ?? UNMAPPED;
  const chartType = (id: string) => practiceChart.find((c) => c.id === id)?.type ?? 'expense';
  return {
    name: VARIANCE_SHEETS.actuals,
    cells: [],
    frozen: { rows: 1, columns: 1 },
    tables: [
      {
        at: 'A1',
        table: {
          name: 'Actuals',
          columns: [
            { name: 'GL account', type: 'text', width: 36 },
            { name: 'Month', type: 'text', width: 9 },
            { name: 'Month no.', type: 'integer', width: 7 },
            { name: 'Debit amount', type: 'money', note: 'Debits positive, credits negative, as the ledger keeps them' },
            {
              name: 'Practice account',
              type: 'text',
              formula: 'IFERROR(INDEX(Chart[Account],MATCH(INDEX(GlAccounts[Practice account],MATCH([@[GL account]],GlAccounts[GL account],0))&"",Chart[Account],0)),"9999")',
              expected: rows.map((r) => lineOf(r.label)),
            },
            { name: 'Type', type: 'text', formula: 'INDEX(Chart[Type],MATCH([@[Practice account]],Chart[Account],0))', expected: rows.map((r) => typeLabel(chartType(lineOf(r.label)))) },
            {
              name: 'Amount',
              type: 'money',
              note: 'As the P&L shows it: revenue and expense positive',
              formula: 'IF([@Type]="Revenue",-[@[Debit amount]],[@[Debit amount]])',
              expected: rows.map((r) => $(chartType(lineOf(r.label)) === 'revenue' ? -r.debit : r.debit)),
            },
          ],
          rows: rows.map((r) => [sanitizeText(r.label), r.month, Number(r.month.slice(5, 7)), $(r.debit), null, null, null]),
        },
      },
    ],
  };
}

function ruleText(rule: MappingRule): [string, string, string] {
  switch (rule.kind) {
    case 'range':
      return ['Number range', rule.from, rule.to];
    case 'prefix':
      return ['Number starts with', rule.prefix, ''];
    case 'name':
      return ['Name matches', rule.pattern, ''];
  }
}

function mappingSheet(report: VarianceReport, rules: readonly MappingRule[]): PlanSheet {
  const accounts = [...report.mapped.accounts.entries()].sort(([a], [b]) => a.localeCompare(b));
  const lineName = (id: string) => practiceChart.find((c) => c.id === id)?.name ?? 'Unmapped';
  return {
    name: VARIANCE_SHEETS.mapping,
    cells: [
      { at: 'A1', value: 'GL accounts and the practice line each one reports on', style: 'title' },
      {
        at: 'A2',
        value: 'Change "Practice account" to remap an account: the Variance sheet follows at once, and your choice is kept when the workbook is rebuilt. Unmapped money waits on line 9999.',
        style: 'note',
      },
      { at: 'I2', value: 'Practice chart (MGMA-style categories)', style: 'subtitle' },
      { at: 'N2', value: 'Mapping rules (first match wins)', style: 'subtitle' },
    ],
    columnWidths: { A: 36, B: 10, C: 30, D: 12, E: 36, F: 14, I: 9, J: 40, K: 9, L: 50, N: 7, O: 20, P: 40, Q: 10, R: 12 },
    tables: [
      {
        at: 'A4',
        table: {
          name: 'GlAccounts',
          rowKey: ['GL account'],
          columns: [
            { name: 'GL account', type: 'text' },
            { name: 'Number', type: 'text' },
            { name: 'Name', type: 'text' },
            { name: 'Practice account', type: 'text', userOwned: true },
            { name: 'Practice line', type: 'text', formula: 'IFERROR(INDEX(Chart[Line],MATCH([@[Practice account]]&"",Chart[Account],0)),"Unmapped")', expected: accounts.map(([, a]) => lineName(a.line)) },
            { name: 'Net debit', type: 'money' },
          ],
          // Unmapped accounts are left blank (not 9999), so a rebuild maps them by the rules until someone picks a line.
          rows: accounts.map(([label, a]) => [sanitizeText(label), sanitizeText(a.account.number ?? ''), sanitizeText(a.account.name), a.line === UNMAPPED ? null : a.line, null, $(a.debitCents)]),
        },
      },
      {
        at: 'I4',
        table: {
          name: 'Chart',
          columns: [
            { name: 'Account', type: 'text' },
            { name: 'Line', type: 'text' },
            { name: 'Type', type: 'text' },
            { name: 'MGMA category', type: 'text' },
          ],
          rows: practiceChart.map((c) => [c.id, c.name, typeLabel(c.type), c.mgmaCategory]),
        },
      },
      {
        at: 'N4',
        table: {
          name: 'MappingRules',
          columns: [
            { name: 'Order', type: 'integer' },
            { name: 'Rule', type: 'text' },
            { name: 'From / prefix / pattern', type: 'text' },
            { name: 'To', type: 'text' },
            { name: 'Practice account', type: 'text' },
          ],
          rows: rules.map((r, i) => {
            const [kind, a, b] = ruleText(r);
            return [i + 1, kind, sanitizeText(a), sanitizeText(b), r.account];
          }),
        },
      },
    ],
  };
}

function aboutSheet(raw: VarianceWorkbookInput, report: VarianceReport): PlanSheet {
  const unmapped = [...report.mapped.accounts.values()].filter((a) => a.line === UNMAPPED).length;
  const cells: Placed[] = [
    { at: 'A1', value: 'About this workbook', style: 'title' },
    { at: 'A3', value: 'Practice', style: 'label' },
    { at: 'B3', value: sanitizeText(raw.practiceName) },
    { at: 'A4', value: 'Budget year', style: 'label' },
    { at: 'B4', value: raw.year },
    { at: 'A5', value: 'Actuals through month', style: 'label' },
    { at: 'B5', value: raw.asOfMonth },
    { at: 'A6', value: 'Compared with', style: 'label' },
    { at: 'B6', value: sanitizeText(raw.budgetLabel) },
    { at: 'A7', value: 'GL accounts read', style: 'label' },
    { at: 'B7', value: report.mapped.accounts.size },
    { at: 'A8', value: 'GL accounts not mapped', style: 'label' },
    { at: 'B8', value: unmapped, style: unmapped > 0 ? 'warn' : undefined },
    { at: 'A10', value: 'How to read it', style: 'subtitle' },
    { at: 'A11', value: 'Variance = actual − budget. F/U: revenue above budget and expense below budget are favourable.', style: 'note' },
    { at: 'A12', value: 'Flexible budget = budget + variable share × budget × (actual volume − budget volume) / budget volume.', style: 'note' },
    { at: 'A13', value: 'Volume variance = flexible − budget; efficiency = actual inputs at standard cost − flexible; rate = actual − actual inputs at standard cost. The three add up to the variance.', style: 'note' },
    { at: 'A14', value: 'Comments, owners, thresholds and the account mapping are yours: they are kept when the workbook is rebuilt with new actuals.', style: 'note' },
    { at: 'A16', value: 'Sources', style: 'subtitle' },
  ];
  raw.sources.forEach((s, i) => {
    cells.push({ at: `A${17 + i}`, value: sanitizeText(s.file) }, { at: `B${17 + i}`, value: s.rows, format: 'integer' });
  });
  return { name: VARIANCE_SHEETS.about, cells, tables: [], columnWidths: { A: 40, B: 30 } };
}
