/**
 * GL account → practice account, by rules a bookkeeper can read: a number range, a number prefix
 * or a name pattern. First matching rule wins. The rules live in the workbook as a table, so a
 * practice edits them there and the next build uses them.
 */
import { issue, type Issue } from '../issues';
import { messages } from '../messages';
import { formatCents, type Cents } from '../money';
import type { MonthKey } from '../period';
import { UNMAPPED, practiceAccount, presentedCents } from './chart';

export type MappingRule =
  | { readonly kind: 'range'; readonly from: string; readonly to: string; readonly account: string }
  | { readonly kind: 'prefix'; readonly prefix: string; readonly account: string }
  /** Case-insensitive regular expression tested against the account name. */
  | { readonly kind: 'name'; readonly pattern: string; readonly account: string };

/**
 * Rule target for balance-sheet accounts (cash, receivables, payables, equity): a GL detail export
 * usually lists them too, but they are not P&L lines, so they are left out of budgets and variance
 * (with a note in the Import log), not put on the Unmapped line.
 */
export const BALANCE_SHEET = 'balance-sheet';

/** A GL account as exports identify it: a number (text) when there is one, and a name. */
export interface GlAccount {
  readonly number?: string | undefined;
  readonly name: string;
}

/**
 * Default rules for the usual small-practice GL numbering (4xxx income, 5xxx–7xxx expense) and,
 * for exports without numbers, account names. A practice's own rules go before these.
 */
export const defaultMappingRules: readonly MappingRule[] = [
  { kind: 'range', from: '1000', to: '3999', account: BALANCE_SHEET },
  { kind: 'range', from: '4000', to: '4799', account: '4000' },
  { kind: 'range', from: '4800', to: '4999', account: '4900' },
  { kind: 'range', from: '5000', to: '5099', account: '5000' },
  { kind: 'range', from: '5100', to: '5199', account: '5100' },
  { kind: 'prefix', prefix: '52', account: '5200' },
  { kind: 'prefix', prefix: '53', account: '5300' },
  { kind: 'prefix', prefix: '54', account: '5400' },
  { kind: 'prefix', prefix: '55', account: '5500' },
  { kind: 'prefix', prefix: '56', account: '5600' },
  { kind: 'prefix', prefix: '57', account: '5700' },
  { kind: 'prefix', prefix: '58', account: '5800' },
  { kind: 'prefix', prefix: '59', account: '5900' },
  { kind: 'prefix', prefix: '60', account: '6000' },
  { kind: 'prefix', prefix: '61', account: '6100' },
  { kind: 'range', from: '6200', to: '6899', account: '6200' },
  { kind: 'name', pattern: 'patient (service )?(revenue|fees|income)|net patient|fee.for.service', account: '4000' },
  { kind: 'name', pattern: 'physician|provider comp|doctor', account: '5000' },
  { kind: 'name', pattern: 'salar|wages|payroll|staff|benefit', account: '5100' },
  { kind: 'name', pattern: 'software|computer|\\bIT\\b|EHR|internet', account: '5200' },
  { kind: 'name', pattern: 'medical suppl|surgical suppl', account: '5300' },
  { kind: 'name', pattern: 'drug|vaccine|pharma', account: '5400' },
  { kind: 'name', pattern: 'rent|lease|utilit|janitor|occupancy|building', account: '5500' },
  { kind: 'name', pattern: 'depreciation|equipment|furniture', account: '5600' },
  { kind: 'name', pattern: 'insurance|malpractice|liability', account: '5700' },
  { kind: 'name', pattern: 'legal|accounting|consult|professional fees', account: '5800' },
  { kind: 'name', pattern: 'marketing|advertis|promotion', account: '5900' },
  { kind: 'name', pattern: 'billing|collection|clearinghouse', account: '6000' },
  { kind: 'name', pattern: 'office suppl|postage|printing|admin', account: '6100' },
];

function numeric(s: string): boolean {
  return /^\d+$/.test(s);
}

