/**
 * General-ledger and budget records (DESIGN.md section 3): what a GL detail export, a
 * "profit and loss by month" report and a budget yield. Money is integer cents.
 */
import { z } from 'zod';
import { CalendarDateSchema, CentsSchema, Lineage } from './common';

const base = {
  key: z.string().min(1),
  lineage: Lineage,
};

/** `YYYY-MM`. */
export const MonthKeySchema = z.string().regex(/^\d{4}-\d{2}$/, 'a month as YYYY-MM');

/**
 * One posting of a GL detail export. `amountCents` is debit-positive (debit − credit), the ledger's
 * own sign, whatever sign convention the export used; `statedAmountCents` keeps the export's sign.
 */
export const GlEntry = z.object({
  type: z.literal('gl-entry'),
  ...base,
  date: CalendarDateSchema,
  /** Account number as text (leading zeros kept); absent when the export names accounts only. */
  accountNumber: z.string().optional(),
  accountName: z.string().min(1),
  amountCents: CentsSchema,
  statedAmountCents: CentsSchema,
  memo: z.string().optional(),
  /** QuickBooks class, Xero tracking category, Sage department… as the export names it. */
  className: z.string().optional(),
  department: z.string().optional(),
  location: z.string().optional(),
});
export type GlEntry = z.infer<typeof GlEntry>;

/** Which half of a P&L a row sits in. */
export const PlSection = z.enum(['income', 'expense']);
export type PlSection = z.infer<typeof PlSection>;

/**
 * One account × month cell of a "profit and loss by month" report. `amountCents` is as the report
 * shows it within its section (income positive in the income section, expense positive in the
 * expense section); `debitCents` is the same amount in the ledger's debit-positive sign.
 */
export const PlLine = z.object({
  type: z.literal('pl-line'),
  ...base,
  month: MonthKeySchema,
  accountNumber: z.string().optional(),
  accountName: z.string().min(1),
  section: PlSection,
  amountCents: CentsSchema,
  debitCents: CentsSchema,
});
export type PlLine = z.infer<typeof PlLine>;

/** One budgeted amount for a practice account and month, under a scenario. */
export const BudgetLine = z.object({
  type: z.literal('budget-line'),
  ...base,
  scenario: z.enum(['base', 'conservative', 'optimistic']),
  /** Practice chart account id (core/accounts/chart.ts), e.g. `5300`. */
  account: z.string().min(1),
  month: MonthKeySchema,
  /** As the P&L shows it: revenue positive, expense positive. */
  amountCents: CentsSchema,
  /** Which driver or rule produced it, e.g. `volume × net rate`, `prior year × (1 + inflation)`. */
  driver: z.string().optional(),
});
export type BudgetLine = z.infer<typeof BudgetLine>;
