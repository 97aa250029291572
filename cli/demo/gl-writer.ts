/**
 * The demo practice's books: its general ledger (P&L accounts only, as a filtered GL report shows
 * them) built from the simulation, so revenue is exactly the patient payments the PM data holds,
 * month by month, and costs follow the practice's size and volume. Written as a bookkeeper would
 * export it: the prior year as a QuickBooks-style GL detail and a "profit and loss by month"
 * report, the current year to date as a Xero-style account transactions export.
 *
 * On purpose, for the demo to show those paths: account 6950 Bank service charges matches no
 * default mapping rule (it lands on "Unmapped"), and the P&L carries an extra unlabelled subtotal
 * ("Staff costs") under the payroll accounts.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Cents } from '../../core/money';
import { roundCents } from '../../core/money';
import { daysInMonth, weekday, type CalendarDate, type MonthKey } from '../../core/period';
import type { DemoModel } from './generate';
import { isPracticeHoliday } from './generate';
import { Random } from './random';
import { csvLine } from './rows';

export interface LedgerAccount {
  readonly number: string;
  readonly name: string;
  readonly section: 'income' | 'expense';
  /** Shown under the "5100 Payroll Expenses" heading in the P&L. */
  readonly payroll?: boolean;
}

/** The demo practice's own chart of accounts (not the practice chart the workbooks report on). */
export const DEMO_ACCOUNTS: readonly LedgerAccount[] = [
  { number: '4000', name: 'Patient fees - insurance', section: 'income' },
  { number: '4010', name: 'Patient fees - patients', section: 'income' },
  { number: '4090', name: 'Patient refunds', section: 'income' },
  { number: '4800', name: 'Interest and other income', section: 'income' },
  { number: '5000', name: 'Provider salaries', section: 'expense' },
  { number: '5050', name: 'Provider benefits', section: 'expense' },
  { number: '5110', name: 'Front desk wages', section: 'expense', payroll: true },
  { number: '5120', name: 'Medical assistant wages', section: 'expense', payroll: true },
  { number: '5130', name: 'Billing staff wages', section: 'expense', payroll: true },
  { number: '5150', name: 'Payroll taxes and benefits', section: 'expense', payroll: true },
  { number: '5210', name: 'EHR and software subscriptions', section: 'expense' },
  { number: '5310', name: 'Medical supplies', section: 'expense' },
  { number: '5410', name: 'Vaccines and drugs', section: 'expense' },
  { number: '5510', name: 'Rent', section: 'expense' },
  { number: '5520', name: 'Utilities and janitorial', section: 'expense' },
  { number: '5610', name: 'Depreciation expense', section: 'expense' },
  { number: '5710', name: 'Malpractice insurance', section: 'expense' },
  { number: '5720', name: 'General liability insurance', section: 'expense' },
  { number: '5810', name: 'Accounting and legal', section: 'expense' },
  { number: '5910', name: 'Advertising', section: 'expense' },
  { number: '6010', name: 'Clearinghouse and billing service', section: 'expense' },
  { number: '6110', name: 'Office supplies and postage', section: 'expense' },
  { number: '6210', name: 'Continuing education', section: 'expense' },
  { number: '6950', name: 'Bank service charges', section: 'expense' },
];

/** Support staff roles, their share of the staff cost and what they are paid: the demo's staffing plan. */
export const DEMO_STAFF = [
  { account: '5110', id: 'FD', label: 'Front desk', share: 0.3, hourlyRate: 18.5 },
  { account: '5120', id: 'MA', label: 'Medical assistants', share: 0.5, hourlyRate: 20.75 },
  { account: '5130', id: 'BILL', label: 'Billing staff', share: 0.2, hourlyRate: 24 },
] as const;
export const STAFF_BENEFITS_LOAD = 0.24;
const PAID_HOURS_PER_FTE = 2080;

/**
 * Costs are set from the practice's collections in the year before the export's year, roughly in
 * the proportions MGMA reports for primary care (providers ~40%, support staff ~20%, occupancy ~6%),
 * so the demo's P&L looks like a practice that makes a small margin.
 */
