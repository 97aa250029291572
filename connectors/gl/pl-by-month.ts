/**
 * "Profit and loss by month" reports (QuickBooks, Xero, Sage): title lines, a header row of months
 * and a total column, then accounts as rows under section headers (Income, Expenses…), with
 * subtotal rows (Total Income, Gross Profit, Total Payroll…) and the report's own net income line.
 * Account rows become PlLine records; headers and subtotals are skipped so nothing counts twice,
 * and the account rows are tied back to the report's net income line, month by month.
 */
import { issue, type Issue } from '../../core/issues';
import { messages } from '../../core/messages';
import type { PlLine, PlSection } from '../../core/model';
import { formatCents, parseMoney, type Cents } from '../../core/money';
import { parseMonth, type MonthKey } from '../../core/period';
import { splitAccount } from './account';

export const PL_PROFILE = 'pl-by-month';

export interface PlHeader {
  readonly row: number;
  /** Column index → month. */
  readonly months: ReadonlyMap<number, MonthKey>;
  readonly totalColumn: number | undefined;
}

/** The header row: the first of the top rows with at least two month columns. */
export function findPlHeader(rows: readonly (readonly string[])[]): PlHeader | undefined {
  for (let r = 0; r < Math.min(rows.length, 30); r++) {
    const row = rows[r] ?? [];
    const months = new Map<number, MonthKey>();
    row.forEach((cell, c) => {
      const m = parseMonth(cell);
      if (m !== undefined) months.set(c, m);
    });
    if (months.size < 2) continue;
    const last = Math.max(...months.keys());
    const totalColumn = row.findIndex((cell, c) => c > last && /^\s*total\b/i.test(cell));
    return { row: r, months, totalColumn: totalColumn === -1 ? undefined : totalColumn };
  }
  return undefined;
}

const TOTAL_LABEL = /^\s*(total\b|sub-?total\b)|\bsub-?total\s*$|^\s*(gross (profit|margin)|net (ordinary |operating |other )?(income|profit|loss|earnings)|operating (profit|income)|ebitda)\b/i;
export const NET_INCOME = /^\s*net (income|profit|earnings|\(loss\)|profit \(loss\)|income \(loss\))\s*$/i;
export const INCOME_SECTION = /^\s*(ordinary income\/expense|income|revenue|revenues|trading income|sales|other income|operating income|income from operations)\s*$/i;
export const EXPENSE_SECTION = /^\s*(expenses?|operating expenses|less operating expenses|cost of (goods sold|sales)|cogs|other expenses?|overheads|direct costs|payroll expenses)\s*$/i;

/** Blank, a dash, or an amount; `undefined` = not an amount at all (the row is not data). */
function cellAmount(text: string): Cents | null | undefined {
  const t = text.trim();
  if (t === '' || t === '-' || t === '–' || t === '—') return null;
  const r = parseMoney(t, { decimalSeparator: '.' });
  return r.ok ? r.value : undefined;
}

export interface PlParse {
  readonly records: PlLine[];
  readonly issues: Issue[];
  readonly rowsRead: number;
  readonly rowsRejected: number;
  readonly months: readonly MonthKey[];
  /** The report's own net income line, per month and for the total column (undefined when absent). */
  readonly reportedNetIncome: Readonly<Record<string, Cents>> | undefined;
  /** Σ income accounts − Σ expense accounts, the same way. */
  readonly computedNetIncome: Readonly<Record<string, Cents>>;
  readonly subtotalsSkipped: number;
}