/** Whether `rule` maps `account`. Ranges compare as numbers when all three are digits, else as text. */
export function ruleMatches(rule: MappingRule, account: GlAccount): boolean {
  const n = account.number?.trim();
  switch (rule.kind) {
    case 'range': {
      if (n === undefined || n === '') return false;
      if (numeric(n) && numeric(rule.from) && numeric(rule.to)) return Number(n) >= Number(rule.from) && Number(n) <= Number(rule.to);
      return n >= rule.from && n <= rule.to;
    }
    case 'prefix':
      return n !== undefined && n !== '' && n.startsWith(rule.prefix);
    case 'name': {
      try {
        return new RegExp(rule.pattern, 'i').test(account.name);
      } catch {
        return false;
      }
    }
  }
}

/** The practice account id for a GL account, `BALANCE_SHEET`, or `UNMAPPED`. Rules pointing at unknown ids are ignored. */
export function mapAccount(account: GlAccount, rules: readonly MappingRule[]): string {
  for (const rule of rules) {
    if (rule.account !== BALANCE_SHEET && practiceAccount(rule.account) === undefined) continue;
    if (ruleMatches(rule, account)) return rule.account;
  }
  return UNMAPPED;
}

/** Text that names a GL account the way the export did: `6950 Bank charges`. */
export function accountLabel(account: GlAccount): string {
  return account.number ? `${account.number} ${account.name}` : account.name;
}

/** One GL amount to map: debit-positive cents in a month. */
export interface LedgerAmount {
  readonly account: GlAccount;
  readonly month: MonthKey;
  readonly debitCents: Cents;
}

export interface MappedActuals {
  /** Practice account id → month → amount as the P&L shows it (revenue and expense positive). */
  readonly byLine: ReadonlyMap<string, ReadonlyMap<MonthKey, Cents>>;
  /** GL account label → practice account id, for every account seen (the Accounts table). */
  readonly accounts: ReadonlyMap<string, { readonly account: GlAccount; readonly line: string; readonly debitCents: Cents }>;
  /** One warning per unmapped GL account, naming it and its amount. */
  readonly issues: readonly Issue[];
}

/**
 * Maps GL amounts onto practice lines, month by month. Nothing is dropped: an account no rule maps
 * lands on the Unmapped line, with an issue naming it and its net amount. `overrides` (GL account
 * label → practice id, the workbook's user-owned mapping column) win over the rules.
 */
export function mapActuals(
  amounts: Iterable<LedgerAmount>,
  rules: readonly MappingRule[],
  file: string,
  overrides: ReadonlyMap<string, string> = new Map(),
): MappedActuals {
  const byLine = new Map<string, Map<MonthKey, Cents>>();
  const accounts = new Map<string, { account: GlAccount; line: string; debitCents: Cents }>();
  const balanceSheet = new Map<string, Cents>();
  for (const a of amounts) {
    const label = accountLabel(a.account);
    let seen = accounts.get(label);
    if (seen === undefined) {
      const override = overrides.get(label);
      const line = override !== undefined && practiceAccount(override) !== undefined ? override : mapAccount(a.account, rules);
      if (line === BALANCE_SHEET) {
        balanceSheet.set(label, (balanceSheet.get(label) ?? 0) + a.debitCents);
        continue;
      }
      seen = { account: a.account, line, debitCents: 0 };
      accounts.set(label, seen);
    }
    seen.debitCents += a.debitCents;
    const target = practiceAccount(seen.line);
    if (target === undefined) throw new Error(`unknown practice account ${seen.line}`);
    const months = byLine.get(seen.line) ?? new Map<MonthKey, Cents>();
    months.set(a.month, (months.get(a.month) ?? 0) + presentedCents(target, a.debitCents));
    byLine.set(seen.line, months);
  }
  const issues: Issue[] = [];
  for (const [label, a] of accounts) {
    if (a.line === UNMAPPED) issues.push(issue('account-unmapped', 'warning', messages.accountUnmapped(label, formatCents(a.debitCents)), { file }));
  }
  for (const [label, cents] of balanceSheet) issues.push(issue('account-balance-sheet', 'info', messages.accountBalanceSheet(label, formatCents(cents)), { file }));
  return { byLine, accounts, issues };
}