function baseCollections(model: DemoModel): Cents {
  const year = String(Number(model.asOf.slice(0, 4)) - 1);
  return model.transactions.filter((t) => t.type === 'payment' && t.postDate.startsWith(year)).reduce((s, t) => s + t.amountCents, 0);
}

/** The demo's support staff: FTE per role (to 0.1) and hourly rate, in the prior year. */
export function demoStaffing(model: DemoModel): { id: string; label: string; account: string; fte: number; hourlyRate: number }[] {
  const staffCost = 0.2 * baseCollections(model) / 100;
  return DEMO_STAFF.map((s) => ({
    id: s.id,
    label: s.label,
    account: s.account,
    hourlyRate: s.hourlyRate,
    fte: Math.max(0.5, Math.round((10 * s.share * staffCost) / (s.hourlyRate * PAID_HOURS_PER_FTE * (1 + STAFF_BENEFITS_LOAD))) / 10),
  }));
}

export interface LedgerPosting {
  readonly date: CalendarDate;
  readonly account: LedgerAccount;
  /** Debit positive. */
  readonly debitCents: Cents;
  readonly memo: string;
  /** QuickBooks class / Xero tracking: the location. */
  readonly location: string;
}

const account = (n: string): LedgerAccount => {
  const a = DEMO_ACCOUNTS.find((x) => x.number === n);
  if (a === undefined) throw new Error(`no demo account ${n}`);
  return a;
};

function workingDays(month: MonthKey): CalendarDate[] {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const out: CalendarDate[] = [];
  for (let d = 1; d <= daysInMonth(y, m); d++) {
    const date = `${month}-${String(d).padStart(2, '0')}`;
    if (weekday(date) !== 0 && weekday(date) !== 6 && !isPracticeHoliday(date)) out.push(date);
  }
  return out;
}

