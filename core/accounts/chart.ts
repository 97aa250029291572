/**
 * The practice chart of accounts: P&L lines organised like the MGMA Cost and Revenue survey
 * categories, so a practice can compare itself with the survey. Budgets and variance are kept at
 * this level; GL accounts map onto it (mapping.ts).
 */
import type { AccountType } from '../variance/variance';

export interface PracticeAccount {
  /** Stable id, also the sort order (MGMA-like numbering of our own). */
  readonly id: string;
  readonly name: string;
  readonly type: AccountType;
  /** MGMA Cost and Revenue survey category the line corresponds to. */
  readonly mgmaCategory: string;
}

/** The id of the line where money from unmapped GL accounts waits until someone maps it. */
export const UNMAPPED = '9999';

export const practiceChart: readonly PracticeAccount[] = [
  { id: '4000', name: 'Net patient service revenue', type: 'revenue', mgmaCategory: 'Total net fee-for-service revenue' },
  { id: '4900', name: 'Other medical revenue', type: 'revenue', mgmaCategory: 'Other medical revenue' },
  { id: '5000', name: 'Provider compensation', type: 'expense', mgmaCategory: 'Provider compensation and benefits' },
  { id: '5100', name: 'Support staff salaries and benefits', type: 'expense', mgmaCategory: 'Total support staff cost' },
  { id: '5200', name: 'Information technology', type: 'expense', mgmaCategory: 'Information technology expense' },
  { id: '5300', name: 'Medical and surgical supplies', type: 'expense', mgmaCategory: 'Medical and surgical supply expense' },
  { id: '5400', name: 'Drug supply', type: 'expense', mgmaCategory: 'Drug supply expense' },
  { id: '5500', name: 'Building and occupancy', type: 'expense', mgmaCategory: 'Building and occupancy expense' },
  { id: '5600', name: 'Furniture and equipment', type: 'expense', mgmaCategory: 'Furniture and equipment expense (incl. depreciation)' },
  { id: '5700', name: 'Professional liability and other insurance', type: 'expense', mgmaCategory: 'Professional liability insurance premiums; other insurance premiums' },
  { id: '5800', name: 'Outside professional fees', type: 'expense', mgmaCategory: 'Outside professional fees' },
  { id: '5900', name: 'Promotion and marketing', type: 'expense', mgmaCategory: 'Promotion and marketing expense' },
  { id: '6000', name: 'Billing and collection purchased services', type: 'expense', mgmaCategory: 'Billing and collections purchased services' },
  { id: '6100', name: 'Administrative supplies', type: 'expense', mgmaCategory: 'Administrative supplies and services' },
  { id: '6200', name: 'Other operating expense', type: 'expense', mgmaCategory: 'Miscellaneous operating cost' },
  { id: UNMAPPED, name: 'Unmapped', type: 'expense', mgmaCategory: '(GL accounts not yet mapped; map them to clear this line)' },
];

const byId = new Map(practiceChart.map((a) => [a.id, a]));

/** The practice account with this id; undefined for an id the chart does not have. */
export function practiceAccount(id: string): PracticeAccount | undefined {
  return byId.get(id);
}

/**
 * An amount in the ledger's debit-positive sign, as the P&L shows it on this line: revenue is a
 * credit, so it flips; expense (and Unmapped, kept debit-positive so net income stays right) does not.
 */
export function presentedCents(line: PracticeAccount, debitCents: number): number {
  const v = line.type === 'revenue' ? -debitCents : debitCents;
  return v === 0 ? 0 : v;
}
