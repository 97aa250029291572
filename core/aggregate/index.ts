/**
 * Dataset → the fact tables of the KPI workbook (Facts, Aging, Distinct). The aggregation itself is
 * the incremental one of stream.ts (one implementation): the dataset's records are fed through it.
 * The group-by definitions are in definitions.ts.
 */
import type { Dataset } from '../dataset';
import { voidedNote } from './reading';
import { createAggregator } from './stream';
import type { AggregateOptions, Aggregates } from './types';

export * from './types';
export { agingBuckets } from './types';

/**
 * Aggregates a dataset to the workbook grain. Pure: the same dataset gives the same tables.
 */
export function aggregate(dataset: Dataset, options: AggregateOptions = {}): Aggregates {
  const aggregator = createAggregator();
  aggregator.addDataset(dataset);
  const { aggregates, voidedRecords } = aggregator.finish(options);
  // An assembled dataset has set voided lines aside already; one built otherwise may still hold some.
  if (voidedRecords === 0) return aggregates;
  return { ...aggregates, notes: [voidedNote(voidedRecords), ...aggregates.notes] };
}
