/**
 * The Facts table computed by embedded DuckDB from canonical-layout CSVs (core/aggregate/sql.ts):
 * the path for data that outgrows files, where the same SQL runs on the group's warehouse.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { factsSql, sqlFactMeasures, type CanonicalFiles } from '../../core/aggregate/sql';
import type { FactMeasure } from '../../core/aggregate/types';
import type { PayerClass } from '../../core/model';

/** One Facts row keyed by member identities (`id:PRV001`), as core/aggregate/members.ts names them. */
export interface SqlFactRow {
  readonly month: string;
  readonly provider: string;
  readonly location: string;
  readonly payerClass: PayerClass;
  readonly payer: string;
  readonly measures: Partial<Record<FactMeasure, number>>;
}

/** Runs the Facts SQL over `files` in an in-memory DuckDB. */
export async function duckdbFacts(files: CanonicalFiles): Promise<SqlFactRow[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(factsSql(files));
    return reader.getRowObjectsJS().map((r) => {
      const measures: Partial<Record<FactMeasure, number>> = {};
      for (const m of sqlFactMeasures) measures[m] = Number(r[m] ?? 0);
      return {
        month: String(r.month),
        provider: String(r.provider),
        location: String(r.location),
        payerClass: String(r.payer_class) as PayerClass,
        payer: String(r.payer),
        measures,
      };
    });
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
