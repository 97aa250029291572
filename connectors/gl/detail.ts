/**
 * GL detail exports ("General Ledger", "Transaction Detail by Account", "Account Transactions"):
 * one posting per row with a date, the account (number and name, in one column or two), and a
 * signed amount or debit and credit columns, plus class/department/location. QuickBooks also
 * writes the account as a heading row above its postings with a "Total for …" row after them;
 * both layouts are read. Amounts become debit-positive cents.
 */
import { issue, type Issue } from '../../core/issues';
import { messages } from '../../core/messages';
import type { GlEntry } from '../../core/model';
import { parseMoney, type Cents } from '../../core/money';
import { parseDate, type DateOrder } from '../../core/period';
import type { GlAccount } from '../../core/accounts/mapping';
import { splitAccount } from './account';

export const GL_PROFILE = 'gl-detail';

const SYNONYMS = {
  date: /^(date|transaction date|txn date|trans(action)? date|posting date|posted date|journal date|gl date|entry date)$/,
  accountNumber: /^(account (number|no\.?|#|code)|acct\.? ?(#|no\.?|number)|gl (account )?(code|number)|nominal code|n\/c|code)$/,
  accountName: /^(account|account name|account description|gl account|gl account name|nominal( account)? name|distribution account)$/,
  amount: /^(amount|net|net amount|value|amount \(usd\)|signed amount)$/,
  debit: /^(debit|debits|dr|debit amount|debit \(usd\))$/,
  credit: /^(credit|credits|cr|credit amount|credit \(usd\))$/,
  memo: /^(memo|description|memo\/description|narrative|details|transaction description)$/,
  className: /^(class|tracking|tracking category|division|fund)$/,
  department: /^(department|dept\.?|cost cent(er|re))$/,
  location: /^(location|site|branch|clinic)$/,
} as const;
type Field = keyof typeof SYNONYMS;

export interface GlHeader {
  readonly row: number;
  readonly columns: Readonly<Partial<Record<Field, number>>>;
  readonly headers: readonly string[];
}

/** The header row of a GL detail export: a date column and an amount or debit/credit columns. */
export function findGlHeader(rows: readonly (readonly string[])[]): GlHeader | undefined {
  for (let r = 0; r < Math.min(rows.length, 30); r++) {
    const headers = rows[r] ?? [];
    const columns: Partial<Record<Field, number>> = {};
    headers.forEach((h, c) => {
      const name = h.trim().toLowerCase();
      for (const field of Object.keys(SYNONYMS) as Field[]) {
        if (columns[field] === undefined && SYNONYMS[field].test(name)) {
          columns[field] = c;
          break;
        }
      }
    });
    if (columns.date !== undefined && (columns.amount !== undefined || (columns.debit !== undefined && columns.credit !== undefined))) return { row: r, columns, headers };
  }
  return undefined;
}

export interface GlOptions {
  /** How the export signs a single amount column: QuickBooks and most GLs write debits positive. */
  readonly amountSign?: 'debit-positive' | 'credit-positive' | undefined;
  readonly dateOrder?: DateOrder | undefined;
}

export interface GlParse {
  readonly records: GlEntry[];
  readonly issues: Issue[];
  readonly rowsRead: number;
  readonly rowsRejected: number;
}

const SKIP_LABEL = /^\s*(total\b|beginning balance|opening balance|closing balance|ending balance|balance forward)/i;

/** Day-first or month-first from the column itself; month-first (US packages) with a warning when nothing tells. */
function dateOrderOf(rows: readonly (readonly string[])[], from: number, column: number): { order: DateOrder; guessed: boolean } {
  for (let r = from; r < rows.length; r++) {
    const m = /^(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}/.exec((rows[r]?.[column] ?? '').trim());
    if (!m) continue;
    if (Number(m[1]) > 12) return { order: 'DMY', guessed: false };
    if (Number(m[2]) > 12) return { order: 'MDY', guessed: false };
  }
  return { order: 'MDY', guessed: true };
}

/** Parses GL detail rows. Never throws for bad input. */
export function parseGlDetail(rows: readonly (readonly string[])[], file: string, header: GlHeader, options: GlOptions = {}): GlParse {
  const col = header.columns;
  const issues: Issue[] = [];
  const records: GlEntry[] = [];
  const dateCol = col.date ?? 0;
  const detected = options.dateOrder === undefined ? dateOrderOf(rows, header.row + 1, dateCol) : { order: options.dateOrder, guessed: false };
  let warnedOrder = false;
  let heading: GlAccount | undefined;
  let rowsRead = 0;
  let rowsRejected = 0;
  const text = (row: readonly string[], field: Field) => {
    const c = col[field];
    return c === undefined ? '' : (row[c] ?? '').trim();
  };
  const money = (t: string): Cents | undefined | 'bad' => {
    if (t === '' || t === '-') return undefined;
    const r = parseMoney(t, { decimalSeparator: '.' });
    return r.ok ? r.value : 'bad';
  };

  for (let r = header.row + 1; r < rows.length; r++) {
    const row = rows[r] ?? [];
    const line = r + 1;
    const dateText = text(row, 'date');
    const nonEmpty = row.map((c) => c.trim()).filter((c) => c !== '');
    if (nonEmpty.length === 0) continue;
    if (dateText === '') {
      // A heading row (the account of the postings below it), a total, or a balance line.
      const first = nonEmpty[0] ?? '';
      if (SKIP_LABEL.test(first)) continue;
      if (nonEmpty.length === 1 || (col.accountName === undefined && col.accountNumber === undefined)) heading = splitAccount(first);
      continue;
    }
    const labelInDate = SKIP_LABEL.test(dateText);
    if (labelInDate) continue;
    rowsRead++;
    const date = parseDate(dateText, detected.order);
    if (!date.ok) {
      rowsRejected++;
      issues.push(issue('date-invalid', 'error', date.error.message, { file, line, column: header.headers[dateCol] ?? 'Date' }));
      continue;
    }
    if (detected.guessed && !warnedOrder && /^\d{1,2}[/.-]\d{1,2}[/.-]/.test(dateText)) {
      warnedOrder = true;
      issues.push(issue('date-order-assumed', 'warning', messages.dateAmbiguous(dateText) + ' (read as month/day, the order US accounting packages use)', { file, line }));
    }
    let debit: Cents;
    let stated: Cents;
    if (col.amount !== undefined) {
      const a = money(text(row, 'amount'));
      if (a === 'bad' || a === undefined) {
        rowsRejected++;
        issues.push(issue('money-invalid', 'error', a === 'bad' ? messages.moneyNotANumber(text(row, 'amount')) : messages.moneyEmpty(), { file, line, column: header.headers[col.amount] ?? 'Amount' }));
        continue;
      }
      stated = a;
      debit = options.amountSign === 'credit-positive' ? -a || 0 : a;
    } else {
      const d = money(text(row, 'debit'));
      const c = money(text(row, 'credit'));
      if (d === 'bad' || c === 'bad') {
        rowsRejected++;
        issues.push(issue('money-invalid', 'error', messages.moneyNotANumber(d === 'bad' ? text(row, 'debit') : text(row, 'credit')), { file, line }));
        continue;
      }
      debit = (d ?? 0) - (c ?? 0);
      stated = debit;
    }
    const number = text(row, 'accountNumber');
    const name = text(row, 'accountName');
    let account: GlAccount | undefined;
    if (number !== '' || name !== '') {
      const fromName = splitAccount(name);
      account = number !== '' ? { number, name: fromName.name === '' ? number : name } : fromName;
    } else account = heading;
    if (account === undefined) {
      rowsRejected++;
      issues.push(issue('gl-no-account', 'error', messages.glNoAccount(), { file, line }));
      continue;
    }
    const memo = text(row, 'memo');
    const className = text(row, 'className');
    const department = text(row, 'department');
    const location = text(row, 'location');
    records.push({
      type: 'gl-entry',
      key: `${file}:${line}`,
      lineage: { source: file, line, profile: GL_PROFILE },
      date: date.value.date,
      ...(account.number === undefined ? {} : { accountNumber: account.number }),
      accountName: account.name,
      amountCents: debit,
      statedAmountCents: stated,
      ...(memo === '' ? {} : { memo }),
      ...(className === '' ? {} : { className }),
      ...(department === '' ? {} : { department }),
      ...(location === '' ? {} : { location }),
    });
  }
  return { records, issues, rowsRead, rowsRejected };
}
