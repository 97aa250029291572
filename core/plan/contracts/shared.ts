/** Names and small helpers the contract workbook's sheets share. */
import type { Cents } from '../../money';
import { centsToDollars } from '../../money';

export const SHEETS = {
  about: 'About',
  compare: 'Compare',
  payments: 'Expected vs paid',
  trend: 'Effective rate',
  whatIf: 'What-if',
  medicare: 'Medicare',
  schedules: 'Fee schedules',
  importLog: 'Import log',
} as const;

/** Named ranges of the practice locality's GPCIs on the Medicare sheet. */
export const NAMES = { work: 'GPCI_Work', pe: 'GPCI_PE', mp: 'GPCI_MP' } as const;

/** The lookup key of a code and pricing modifier in the Medicare and fee-schedule tables: `99213|`, `71046|26`. */
export const codeKey = (code: string, modifier: string) => `${code}|${modifier}`;

/** Cents → the dollars a money cell holds; null stays blank. */
export const dollars = (cents: Cents | null | undefined): number | null => (cents === null || cents === undefined ? null : centsToDollars(cents));

/** A text literal inside a formula: quotes doubled. */
export const literal = (text: string) => `"${text.replace(/"/g, '""')}"`;

/** Pricing modifiers (26, TC) decide which RVU row applies; others do not change the Medicare amount. */
export const pricingModifier = (modifiers: readonly string[]) => modifiers.map((m) => m.toUpperCase()).find((m) => m === '26' || m === 'TC') ?? '';