/** The demo's postings for the months given (YYYY-MM), deterministic for the model's seed. */
export function demoLedger(model: DemoModel, months: readonly MonthKey[]): LedgerPosting[] {
  const random = Random.derive(model.options.seed, 'ledger');
  const wanted = new Set(months);
  const locationName = new Map(model.practice.locations.map((l) => [l.locationId, l.name]));
  const main = model.practice.locations[0]?.name ?? '';
  const out: LedgerPosting[] = [];
  const post = (date: CalendarDate, n: string, debitCents: Cents, memo: string, location = main) => {
    if (debitCents !== 0) out.push({ date, account: account(n), debitCents, memo, location });
  };

  // Revenue: the day's patient payments, deposited the day they were posted (cash basis).
  const claimLocation = new Map(model.claims.map((c) => [c.claimId, c.locationId]));
  const deposits = new Map<string, Cents>();
  for (const t of model.transactions) {
    if (t.type !== 'payment' || !wanted.has(t.postDate.slice(0, 7))) continue;
    const n = t.amountCents < 0 ? '4090' : t.paymentSource === 'insurance' ? '4000' : '4010';
    const key = `${t.postDate}|${n}|${locationName.get(claimLocation.get(t.claimId) ?? '') ?? main}`;
    deposits.set(key, (deposits.get(key) ?? 0) - t.amountCents);
  }
  for (const [key, credit] of [...deposits.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const [date, n, location] = key.split('|') as [string, string, string];
    post(date, n, credit, n === '4090' ? 'Refunds to patients' : 'Deposit', location);
  }

  const encountersByMonth = new Map<MonthKey, number>();
  for (const e of model.encounters) encountersByMonth.set(e.date.slice(0, 7), (encountersByMonth.get(e.date.slice(0, 7)) ?? 0) + 1);
  const insuranceByMonth = new Map<MonthKey, Cents>();
  for (const t of model.transactions) {
    if (t.type === 'payment' && t.paymentSource === 'insurance') insuranceByMonth.set(t.postDate.slice(0, 7), (insuranceByMonth.get(t.postDate.slice(0, 7)) ?? 0) + t.amountCents);
  }
  const base = baseCollections(model) / 100;
  const baseYear = Number(model.asOf.slice(0, 4)) - 1;
  const baseEncounters = model.encounters.filter((e) => e.date.startsWith(String(baseYear))).length || 1;
  const locations = model.practice.locations.length;
  const staffing = demoStaffing(model);

  for (const month of months) {
    const days = workingDays(month);
    const first = `${month}-01`;
    const last = `${month}-${String(daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)))).padStart(2, '0')}`;
    const mid = `${month}-15`;
    const encounters = encountersByMonth.get(month) ?? 0;
    const year = Number(month.slice(0, 4));
    // Pay and prices rise 3% at each new year after the base year.
    const raise = 1.03 ** Math.max(0, year - baseYear);
    const monthly = (share: number) => (share * base * raise) / 12;
    post(last, '4800', -roundCents(random.triangular(150, 400, 900) * 100), 'Interest');
    for (const payday of [mid, last]) post(payday, '5000', roundCents((monthly(0.4) / 2) * 100), 'Payroll');
    post(last, '5050', roundCents(monthly(0.4 * 0.18) * 100), 'Provider benefits');
    let wages = 0;
    for (const s of staffing) {
      const hours = s.fte * days.length * 8 * random.triangular(0.97, 1, 1.06);
      const cents = roundCents(hours * s.hourlyRate * raise * 100);
      wages += cents;
      post(mid, s.account, Math.floor(cents / 2), 'Payroll');
      post(last, s.account, cents - Math.floor(cents / 2), 'Payroll');
    }
    post(last, '5150', roundCents(wages * STAFF_BENEFITS_LOAD), 'Payroll taxes and benefits');
    post(first, '5210', roundCents(monthly(0.03) * 100), 'EHR subscription');
    const suppliesPerEncounter = (0.035 * base * raise) / baseEncounters;
    for (const week of [7, 14, 21, 28]) {
      post(`${month}-${String(week).padStart(2, '0')}`, '5310', roundCents((encounters / 4) * suppliesPerEncounter * random.triangular(0.9, 1, 1.15) * 100), 'Supply order');
    }
    const flu = month.endsWith('-10') || month.endsWith('-11') ? 2 : 0.8;
    post(mid, '5410', roundCents(encounters * ((0.02 * base * raise) / baseEncounters) * flu * random.triangular(0.9, 1, 1.2) * 100), 'Vaccines and drugs');
    for (const l of model.practice.locations) post(first, '5510', roundCents((monthly(0.055) / locations) * 100) + 1, 'Rent', l.name);
    post(mid, '5520', roundCents(monthly(0.012) * random.triangular(0.8, 1, 1.4) * 100), 'Utilities and cleaning');
    post(last, '5610', roundCents(monthly(0.012) * 100), 'Depreciation');
    post(first, '5710', roundCents(monthly(0.012) * 100), 'Malpractice premium');
    post(first, '5720', roundCents(monthly(0.003) * 100), 'Liability premium');
    post(last, '5810', roundCents(monthly(0.008) * (month.endsWith('-03') || month.endsWith('-04') ? 3 : 0.8) * 100), 'Bookkeeping and tax');
    post(mid, '5910', roundCents(monthly(0.006) * random.triangular(0.5, 1, 2) * 100), 'Advertising');
    post(last, '6010', roundCents((insuranceByMonth.get(month) ?? 0) * 0.042), 'Billing service');
    post(mid, '6110', roundCents(monthly(0.009) * random.triangular(0.8, 1, 1.3) * 100), 'Office supplies');
    if (random.chance(0.4)) post(mid, '6210', roundCents(random.triangular(300, 800, 2_400) * 100), 'CME course');
    post(last, '6950', roundCents(random.triangular(35, 48, 90) * 100), 'Monthly service charge');
  }
  return out.sort((a, b) => (a.account.number === b.account.number ? a.date.localeCompare(b.date) : a.account.number.localeCompare(b.account.number)));
}

/** 1234.5 → `1,234.50`; negatives in parentheses, as report exports write them. */
export function reportAmount(cents: Cents, parentheses = true): string {
  const abs = Math.abs(cents);
  const text = `${Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${String(abs % 100).padStart(2, '0')}`;
  if (cents >= 0) return text;
  return parentheses ? `(${text})` : `-${text}`;
}

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const mdy = (d: CalendarDate) => `${d.slice(5, 7)}/${d.slice(8, 10)}/${d.slice(0, 4)}`;
const monthHeader = (m: MonthKey) => `${MONTH_NAMES[Number(m.slice(5, 7)) - 1]} ${m.slice(0, 4)}`;

/** QuickBooks "General Ledger" CSV: account headings, postings with a signed Amount and running Balance, "Total for" lines. */
export function glDetailCsv(practiceName: string, period: string, postings: readonly LedgerPosting[]): string {
  let text = csvLine([practiceName]) + csvLine(['General Ledger']) + csvLine([period]) + '\n';
  text += csvLine(['', 'Date', 'Transaction Type', 'Num', 'Name', 'Class', 'Memo/Description', 'Split', 'Amount', 'Balance']);
  let grand = 0;
  for (const a of DEMO_ACCOUNTS) {
    const mine = postings.filter((p) => p.account === a);
    if (mine.length === 0) continue;
    text += csvLine([`${a.number} ${a.name}`, '', '', '', '', '', '', '', '', '']);
    let balance = 0;
    mine.forEach((p, i) => {
      balance += p.debitCents;
      const type = a.section === 'income' ? 'Deposit' : 'Expense';
      text += csvLine(['', mdy(p.date), type, String(i + 1), '', p.location, p.memo, '1000 Operating account', reportAmount(p.debitCents, false), reportAmount(balance, false)]);
    });
    grand += balance;
    text += csvLine([`Total for ${a.number} ${a.name}`, '', '', '', '', '', '', '', `$${reportAmount(balance, false)}`.replace('$-', '-$'), '']);
  }
  text += '\n' + csvLine(['TOTAL', '', '', '', '', '', '', '', `$${reportAmount(grand, false)}`.replace('$-', '-$'), '']);
  return text;
}

/** Xero "Account Transactions" CSV: one row per posting with Debit and Credit columns and the account code. */
export function accountTransactionsCsv(practiceName: string, postings: readonly LedgerPosting[]): string {
  let text = csvLine(['Account Transactions']) + csvLine([practiceName]) + '\n';
  text += csvLine(['Date', 'Source', 'Description', 'Reference', 'Debit', 'Credit', 'Account Code', 'Account', 'Tracking']);
  const xeroDate = (d: CalendarDate) => `${Number(d.slice(8, 10))} ${MONTH_NAMES[Number(d.slice(5, 7)) - 1]} ${d.slice(0, 4)}`;
  for (const p of [...postings].sort((a, b) => a.date.localeCompare(b.date) || a.account.number.localeCompare(b.account.number))) {
    const debit = p.debitCents > 0 ? reportAmount(p.debitCents) : '';
    const credit = p.debitCents < 0 ? reportAmount(-p.debitCents) : '';
    text += csvLine([xeroDate(p.date), p.account.section === 'income' ? 'Receive Money' : 'Spend Money', p.memo, '', debit, credit, p.account.number, p.account.name, p.location]);
  }
  return text;
}

/**
 * QuickBooks "Profit and Loss by Month" CSV: Income and Expenses sections, the payroll accounts
 * under a "5100 Payroll Expenses" heading with an unlabelled "Staff costs" subtotal and a "Total"
 * line, Total/Gross Profit/Net Operating Income lines, and the report's own Net Income line.
 */
export function plByMonthCsv(practiceName: string, months: readonly MonthKey[], postings: readonly LedgerPosting[]): string {
  const cols = months.length + 1;
  const blank = () => Array<string>(cols).fill('');
  const amounts = new Map<string, Cents[]>();
  for (const p of postings) {
    const i = months.indexOf(p.date.slice(0, 7));
    if (i === -1) continue;
    const row = amounts.get(p.account.number) ?? Array<Cents>(months.length).fill(0);
    // As the report shows it: income as credits, expenses as debits.
    row[i] = (row[i] ?? 0) + (p.account.section === 'income' ? -p.debitCents : p.debitCents);
    amounts.set(p.account.number, row);
  }
  const line = (label: string, values: readonly Cents[]) => csvLine([label, ...values.map((v) => reportAmount(v)), reportAmount(values.reduce((s, v) => s + v, 0))]);
  const sum = (accounts: readonly LedgerAccount[]) => months.map((_, i) => accounts.reduce((s, a) => s + (amounts.get(a.number)?.[i] ?? 0), 0));
  const income = DEMO_ACCOUNTS.filter((a) => a.section === 'income' && amounts.has(a.number));
  const expense = DEMO_ACCOUNTS.filter((a) => a.section === 'expense' && amounts.has(a.number));
  const payroll = expense.filter((a) => a.payroll === true);
  const first = months[0] ?? '';
  const lastMonth = months[months.length - 1] ?? '';
  let text = csvLine([practiceName]) + csvLine(['Profit and Loss by Month']) + csvLine([`${monthHeader(first)} - ${monthHeader(lastMonth)}`]) + '\n';
  text += csvLine(['', ...months.map(monthHeader), 'Total']);
  text += csvLine(['Income', ...blank()]);
  for (const a of income) text += line(`${a.number} ${a.name}`, amounts.get(a.number) ?? []);
  const totalIncome = sum(income);
  text += line('Total Income', totalIncome) + line('Gross Profit', totalIncome);
  text += csvLine(['Expenses', ...blank()]);
  let payrollDone = false;
  for (const a of expense) {
    if (a.payroll === true) {
      if (payrollDone) continue;
      payrollDone = true;
      text += csvLine(['5100 Payroll Expenses', ...blank()]);
      for (const p of payroll) text += line(`   ${p.number} ${p.name}`, amounts.get(p.number) ?? []);
      text += line('   Staff costs', sum(payroll));
      text += line('Total 5100 Payroll Expenses', sum(payroll));
      continue;
    }
    text += line(`${a.number} ${a.name}`, amounts.get(a.number) ?? []);
  }
  const totalExpense = sum(expense);
  const net = totalIncome.map((v, i) => v - (totalExpense[i] ?? 0));
  text += line('Total Expenses', totalExpense) + line('Net Operating Income', net) + line('Net Income', net);
  text += '\n' + csvLine([`Accrual Basis ${practiceName}`]);
  return text;
}

export interface WrittenLedgerFile {
  readonly path: string;
  readonly rows: number;
  readonly bytes: number;
}

/** The demo's GL files, in DIR/gl: prior-year GL detail and P&L by month, current year to date GL. */
export function ledgerFileNames(model: DemoModel): { priorYear: number; year: number; glPrior: string; plPrior: string; glCurrent: string; throughMonth: number } {
  const year = Number(model.asOf.slice(0, 4));
  return { priorYear: year - 1, year, glPrior: `general-ledger-${year - 1}.csv`, plPrior: `profit-and-loss-by-month-${year - 1}.csv`, glCurrent: `account-transactions-${year}-ytd.csv`, throughMonth: Number(model.asOf.slice(5, 7)) };
}

/** Writes the three GL exports of the demo practice into `dir` (a folder of its own). */
export function writeDemoLedger(model: DemoModel, dir: string): WrittenLedgerFile[] {
  mkdirSync(dir, { recursive: true });
  const names = ledgerFileNames(model);
  const months = (year: number, through: number) => Array.from({ length: through }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  const prior = months(names.priorYear, 12);
  const current = months(names.year, names.throughMonth);
  const priorPostings = demoLedger(model, prior);
  const currentPostings = demoLedger(model, current);
  const files: [string, string, number][] = [
    [names.glPrior, glDetailCsv(model.practice.name, `January - December ${names.priorYear}`, priorPostings), priorPostings.length],
    [names.plPrior, plByMonthCsv(model.practice.name, prior, priorPostings), DEMO_ACCOUNTS.length],
    [names.glCurrent, accountTransactionsCsv(model.practice.name, currentPostings), currentPostings.length],
  ];
  return files.map(([name, text, rows]) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return { path, rows, bytes: Buffer.byteLength(text) };
  });
}