/** Parses a P&L-by-month report from rows of text. Never throws for bad input. */
export function parsePlByMonth(rows: readonly (readonly string[])[], file: string, header: PlHeader): PlParse {
  const issues: Issue[] = [];
  const records: PlLine[] = [];
  const monthCols = [...header.months.entries()];
  const months = monthCols.map(([, m]) => m);
  const firstMonthCol = Math.min(...header.months.keys());
  const computed: Record<string, Cents> = {};
  let reported: Record<string, Cents> | undefined;
  let section: PlSection | undefined;
  // Account rows since the last section header or subtotal, to recognise unlabelled subtotals.
  let group: Cents[][] = [];
  let rowsRead = 0;
  let rowsRejected = 0;
  let subtotalsSkipped = 0;
  const columns = [...monthCols.map(([c]) => c), ...(header.totalColumn === undefined ? [] : [header.totalColumn])];
  const keyOf = (c: number) => header.months.get(c) ?? 'total';

  for (let r = header.row + 1; r < rows.length; r++) {
    const row = rows[r] ?? [];
    const line = r + 1;
    // Sage puts the account code and name in two columns; QuickBooks Desktop indents sub-accounts by column.
    const label = row
      .slice(0, firstMonthCol)
      .map((c) => c.trim())
      .filter((c) => c !== '')
      .join(' ');
    const amounts = columns.map((c) => cellAmount(row[c] ?? ''));
    if (label === '' && amounts.every((a) => a === null)) continue;
    if (amounts.every((a) => a === null)) {
      // A section header (or a parent account heading its sub-accounts).
      if (INCOME_SECTION.test(label)) section = 'income';
      else if (EXPENSE_SECTION.test(label)) section = 'expense';
      group = [];
      continue;
    }
    if (amounts.some((a) => a === undefined)) {
      // Footers after the net income line ("Cash Basis Friday, April 4, 2025") are not data.
      if (reported !== undefined) continue;
      rowsRead++;
      rowsRejected++;
      const bad = columns.find((_, i) => amounts[i] === undefined) ?? 0;
      issues.push(issue('money-invalid', 'error', messages.moneyNotANumber(row[bad] ?? ''), { file, line, column: String(rows[header.row]?.[bad] ?? '') }));
      continue;
    }
    const values = amounts.map((a) => a ?? 0);
    if (TOTAL_LABEL.test(label)) {
      if (NET_INCOME.test(label)) reported = Object.fromEntries(columns.map((c, i) => [keyOf(c), values[i] ?? 0]));
      group = [];
      continue;
    }
    const account = splitAccount(label);
    if (account.number === undefined && group.length >= 2 && columns.every((_, i) => group.reduce((s, g) => s + (g[i] ?? 0), 0) === values[i])) {
      // An unlabelled subtotal: the sum of the account rows just above it, in every column.
      subtotalsSkipped++;
      issues.push(issue('pl-subtotal-skipped', 'info', messages.plSubtotalSkipped(label), { file, line }));
      group = [];
      continue;
    }
    rowsRead++;
    group.push(values);
    const rowSection: PlSection = section ?? (account.number?.startsWith('4') ? 'income' : 'expense');
    const sign = rowSection === 'income' ? 1 : -1;
    let monthsSum = 0;
    monthCols.forEach(([, month], i) => {
      const cents = values[i] ?? 0;
      monthsSum += cents;
      computed[month] = (computed[month] ?? 0) + sign * cents;
      if (amounts[i] === null) return;
      records.push({
        type: 'pl-line',
        key: `${file}:${line}:${month}`,
        lineage: { source: file, line, profile: PL_PROFILE },
        month,
        ...(account.number === undefined ? {} : { accountNumber: account.number }),
        accountName: account.name,
        section: rowSection,
        amountCents: cents,
        debitCents: rowSection === 'income' ? -cents || 0 : cents,
      });
    });
    if (header.totalColumn !== undefined) {
      const total = values[columns.length - 1] ?? 0;
      computed.total = (computed.total ?? 0) + sign * total;
      if (total !== monthsSum) issues.push(issue('pl-row-total', 'warning', messages.plRowTotalMismatch(label, formatCents(monthsSum), formatCents(total)), { file, line }));
    }
  }
  if (reported !== undefined) {
    for (const [key, value] of Object.entries(reported)) {
      const mine = computed[key] ?? 0;
      if (mine !== value) issues.push(issue('pl-does-not-tie', 'error', messages.plDoesNotTie(key, formatCents(mine), formatCents(value)), { file }));
    }
  }
  return { records, issues, rowsRead, rowsRejected, months, reportedNetIncome: reported, computedNetIncome: computed, subtotalsSkipped };
}
