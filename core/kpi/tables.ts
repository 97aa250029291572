/**
 * The workbook's data tables as KPI formulas address them: table names, dimension columns and the
 * text written in the key columns. The KPI plan builder writes the tables with exactly these names;
 * KPI formulas read them with structured references (`Facts[Charges]`).
 * Criteria values are always our own safe text (keys, labels, numbers), never imported names.
 */
import type { AgingBucket, PeriodKind, SliceDimension } from '../aggregate/types';
import { payerClassLabels, type PayerClass } from '../model';

export const FACTS = 'Facts';
export const AGING = 'Aging';
export const DISTINCT = 'Distinct';

export const factColumns = {
  month: 'Month',
  providerKey: 'Provider key',
  provider: 'Provider',
  locationKey: 'Location key',
  location: 'Location',
  payerClass: 'Payer class',
  payerKey: 'Payer key',
  payer: 'Payer',
} as const;

export const agingColumns = {
  month: 'Month',
  providerKey: 'Provider key',
  locationKey: 'Location key',
  payerClass: 'Payer class',
  payerKey: 'Payer key',
  bucket: 'Bucket',
  daysFrom: 'Days from',
  open: 'Open balance',
  claims: 'Claims',
} as const;

export const distinctColumns = {
  period: 'Period',
  month: 'Month',
  slice: 'Slice',
  key: 'Key',
} as const;

/** Text in Distinct[Period]. */
export const periodLabels: Record<PeriodKind, string> = { month: 'Month', t12: 'T12', ytd: 'YTD' };

/** Text in Distinct[Slice]. */
export const sliceLabels: Record<SliceDimension, string> = {
  all: 'All',
  provider: 'Provider',
  location: 'Location',
  payerClass: 'Payer class',
  payer: 'Payer',
};

/** First day of each aging bucket: `Aging[Days from]` holds it, so "over 90" is the criterion `">=91"`. */
export const bucketStart: Record<AgingBucket, number> = { '0-30': 0, '31-60': 31, '61-90': 61, '91-120': 91, '121+': 121 };

/** Bucket captions as the Aging table shows them (text that no spreadsheet reads as a date). */
export const bucketLabels: Record<AgingBucket, string> = {
  '0-30': '0 to 30 days',
  '31-60': '31 to 60 days',
  '61-90': '61 to 90 days',
  '91-120': '91 to 120 days',
  '121+': 'Over 120 days',
};

/** The payer class as the tables show it and formulas match it (`Medicare`). */
export function payerClassText(payerClass: PayerClass): string {
  return payerClassLabels[payerClass];
}
